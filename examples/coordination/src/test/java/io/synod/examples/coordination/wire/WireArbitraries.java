package io.synod.examples.coordination.wire;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.Stat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;

/**
 * Random values of every wire record. Strings avoid surrogates, so that decoding gives back the very
 * string encoded (a character outside the BMP does not survive ZooKeeper's encoding either; see
 * {@code RequestCrossCheckProperties#stringsOfAnyCharsEncodeAndDecodeAsZooKeepersDo}).
 */
final class WireArbitraries {

    private WireArbitraries() {
    }

    static Arbitrary<String> text() {
        return Arbitraries.oneOf(
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(24),
            Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(12),
            Arbitraries.strings().withCharRange('\uE000', '\uFFFF').ofMaxLength(6));
    }

    static Arbitrary<String> path() {
        return Arbitraries.oneOf(text().map(s -> "/" + s), text()).injectNull(0.05);
    }

    static Arbitrary<byte[]> data() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).injectNull(0.1);
    }

    static Arbitrary<Integer> ints() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(-2, 2));
    }

    static Arbitrary<Long> longs() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-2, 2));
    }

    static Arbitrary<Stat> stats() {
        return Arbitraries.longs().array(long[].class).ofSize(11).map(f -> new Stat(f[0], f[1], f[2], f[3], (int) f[4],
            (int) f[5], (int) f[6], f[7], (int) f[8], (int) f[9], f[10]));
    }

    static Arbitrary<Acl> acl() {
        return Combinators.combine(ints(), text(), text()).as((perms, scheme, id) -> new Acl(perms, new Id(scheme, id)));
    }

    static Arbitrary<List<Acl>> acls() {
        return acl().list().ofMaxSize(4).injectNull(0.05);
    }

    static Arbitrary<List<String>> strings() {
        return text().list().ofMaxSize(6).injectNull(0.05);
    }

    /** Strings with no nulls among the elements (ZooKeeper's vectors of ustring cannot hold one either). */
    static Arbitrary<List<String>> nonNullLists() {
        return text().list().ofMaxSize(6);
    }

    static Arbitrary<ErrorCode> errors() {
        return Arbitraries.of(ErrorCode.class).filter(c -> c != ErrorCode.OK);
    }

    static Arbitrary<CreateRequest> creates(OpCode op, int... flags) {
        Arbitrary<Integer> flag = flags.length == 0 ? ints() : Arbitraries.of(box(flags));
        return Combinators.combine(path(), data(), acls(), flag).as((p, d, a, f) -> new CreateRequest(op, p, d, a, f));
    }

    static Arbitrary<CreateTtlRequest> createTtls(int... flags) {
        Arbitrary<Integer> flag = flags.length == 0 ? ints() : Arbitraries.of(box(flags));
        return Combinators.combine(path(), data(), acls(), flag, longs()).as(CreateTtlRequest::new);
    }

    private static Integer[] box(int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    /** Every top-level request a client sends, of every op. */
    static Arbitrary<Request> requests() {
        return Arbitraries.oneOf(List.<Arbitrary<? extends Request>>of(
            creates(OpCode.CREATE).map(r -> (Request) r), creates(OpCode.CREATE2).map(r -> (Request) r),
            creates(OpCode.CREATE_CONTAINER).map(r -> (Request) r), createTtls().map(r -> (Request) r),
            Combinators.combine(path(), ints()).as(DeleteRequest::new),
            Combinators.combine(Arbitraries.of(OpCode.EXISTS, OpCode.GET_DATA, OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2),
                path(), Arbitraries.of(true, false)).as(WatchableRequest::new),
            Combinators.combine(path(), data(), ints()).as(SetDataRequest::new),
            Combinators.combine(Arbitraries.of(OpCode.GET_ACL, OpCode.SYNC, OpCode.GET_ALL_CHILDREN_NUMBER,
                OpCode.GET_EPHEMERALS), path()).as(PathRequest::new),
            Combinators.combine(path(), acls(), ints()).as(SetAclRequest::new),
            Arbitraries.of(EmptyRequest.PING, EmptyRequest.CLOSE_SESSION, EmptyRequest.WHO_AM_I),
            Combinators.combine(ints(), text().injectNull(0.05), data()).as(AuthPacket::new),
            data().map(SaslRequest::new),
            setWatches(), setWatches2(),
            Combinators.combine(path(), ints()).as(AddWatchRequest::new),
            Combinators.combine(Arbitraries.of(OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES), path(), ints())
                .as(WatchRemovalRequest::new),
            multis(), multiReads()));
    }

    static Arbitrary<Request> setWatches() {
        return Combinators.combine(longs(), strings(), strings(), strings())
            .as((z, d, e, c) -> new SetWatchesRequest(OpCode.SET_WATCHES, z, d, e, c, List.of(), List.of()));
    }

    static Arbitrary<Request> setWatches2() {
        return Combinators.combine(longs(), strings(), strings(), strings(), strings(), strings())
            .as((z, d, e, c, p, r) -> new SetWatchesRequest(OpCode.SET_WATCHES2, z, d, e, c, p, r));
    }

    /** Write ops as ZooKeeper's {@code Op} builds them: create with flags 0-3, container 4, TTL 5-6. */
    static Arbitrary<Request> multiWriteOps() {
        return Arbitraries.oneOf(List.<Arbitrary<? extends Request>>of(
            creates(OpCode.CREATE, 0, 1, 2, 3).filter(r -> r.path() != null),
            creates(OpCode.CREATE_CONTAINER, 4).filter(r -> r.path() != null),
            createTtls(5, 6).filter(r -> r.path() != null),
            Combinators.combine(path().filter(p -> p != null), ints()).as(DeleteRequest::new),
            Combinators.combine(path().filter(p -> p != null), data(), ints()).as(SetDataRequest::new),
            Combinators.combine(path().filter(p -> p != null), ints()).as(CheckVersionRequest::new)));
    }

    static Arbitrary<Request> multis() {
        return multiWriteOps().list().ofMaxSize(5).map(ops -> new MultiRequest(OpCode.MULTI, ops));
    }

    /** Read ops as ZooKeeper's {@code Op} builds them: never with a watch. */
    static Arbitrary<Request> multiReadOps() {
        return Combinators.combine(Arbitraries.of(OpCode.GET_DATA, OpCode.GET_CHILDREN), path().filter(p -> p != null))
            .as((op, p) -> new WatchableRequest(op, p, false));
    }

    static Arbitrary<Request> multiReads() {
        return multiReadOps().list().ofMaxSize(5).map(ops -> new MultiRequest(OpCode.MULTI_READ, ops));
    }

    /** Results a multi or multiRead answers with, as ZooKeeper's {@code OpResult}s can express them. */
    static Arbitrary<MultiResult> multiResults() {
        return Arbitraries.oneOf(List.<Arbitrary<? extends MultiResult>>of(
            path().map(p -> MultiResult.ok(OpCode.CREATE, new CreateResponse(p))),
            Combinators.combine(path(), stats()).as((p, s) -> MultiResult.ok(OpCode.CREATE2, new Create2Response(p, s))),
            Arbitraries.just(MultiResult.ok(OpCode.DELETE, Response.EMPTY)),
            Arbitraries.just(MultiResult.ok(OpCode.CHECK, Response.EMPTY)),
            stats().map(s -> MultiResult.ok(OpCode.SET_DATA, new StatResponse(s))),
            Combinators.combine(data(), stats()).as((d, s) -> MultiResult.ok(OpCode.GET_DATA, new GetDataResponse(d, s))),
            nonNullLists().map(c -> MultiResult.ok(OpCode.GET_CHILDREN, new PathsResponse(c))),
            errors().map(MultiResult::error)));
    }
}
