package io.synod.examples.coordination.server;

import io.synod.examples.coordination.wire.MalformedFrameException;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Cuts a connection's byte stream into frames: a 4-byte big-endian length, then that many bytes. The
 * length is checked against the limit as soon as its four bytes are in, before a byte of the body is
 * read or a buffer for it allocated; so a client cannot make the server hold more than the limit, and a
 * lie about the length closes the connection at once. Between frames a connection holds only 4 bytes.
 */
final class FrameAssembler {

    private final int maxFrameBytes;
    private final byte[] length = new byte[4];
    private int lengthFilled;
    private byte[] body;
    private int bodyFilled;
    private long framesSeen;

    FrameAssembler(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Consumes all of {@code source}, passing each complete frame's payload to {@code frames}.
     *
     * @throws MalformedFrameException for a negative length or one above the limit
     */
    void feed(ByteBuffer source, Consumer<byte[]> frames) {
        while (true) {
            if (body == null) {
                int n = Math.min(4 - lengthFilled, source.remaining());
                source.get(length, lengthFilled, n);
                lengthFilled += n;
                if (lengthFilled < 4) {
                    return;
                }
                lengthFilled = 0;
                int size = ((length[0] & 0xFF) << 24) | ((length[1] & 0xFF) << 16) | ((length[2] & 0xFF) << 8) | (length[3] & 0xFF);
                if (size < 0 || size > maxFrameBytes) {
                    throw new MalformedFrameException("frame length", 0, "frame " + framesSeen + " announces " + size
                        + " bytes; the limit is " + maxFrameBytes);
                }
                body = new byte[size];
                bodyFilled = 0;
            }
            int n = Math.min(body.length - bodyFilled, source.remaining());
            source.get(body, bodyFilled, n);
            bodyFilled += n;
            if (bodyFilled < body.length) {
                return;
            }
            byte[] frame = body;
            body = null;
            framesSeen++;
            frames.accept(frame);
        }
    }
}
