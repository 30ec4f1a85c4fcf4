package io.synod.examples.coordination.cli;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.acl.Perms;

import java.util.ArrayList;
import java.util.List;

/**
 * ACLs as zkCli writes them: {@code scheme:id:perms[,scheme:id:perms...]}, perms a subset of
 * {@code cdrwa}. The id is everything between the first and the last colon, so that a digest id
 * ({@code user:hash}) keeps its own colon.
 */
final class AclText {

    private AclText() {
    }

    static List<Acl> parse(String text) {
        List<Acl> acls = new ArrayList<>();
        for (String entry : text.split(",")) {
            int first = entry.indexOf(':');
            int last = entry.lastIndexOf(':');
            if (first < 0 || first == last) {
                throw new IllegalArgumentException(entry + " does not have the form scheme:id:perm");
            }
            acls.add(new Acl(perms(entry.substring(last + 1)),
                new Id(entry.substring(0, first), entry.substring(first + 1, last))));
        }
        return acls;
    }

    static int perms(String letters) {
        int perms = 0;
        for (char c : letters.toCharArray()) {
            perms |= switch (c) {
                case 'r' -> Perms.READ;
                case 'w' -> Perms.WRITE;
                case 'c' -> Perms.CREATE;
                case 'd' -> Perms.DELETE;
                case 'a' -> Perms.ADMIN;
                default -> throw new IllegalArgumentException("unknown perm " + c + " in " + letters + " (use cdrwa)");
            };
        }
        return perms;
    }

    /** ZooKeeper's order: c d r w a. */
    static String letters(int perms) {
        StringBuilder s = new StringBuilder();
        if ((perms & Perms.CREATE) != 0) {
            s.append('c');
        }
        if ((perms & Perms.DELETE) != 0) {
            s.append('d');
        }
        if ((perms & Perms.READ) != 0) {
            s.append('r');
        }
        if ((perms & Perms.WRITE) != 0) {
            s.append('w');
        }
        if ((perms & Perms.ADMIN) != 0) {
            s.append('a');
        }
        return s.toString();
    }

    /** Two lines per entry, as zkCli prints Jute's Id then the perms: {@code 'world,'anyone} then {@code : cdrwa}. */
    static String show(Acl acl) {
        return "'" + acl.id().scheme() + ",'" + acl.id().id() + "\n: " + letters(acl.perms());
    }
}
