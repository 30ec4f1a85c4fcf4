package io.synod.examples.coordination.wire;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The frames our client sends ({@link RequestFrames}), byte for byte as ZooKeeper's client frames them: a
 * 4-byte length, then its own RequestHeader and request record (or its ConnectRequest); and the server's
 * decoder reads each back.
 */
class RequestFramesCrossCheckProperties {

    @Property(tries = 2_000)
    void requestFramesAreZooKeepers(@ForAll("requests") Request ours, @ForAll int xid) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(Theirs.bytes(new org.apache.zookeeper.proto.RequestHeader(xid, ours.op().code())));
        body.writeBytes(RequestCrossCheckProperties.theirs(ours));
        byte[] frame = RequestFrames.request(xid, ours);
        assertArrayEquals(framed(body.toByteArray()), frame, () -> ours + " is framed differently from ZooKeeper's client");
        assertEquals(new ClientRequest(new RequestHeader(xid, ours.op().code()), ours), RequestDecoder.decode(frame, 4, frame.length - 4));
    }

    @Property(tries = 300)
    void connectFramesAreZooKeepers(@ForAll long zxid, @ForAll int timeOut, @ForAll long session,
                                    @ForAll("passwords") byte[] passwd, @ForAll boolean readOnly) {
        ConnectRequest ours = new ConnectRequest(0, zxid, timeOut, session, passwd, readOnly, false);
        byte[] theirs = Theirs.bytes(new org.apache.zookeeper.proto.ConnectRequest(0, zxid, timeOut, session, passwd, readOnly));
        byte[] frame = RequestFrames.connect(ours);
        assertArrayEquals(framed(theirs), frame);
        assertEquals(ours, RequestDecoder.decodeConnect(frame, 4, frame.length - 4));
    }

    private static byte[] framed(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    @Provide
    Arbitrary<Request> requests() {
        return WireArbitraries.requests();
    }

    @Provide
    Arbitrary<byte[]> passwords() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(20).injectNull(0.1);
    }
}
