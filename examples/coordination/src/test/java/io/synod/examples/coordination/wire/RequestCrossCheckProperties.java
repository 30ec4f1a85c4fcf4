package io.synod.examples.coordination.wire;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.jute.Record;
import org.apache.zookeeper.MultiOperationRecord;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.proto.AddWatchRequest;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.GetACLRequest;
import org.apache.zookeeper.proto.GetAllChildrenNumberRequest;
import org.apache.zookeeper.proto.GetChildren2Request;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetEphemeralsRequest;
import org.apache.zookeeper.proto.GetSASLRequest;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.apache.zookeeper.proto.SetACLRequest;
import org.apache.zookeeper.proto.SetWatches;
import org.apache.zookeeper.proto.SetWatches2;
import org.apache.zookeeper.proto.SyncRequest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every request record, byte for byte against ZooKeeper 3.9.5's own Jute classes: a random value
 * encodes to exactly the bytes {@code BinaryOutputArchive} writes for the same value, and our decoder
 * reads those bytes (header included) back to the value.
 */
class RequestCrossCheckProperties {

    @Property(tries = 4_000)
    void everyRequestEncodesAsZooKeeperAndDecodesBack(@ForAll("requests") Request ours, @ForAll int xid) {
        byte[] body = theirs(ours);
        assertArrayEquals(body, ours.toBytes(), () -> ours + " encodes differently from ZooKeeper's record");

        RequestHeader header = new RequestHeader(xid, ours.op().code());
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(Theirs.bytes(new org.apache.zookeeper.proto.RequestHeader(xid, ours.op().code())));
        frame.writeBytes(body);
        assertEquals(new ClientRequest(header, ours), RequestDecoder.decode(frame.toByteArray()));
    }

    @Property(tries = 500)
    void connectRequestsOfNewAndOldClients(@ForAll int version, @ForAll long zxid, @ForAll int timeOut,
                                           @ForAll long session, @ForAll("passwords") byte[] passwd,
                                           @ForAll boolean readOnly, @ForAll boolean oldClient) {
        ConnectRequest ours = new ConnectRequest(version, zxid, timeOut, session, passwd, readOnly && !oldClient, oldClient);
        byte[] full = Theirs.bytes(new org.apache.zookeeper.proto.ConnectRequest(version, zxid, timeOut, session, passwd,
            readOnly && !oldClient));
        // An old client's request is a new one's without the trailing readOnly byte.
        byte[] expected = oldClient ? java.util.Arrays.copyOf(full, full.length - 1) : full;
        assertArrayEquals(expected, ours.toBytes());
        assertEquals(ours, RequestDecoder.decodeConnect(expected, 0, expected.length));
    }

    @Property(tries = 300)
    void headersEncodeAsZooKeeper(@ForAll int xid, @ForAll int type, @ForAll long zxid, @ForAll int err,
                                  @ForAll boolean done) {
        assertArrayEquals(Theirs.bytes(new org.apache.zookeeper.proto.RequestHeader(xid, type)),
            new RequestHeader(xid, type).toBytes());
        assertArrayEquals(Theirs.bytes(new org.apache.zookeeper.proto.ReplyHeader(xid, zxid, err)),
            new ReplyHeader(xid, zxid, err).toBytes());
        assertArrayEquals(Theirs.bytes(new org.apache.zookeeper.proto.MultiHeader(type, done, err)),
            new MultiHeader(type, done, err).toBytes());
        assertEquals(new ReplyHeader(xid, zxid, err), ReplyHeader.read(new JuteReader(new ReplyHeader(xid, zxid, err).toBytes())));
    }

    /**
     * Any chars at all, lone surrogates and supplementary characters included: our bytes are theirs, and
     * we decode those bytes to the string their reader makes of them (standard UTF-8, so a supplementary
     * character written as two surrogates comes back as replacement characters, on both sides).
     */
    @Property(tries = 1_000)
    void stringsOfAnyCharsEncodeAndDecodeAsZooKeepersDo(@ForAll("anyChars") String path) {
        byte[] theirs = Theirs.bytes(new SyncRequest(path));
        assertArrayEquals(theirs, new PathRequest(OpCode.SYNC, path).toBytes());
        String theirRead = Theirs.read(theirs, SyncRequest::new).getPath();
        assertEquals(theirRead, PathRequest.read(OpCode.SYNC, new JuteReader(theirs)).path());
    }

    @Property(tries = 20)
    void theWellKnownHandshakeBytes() {
        // The new-session request a 3.9 client sends with a 30 s timeout, from the wire reference.
        byte[] bytes = java.util.HexFormat.of().parseHex("00000000" + "0000000000000000" + "00007530" + "0000000000000000"
            + "00000010" + "00".repeat(16) + "00");
        ConnectRequest request = RequestDecoder.decodeConnect(bytes, 0, bytes.length);
        assertEquals(30_000, request.timeOut());
        assertEquals(16, request.passwd().length);
        assertEquals(false, request.oldClient());
        assertEquals(45, bytes.length);
        assertEquals("/a", new String(new PathRequest(OpCode.SYNC, "/a").toBytes(), 4, 2, StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<Request> requests() {
        return WireArbitraries.requests();
    }

    @Provide
    Arbitrary<byte[]> passwords() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(20).injectNull(0.1);
    }

    @Provide
    Arbitrary<String> anyChars() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12),
            Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(3), Arbitraries.of("\uD83D\uDE00", "\uD800", "\uDFFF", "\u0000"))
                .as(String::concat));
    }

    /** ZooKeeper's record for the same value. */
    static byte[] theirs(Request ours) {
        if (ours instanceof EmptyRequest) {
            return new byte[0];
        }
        if (ours instanceof MultiRequest multi) {
            List<Op> ops = new ArrayList<>();
            for (Request op : multi.ops()) {
                ops.add(op(op));
            }
            return Theirs.bytes(new MultiOperationRecord(ops));
        }
        return Theirs.bytes(record(ours));
    }

    private static Record record(Request ours) {
        if (ours instanceof CreateRequest c) {
            return new org.apache.zookeeper.proto.CreateRequest(c.path(), c.data(), Theirs.acls(c.acl()), c.flags());
        } else if (ours instanceof CreateTtlRequest c) {
            return new CreateTTLRequest(c.path(), c.data(), Theirs.acls(c.acl()), c.flags(), c.ttl());
        } else if (ours instanceof DeleteRequest d) {
            return new org.apache.zookeeper.proto.DeleteRequest(d.path(), d.version());
        } else if (ours instanceof WatchableRequest w) {
            return switch (w.op()) {
                case EXISTS -> new ExistsRequest(w.path(), w.watch());
                case GET_DATA -> new GetDataRequest(w.path(), w.watch());
                case GET_CHILDREN -> new GetChildrenRequest(w.path(), w.watch());
                default -> new GetChildren2Request(w.path(), w.watch());
            };
        } else if (ours instanceof SetDataRequest s) {
            return new org.apache.zookeeper.proto.SetDataRequest(s.path(), s.data(), s.version());
        } else if (ours instanceof PathRequest p) {
            return switch (p.op()) {
                case GET_ACL -> new GetACLRequest(p.path());
                case SYNC -> new SyncRequest(p.path());
                case GET_ALL_CHILDREN_NUMBER -> new GetAllChildrenNumberRequest(p.path());
                default -> new GetEphemeralsRequest(p.path());
            };
        } else if (ours instanceof SetAclRequest s) {
            return new SetACLRequest(s.path(), Theirs.acls(s.acl()), s.version());
        } else if (ours instanceof AuthPacket a) {
            return new org.apache.zookeeper.proto.AuthPacket(a.type(), a.scheme(), a.auth());
        } else if (ours instanceof SaslRequest s) {
            return new GetSASLRequest(s.token());
        } else if (ours instanceof SetWatchesRequest s && s.op() == OpCode.SET_WATCHES) {
            return new SetWatches(s.relativeZxid(), s.dataWatches(), s.existWatches(), s.childWatches());
        } else if (ours instanceof SetWatchesRequest s) {
            return new SetWatches2(s.relativeZxid(), s.dataWatches(), s.existWatches(), s.childWatches(),
                s.persistentWatches(), s.persistentRecursiveWatches());
        } else if (ours instanceof io.synod.examples.coordination.wire.AddWatchRequest a) {
            return new AddWatchRequest(a.path(), a.mode());
        } else if (ours instanceof WatchRemovalRequest w && w.op() == OpCode.CHECK_WATCHES) {
            return new CheckWatchesRequest(w.path(), w.type());
        } else if (ours instanceof WatchRemovalRequest w) {
            return new RemoveWatchesRequest(w.path(), w.type());
        } else if (ours instanceof CheckVersionRequest c) {
            return new org.apache.zookeeper.proto.CheckVersionRequest(c.path(), c.version());
        }
        throw new IllegalArgumentException("no ZooKeeper record for " + ours);
    }

    private static Op op(Request ours) {
        if (ours instanceof CreateRequest c) {
            return Op.create(c.path(), c.data(), Theirs.acls(c.acl()), c.flags());
        } else if (ours instanceof CreateTtlRequest c) {
            return Op.create(c.path(), c.data(), Theirs.acls(c.acl()), c.flags(), c.ttl());
        } else if (ours instanceof DeleteRequest d) {
            return Op.delete(d.path(), d.version());
        } else if (ours instanceof SetDataRequest s) {
            return Op.setData(s.path(), s.data(), s.version());
        } else if (ours instanceof CheckVersionRequest c) {
            return Op.check(c.path(), c.version());
        } else if (ours instanceof WatchableRequest w && w.op() == OpCode.GET_DATA) {
            return Op.getData(w.path());
        } else if (ours instanceof WatchableRequest w && w.op() == OpCode.GET_CHILDREN) {
            return Op.getChildren(w.path());
        }
        throw new IllegalArgumentException("no ZooKeeper op for " + ours);
    }
}
