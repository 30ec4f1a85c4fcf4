package io.synod.examples.coordination.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.server.PrepRequestProcessor;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.apache.zookeeper.server.auth.IPAuthenticationProvider;

/**
 * Our ACL rules against Apache ZooKeeper's own classes: digests against
 * {@code DigestAuthenticationProvider.generateDigest}, ip validity and CIDR matching against
 * {@code IPAuthenticationProvider}, ACL fix-up against {@code PrepRequestProcessor.fixupACL}, and
 * permission checks against {@code ZooKeeperServer.checkACL}.
 */
class AclVsZooKeeperProperties {

    private static final ZooKeeperServer ZK = new ZooKeeperServer();
    private static final IPAuthenticationProvider IP = new IPAuthenticationProvider();

    @Property(tries = 1000)
    void digestIsZooKeepers(@ForAll("credentials") String userAndPassword) throws Exception {
        assertEquals(DigestAuthenticationProvider.generateDigest(userAndPassword), DigestScheme.digest(userAndPassword));
    }

    @Example
    void digestOfAKnownCredential() {
        // zkCli: addauth digest super:secret  ↔  -Dzookeeper.DigestAuthenticationProvider.superDigest=super:...
        assertEquals("super:D/InIHSb7yEEbrWz8b9l71RjZJU=", DigestScheme.digest("super:test"));
    }

    @Property(tries = 3000)
    void ipValidityAndMatchingAreZooKeepers(@ForAll("ipIds") String aclId, @ForAll("addresses") String client) {
        assertEquals(IP.isValid(aclId), IpScheme.isValid(aclId), "valid " + aclId);
        assertEquals(IP.matches(client, aclId), IpScheme.matches(client, aclId), client + " in " + aclId);
    }

    @Property(tries = 2000)
    void fixupAndCheckAreZooKeepers(@ForAll("acls") List<Acl> acl, @ForAll("idLists") List<Id> ids,
                                    @ForAll("perms") int perm) {
        List<ACL> theirs;
        try {
            theirs = PrepRequestProcessor.fixupACL("/p", zkIds(ids), zkAcl(acl));
        } catch (KeeperException.InvalidACLException e) {
            theirs = null;
        }
        List<Acl> ours;
        try {
            ours = AccessControl.fixup(acl, ids);
        } catch (InvalidAclException e) {
            ours = null;
        }
        assertEquals(theirs, ours == null ? null : zkAcl(ours), "fixup of " + acl + " for " + ids);
        boolean zkPermits = true;
        try {
            ZK.checkACL(null, zkAcl(acl), perm, zkIds(ids), "/p", null);
        } catch (KeeperException.NoAuthException e) {
            zkPermits = false;
        }
        assertEquals(zkPermits, AccessControl.permits(acl, perm, ids), "check " + perm + " on " + acl + " for " + ids);
    }

    @Provide
    Arbitrary<String> credentials() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
                Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(8), Arbitraries.strings().ofMaxLength(12))
                        .as((u, p) -> u + ":" + p));
    }

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<Integer> octet = Arbitraries.of(0, 1, 10, 127, 128, 192, 255, 256);
        Arbitrary<String> v4 = Combinators.combine(octet, octet, octet, octet).as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
        Arbitrary<String> v6 = Arbitraries.of("::1", "fe80::1", "2001:db8::8a2e:370:7334", "2001:db8:0:0:0:0:0:1",
                "::", "1:2:3:4:5:6:7:8", "1::2::3", "12345::", "g::1");
        return Arbitraries.oneOf(v4, v6, Arbitraries.of("10.1.2", "10.1.2.3.4", "a.b.c.d", "", "10.01.2.3"));
    }

    @Provide
    Arbitrary<String> ipIds() {
        Arbitrary<String> bits = Arbitraries.of("", "/0", "/1", "/7", "/8", "/16", "/24", "/31", "/32", "/33", "/64",
                "/128", "/129", "/-1", "/x");
        return Combinators.combine(addresses(), bits).as((a, b) -> a + b);
    }

    @Provide
    Arbitrary<List<Acl>> acls() {
        Arbitrary<Id> id = Arbitraries.of(Id.ANYONE, new Id("world", "nobody"), new Id("auth", ""), new Id("auth", "x"),
                new Id("digest", DigestScheme.digest("alice:pw")), new Id("digest", "bob"), new Id("digest", "a:b:c"),
                new Id("ip", "10.0.0.0/8"), new Id("ip", "10.1.2.3"), new Id("ip", "300.1.1.1"), new Id("sasl", "x"),
                new Id("super", ""));
        Arbitrary<Acl> entry = Combinators.combine(Arbitraries.integers().between(0, 31), id).as(Acl::new);
        return entry.list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Id>> idLists() {
        return Arbitraries.of(new Id("digest", DigestScheme.digest("alice:pw")), new Id("digest", DigestScheme.digest("bob:pw")),
                new Id("ip", "10.1.2.3"), new Id("ip", "192.168.1.1"), new Id("super", "")).list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<Integer> perms() {
        return Arbitraries.of(Perms.READ, Perms.WRITE, Perms.CREATE, Perms.DELETE, Perms.ADMIN, Perms.READ | Perms.ADMIN);
    }

    private static List<org.apache.zookeeper.data.Id> zkIds(List<Id> ids) {
        List<org.apache.zookeeper.data.Id> out = new ArrayList<>();
        ids.forEach(id -> out.add(new org.apache.zookeeper.data.Id(id.scheme(), id.id())));
        return out;
    }

    private static List<ACL> zkAcl(List<Acl> acl) {
        List<ACL> out = new ArrayList<>();
        acl.forEach(a -> out.add(new ACL(a.perms(), new org.apache.zookeeper.data.Id(a.id().scheme(), a.id().id()))));
        return out;
    }
}
