package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.DigestScheme;
import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.acl.Perms;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random write histories over a small set of paths, so that ops collide: creates of every mode
 * (sequential ones under two prefixes), deletes, setData, setACL, check, multi, sessions closing,
 * versions that match and miss, a few invalid paths, ACLs that lock a client out, and issuers
 * with and without authenticated ids.
 */
final class Histories {

    static final Id ALICE = new Id(DigestScheme.NAME, DigestScheme.digest("alice:secret"));
    static final Id CLIENT_IP = new Id("ip", "10.1.2.3");
    static final Id SUPER = new Id("super", "");

    private static final List<String> PATHS = List.of("/a", "/b", "/a", "/b", "/a/c", "/a/c", "/a/d", "/b/c", "/a/c/e", "/t",
            "/a/s-0000000000", "/a/s-0000000001", "/a/s-0000000002", "/s-0000000000", "/s-0000000003");
    private static final List<String> ODD_PATHS = List.of("/", "/zookeeper", "/zookeeper/config", "/a/", "a",
            "/a//c", "/a/.", "/a/..", "/x\u0001", "/zookeeper/quota");
    private static final List<String> SEQUENTIAL_BASES = List.of("/a/s-", "/s-", "/a/");

    static final List<List<Acl>> ACLS = List.of(
            Acl.OPEN,
            List.of(new Acl(Perms.READ, Id.ANYONE)),
            List.of(new Acl(Perms.ALL, ALICE)),
            List.of(new Acl(Perms.ALL, new Id("auth", ""))),
            List.of(new Acl(Perms.CREATE | Perms.DELETE | Perms.READ, new Id("ip", "10.0.0.0/8"))),
            List.of(new Acl(Perms.ALL, Id.ANYONE), new Acl(Perms.ALL, Id.ANYONE)),
            List.of(),
            List.of(new Acl(Perms.ALL, new Id("world", "someone"))),
            List.of(new Acl(Perms.ALL, new Id("ip", "10.0.0.0/33"))));

    private Histories() {
    }

    static Arbitrary<List<Step>> histories(int maxLength) {
        return step().list().ofMinSize(Math.min(20, maxLength)).ofMaxSize(maxLength);
    }

    static Arbitrary<Step> step() {
        Arbitrary<Long> session = Arbitraries.of(0L, 1L, 2L, 3L);
        Arbitrary<List<Id>> auth = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(List.<Id>of())),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(List.of(ALICE))),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(List.of(CLIENT_IP))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(List.of(SUPER, CLIENT_IP))));
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, create()),
                net.jqwik.api.Tuple.of(4, delete()),
                net.jqwik.api.Tuple.of(4, setData()),
                net.jqwik.api.Tuple.of(2, setAcl()),
                net.jqwik.api.Tuple.of(1, check()),
                net.jqwik.api.Tuple.of(3, multi()),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Op.CloseSession())));
        return Combinators.combine(session, auth, op).as(Step::new);
    }

    static Arbitrary<String> path() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.of(PATHS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(ODD_PATHS)));
    }

    static Arbitrary<Integer> version() {
        return Arbitraries.of(-1, -1, 0, 1, 2);
    }

    static Arbitrary<byte[]> data() {
        return Arbitraries.oneOf(Arbitraries.just((byte[]) null),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(6));
    }

    static Arbitrary<Op> create() {
        Arbitrary<CreateMode> mode = Arbitraries.of(CreateMode.class);
        Arbitrary<List<Acl>> acl = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.just(Acl.OPEN)),
                net.jqwik.api.Tuple.of(6, Arbitraries.of(ACLS)));
        return Combinators.combine(path(), Arbitraries.of(SEQUENTIAL_BASES), data(), acl, mode,
                        Arbitraries.of(-1L, -1L, 0L, 5L, 1000L, DataTree.MAX_TTL + 1))
                .as((path, base, data, a, m, ttl) -> {
                    long fittingTtl = m.isTtl() ? (ttl == -1L ? 1000L : ttl) : (ttl == 5L ? 5L : -1L);
                    return new Op.Create(m.isSequential() ? base : path, data, a, m, fittingTtl);
                });
    }

    static Arbitrary<Op> delete() {
        return Combinators.combine(path(), version()).as(Op.Delete::new);
    }

    static Arbitrary<Op> setData() {
        return Combinators.combine(path(), data(), version()).as(Op.SetData::new);
    }

    static Arbitrary<Op> setAcl() {
        return Combinators.combine(path(), Arbitraries.of(ACLS), version()).as(Op.SetAcl::new);
    }

    static Arbitrary<Op> check() {
        return Combinators.combine(path(), version()).as(Op.Check::new);
    }

    static Arbitrary<Op> multi() {
        return Arbitraries.oneOf(create(), delete(), setData(), check()).list().ofMaxSize(4).map(Op.Multi::new);
    }
}
