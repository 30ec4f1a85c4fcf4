package io.synod.examples.coordination.wire;

import io.synod.examples.coordination.tree.Stat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.apache.jute.Record;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.proto.ErrorResponse;
import org.apache.zookeeper.proto.ExistsResponse;
import org.apache.zookeeper.proto.GetACLResponse;
import org.apache.zookeeper.proto.GetAllChildrenNumberResponse;
import org.apache.zookeeper.proto.GetChildrenResponse;
import org.apache.zookeeper.proto.GetEphemeralsResponse;
import org.apache.zookeeper.proto.SetACLResponse;
import org.apache.zookeeper.proto.SetDataResponse;
import org.apache.zookeeper.proto.SetSASLResponse;
import org.apache.zookeeper.proto.SyncResponse;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every reply body, byte for byte against ZooKeeper 3.9.5's own Jute classes (for each op that answers
 * with it), and decoded back by our {@link ResponseDecoder} from ZooKeeper's bytes.
 */
class ResponseCrossCheckProperties {

    @Property(tries = 3_000)
    void everyReplyBodyEncodesAsZooKeeperAndDecodesBack(@ForAll("replies") Tuple2<OpCode, Response> reply) {
        OpCode op = reply.get1();
        Response ours = reply.get2();
        byte[] theirs = theirs(op, ours);
        assertArrayEquals(theirs, ours.toBytes(), () -> op + " reply " + ours + " encodes differently from ZooKeeper's");
        assertEquals(ours, ResponseDecoder.decode(op, new JuteReader(theirs)));
    }

    @Property(tries = 500)
    void connectResponses(@ForAll int version, @ForAll int timeOut, @ForAll long session, @ForAll boolean readOnly,
                          @ForAll boolean oldClient) {
        byte[] passwd = new byte[ConnectResponse.PASSWORD_BYTES];
        new java.util.SplittableRandom(session).nextBytes(passwd);
        ConnectResponse ours = new ConnectResponse(version, timeOut, session, passwd, readOnly && !oldClient, oldClient);
        byte[] full = Theirs.bytes(new org.apache.zookeeper.proto.ConnectResponse(version, timeOut, session, passwd,
            readOnly && !oldClient));
        byte[] expected = oldClient ? java.util.Arrays.copyOf(full, full.length - 1) : full;
        assertArrayEquals(expected, ours.toBytes());
        assertEquals(ours, ConnectResponse.read(new JuteReader(expected)));
        byte[] frame = ReplyFrames.connect(ours);
        assertEquals(oldClient ? 36 : 37, frame.length - 4);
    }

    @Property(tries = 500)
    void notificationsAsZooKeeperSendsThem(@ForAll int type, @ForAll int state, @ForAll("paths") String path,
                                           @ForAll long zxid) {
        WatcherEvent ours = new WatcherEvent(type, state, path);
        byte[] theirs = Theirs.bytes(new org.apache.zookeeper.proto.WatcherEvent(type, state, path));
        assertArrayEquals(theirs, ours.toBytes());
        assertEquals(ours, WatcherEvent.read(new JuteReader(theirs)));
        byte[] frame = ReplyFrames.notification(zxid, ours);
        byte[] header = Theirs.bytes(new org.apache.zookeeper.proto.ReplyHeader(Xid.NOTIFICATION, zxid, 0));
        assertArrayEquals(header, java.util.Arrays.copyOfRange(frame, 4, 4 + ReplyHeader.BYTES));
    }

    @Property(tries = 20)
    void anErrorReplyIsTheHeaderAlone(@ForAll int xid, @ForAll long zxid) {
        byte[] frame = ReplyFrames.reply(new ReplyHeader(xid, zxid, -101), new PathResponse("/ignored"));
        assertEquals(4 + ReplyHeader.BYTES, frame.length);
        assertEquals(0x10, frame[3]);
    }

    @Provide
    Arbitrary<String> paths() {
        return WireArbitraries.path();
    }

    @Provide
    Arbitrary<Tuple2<OpCode, Response>> replies() {
        Arbitrary<Stat> stat = WireArbitraries.stats();
        Arbitrary<String> path = WireArbitraries.path();
        return Arbitraries.oneOf(List.<Arbitrary<? extends Tuple2<OpCode, Response>>>of(
            path.map(p -> reply(OpCode.CREATE, new CreateResponse(p))),
            Combinators.combine(Arbitraries.of(OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL), path, stat)
                .as((op, p, s) -> reply(op, new Create2Response(p, s))),
            Combinators.combine(Arbitraries.of(OpCode.EXISTS, OpCode.SET_DATA, OpCode.SET_ACL), stat)
                .as((op, s) -> reply(op, new StatResponse(s))),
            Combinators.combine(WireArbitraries.data(), stat).as((d, s) -> reply(OpCode.GET_DATA, new GetDataResponse(d, s))),
            Combinators.combine(WireArbitraries.acls(), stat).as((a, s) -> reply(OpCode.GET_ACL, new GetAclResponse(a, s))),
            Combinators.combine(Arbitraries.of(OpCode.GET_CHILDREN, OpCode.GET_EPHEMERALS), WireArbitraries.strings())
                .as((op, c) -> reply(op, new PathsResponse(c))),
            Combinators.combine(WireArbitraries.strings(), stat).as((c, s) -> reply(OpCode.GET_CHILDREN2,
                new GetChildren2Response(c, s))),
            path.map(p -> reply(OpCode.SYNC, new PathResponse(p))),
            Combinators.combine(Arbitraries.of(OpCode.GET_ALL_CHILDREN_NUMBER, OpCode.ADD_WATCH), WireArbitraries.ints())
                .as((op, n) -> reply(op, new IntResponse(n))),
            Combinators.combine(WireArbitraries.text().injectNull(0.1), WireArbitraries.text().injectNull(0.1))
                .as(io.synod.examples.coordination.wire.ClientInfo::new).list().ofMaxSize(4).injectNull(0.05)
                .map(infos -> reply(OpCode.WHO_AM_I, new WhoAmIResponse(infos))),
            WireArbitraries.data().map(t -> reply(OpCode.SASL, new SaslResponse(t))),
            Combinators.combine(Arbitraries.of(OpCode.MULTI, OpCode.MULTI_READ),
                WireArbitraries.multiResults().list().ofMaxSize(5)).as((op, r) -> reply(op, new MultiResponse(r))),
            Arbitraries.of(OpCode.DELETE, OpCode.PING, OpCode.CLOSE_SESSION, OpCode.AUTH, OpCode.SET_WATCHES,
                OpCode.SET_WATCHES2, OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES).map(op -> reply(op, Response.EMPTY))));
    }

    private static Tuple2<OpCode, Response> reply(OpCode op, Response response) {
        return Tuple.of(op, response);
    }

    /** ZooKeeper's bytes for the same reply. */
    static byte[] theirs(OpCode op, Response ours) {
        if (ours == Response.EMPTY) {
            return new byte[0];
        }
        if (ours instanceof MultiResponse multi) {
            org.apache.zookeeper.MultiResponse theirs = new org.apache.zookeeper.MultiResponse();
            multi.results().forEach(r -> theirs.add(result(r)));
            return Theirs.bytes(theirs);
        }
        return Theirs.bytes(record(op, ours));
    }

    private static Record record(OpCode op, Response ours) {
        if (ours instanceof CreateResponse c) {
            return new org.apache.zookeeper.proto.CreateResponse(c.path());
        } else if (ours instanceof Create2Response c) {
            return new org.apache.zookeeper.proto.Create2Response(c.path(), Theirs.stat(c.stat()));
        } else if (ours instanceof StatResponse s) {
            return switch (op) {
                case EXISTS -> new ExistsResponse(Theirs.stat(s.stat()));
                case SET_DATA -> new SetDataResponse(Theirs.stat(s.stat()));
                default -> new SetACLResponse(Theirs.stat(s.stat()));
            };
        } else if (ours instanceof GetDataResponse g) {
            return new org.apache.zookeeper.proto.GetDataResponse(g.data(), Theirs.stat(g.stat()));
        } else if (ours instanceof GetAclResponse g) {
            return new GetACLResponse(Theirs.acls(g.acl()), Theirs.stat(g.stat()));
        } else if (ours instanceof PathsResponse p) {
            return op == OpCode.GET_CHILDREN ? new GetChildrenResponse(p.paths()) : new GetEphemeralsResponse(p.paths());
        } else if (ours instanceof GetChildren2Response g) {
            return new org.apache.zookeeper.proto.GetChildren2Response(g.children(), Theirs.stat(g.stat()));
        } else if (ours instanceof PathResponse p) {
            return new SyncResponse(p.path());
        } else if (ours instanceof IntResponse i) {
            return op == OpCode.ADD_WATCH ? new ErrorResponse(i.value()) : new GetAllChildrenNumberResponse(i.value());
        } else if (ours instanceof WhoAmIResponse w) {
            return new org.apache.zookeeper.proto.WhoAmIResponse(w.clientInfo() == null ? null
                : w.clientInfo().stream().map(c -> new ClientInfo(c.authScheme(), c.user())).toList());
        } else if (ours instanceof SaslResponse s) {
            return new SetSASLResponse(s.token());
        }
        throw new IllegalArgumentException("no ZooKeeper record for " + ours);
    }

    private static OpResult result(MultiResult ours) {
        Response body = ours.body();
        return switch (ours.type()) {
            case CREATE -> new OpResult.CreateResult(((CreateResponse) body).path());
            case CREATE2 -> new OpResult.CreateResult(((Create2Response) body).path(), Theirs.stat(((Create2Response) body).stat()));
            case DELETE -> new OpResult.DeleteResult();
            case CHECK -> new OpResult.CheckResult();
            case SET_DATA -> new OpResult.SetDataResult(Theirs.stat(((StatResponse) body).stat()));
            case GET_DATA -> new OpResult.GetDataResult(((GetDataResponse) body).data(), Theirs.stat(((GetDataResponse) body).stat()));
            case GET_CHILDREN -> new OpResult.GetChildrenResult(((PathsResponse) body).paths());
            case ERROR -> new OpResult.ErrorResult(ours.err());
            default -> throw new IllegalArgumentException("no ZooKeeper result for " + ours);
        };
    }
}
