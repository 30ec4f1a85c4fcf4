package io.synod.examples.coordination.acl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * ZooKeeper's access decisions: whether the ids a client authenticated hold a permission under a
 * znode's ACL ({@code checkACL}), and how a requested ACL is made concrete before it is stored
 * ({@code fixupACL}).
 *
 * <p>The authenticated ids of a request are the ids its connection proved: {@code ip:<address>}
 * added by the server on accept, {@code digest:user:hash} for each {@code addauth digest}, and
 * {@code super:} when the digest was the configured super user's. For writes they travel inside
 * the logged command, so every replica decides alike with no session state of its own; for reads
 * the server that holds the connection passes them.
 *
 * <pre>{@code
 * List<Id> ids = List.of(new Id("digest", DigestScheme.digest("alice:secret")));
 * boolean may = AccessControl.permits(node.acl(), Perms.WRITE, ids);
 * List<Acl> stored = AccessControl.fixup(List.of(new Acl(Perms.ALL, new Id("auth", ""))), ids);
 * }</pre>
 */
public final class AccessControl {

    /** The scheme of the id a super user's connection holds: it bypasses every check. */
    public static final String SUPER = "super";

    private AccessControl() {
    }

    /**
     * Whether {@code authenticated} may do {@code perm} (one or more {@link Perms} bits: any of them
     * suffices) on a znode whose ACL is {@code acl}. An empty ACL permits everything, as in ZooKeeper.
     */
    public static boolean permits(List<Acl> acl, int perm, List<Id> authenticated) {
        if (acl.isEmpty()) {
            return true;
        }
        for (Id id : authenticated) {
            if (SUPER.equals(id.scheme())) {
                return true;
            }
        }
        for (Acl entry : acl) {
            if ((entry.perms() & perm) == 0) {
                continue;
            }
            Id id = entry.id();
            if (id.equals(Id.ANYONE)) {
                return true;
            }
            for (Id candidate : authenticated) {
                if (candidate.scheme().equals(id.scheme()) && matches(id.scheme(), candidate.id(), id.id())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The ACL to store for a requested one: duplicates dropped (first kept), {@code auth} entries
     * replaced by one entry per authenticated id of an authenticating scheme (digest), every other
     * id checked by its scheme.
     *
     * @throws InvalidAclException for an empty list, an {@code auth} entry with no authenticated id
     *         to expand to, or an id its scheme refuses (or of an unknown scheme)
     */
    public static List<Acl> fixup(List<Acl> requested, List<Id> authenticated) throws InvalidAclException {
        List<Acl> unique = new ArrayList<>(new LinkedHashSet<>(requested));
        if (unique.isEmpty()) {
            throw new InvalidAclException("an ACL needs at least one entry");
        }
        List<Acl> result = new ArrayList<>(unique.size());
        for (Acl entry : unique) {
            Id id = entry.id();
            if (id.equals(Id.ANYONE)) {
                result.add(entry);
            } else if ("auth".equals(id.scheme())) {
                boolean expanded = false;
                for (Id candidate : authenticated) {
                    if (isAuthenticating(candidate.scheme())) {
                        result.add(new Acl(entry.perms(), candidate));
                        expanded = true;
                    }
                }
                if (!expanded) {
                    throw new InvalidAclException("auth scheme with no authenticated id");
                }
            } else if (!isValid(id)) {
                throw new InvalidAclException("invalid id " + id.scheme() + ":" + id.id());
            } else {
                result.add(entry);
            }
        }
        return result;
    }

    /**
     * The ACL as {@code getACL} shows it to a reader that lacks ADMIN: digest hashes replaced by
     * {@code x}, so that a reader cannot attack the password offline.
     */
    public static List<Acl> redacted(List<Acl> acl) {
        List<Acl> shown = new ArrayList<>(acl.size());
        for (Acl entry : acl) {
            Id id = entry.id();
            if (DigestScheme.NAME.equals(id.scheme())) {
                shown.add(new Acl(entry.perms(), new Id(id.scheme(), id.id().replaceAll(":.*", ":x"))));
            } else {
                shown.add(entry);
            }
        }
        return shown;
    }

    /** Whether an id names something its scheme accepts in an ACL. */
    public static boolean isValid(Id id) {
        return switch (id.scheme()) {
            case DigestScheme.NAME -> DigestScheme.isValid(id.id());
            case IpScheme.NAME -> IpScheme.isValid(id.id());
            default -> false;
        };
    }

    /** Schemes whose ids a client proves (so that {@code auth} expands to them); ip is observed, not proved. */
    private static boolean isAuthenticating(String scheme) {
        return DigestScheme.NAME.equals(scheme);
    }

    private static boolean matches(String scheme, String authenticated, String aclId) {
        return switch (scheme) {
            case DigestScheme.NAME -> DigestScheme.matches(authenticated, aclId);
            case IpScheme.NAME -> IpScheme.matches(authenticated, aclId);
            default -> false;
        };
    }
}
