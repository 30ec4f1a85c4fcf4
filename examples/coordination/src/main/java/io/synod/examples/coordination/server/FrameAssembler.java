package io.synod.examples.coordination.server;

import io.synod.examples.coordination.wire.MalformedFrameException;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * Cuts a connection's byte stream into frames: a 4-byte big-endian length, then that many bytes. The
 * length is checked against the limit as soon as its four bytes are in, before a byte of the body is
 * read or a buffer for it allocated; so a client cannot make the server hold more than the limit, and a
 * lie about the length closes the connection at once. Between frames a connection holds only 4 bytes;
 * within a frame, the buffer grows with the bytes that have arrived (from {@link #INITIAL_BODY_BYTES}),
 * so a client that announces a megabyte and sends it slowly holds only what it sent.
 *
 * <p>The first four bytes of a connection may instead be a four-letter word ({@code ruok}, {@code mntr}...):
 * ZooKeeper tells them from a frame length by their value, before the length check, and so does
 * {@link #feed(ByteBuffer, Consumer, IntPredicate)}; once a word was taken, nothing more is read.
 */
final class FrameAssembler {

    /** The first buffer of a frame's body; larger frames double it as their bytes arrive. */
    static final int INITIAL_BODY_BYTES = 64 * 1024;

    private final int maxFrameBytes;
    private final byte[] length = new byte[4];
    private int lengthFilled;
    private byte[] body;
    private int bodyLength;
    private int bodyFilled;
    private long framesSeen;
    private boolean tookWord;

    /** Bytes held for the frame being read (its buffer's size), for tests. */
    int bufferedCapacity() {
        return body == null ? 0 : body.length;
    }

    FrameAssembler(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Consumes all of {@code source}, passing each complete frame's payload to {@code frames}.
     *
     * @throws MalformedFrameException for a negative length or one above the limit
     */
    void feed(ByteBuffer source, Consumer<byte[]> frames) {
        feed(source, frames, null);
    }

    /**
     * As {@link #feed(ByteBuffer, Consumer)}, but the first four bytes of the stream go to {@code firstWord}
     * before they are taken as a length: if it accepts them (a four-letter word), they are not a frame and the
     * rest of the stream is ignored.
     */
    void feed(ByteBuffer source, Consumer<byte[]> frames, IntPredicate firstWord) {
        while (true) {
            if (tookWord) {
                source.position(source.limit());
                return;
            }
            if (body == null) {
                int n = Math.min(4 - lengthFilled, source.remaining());
                source.get(length, lengthFilled, n);
                lengthFilled += n;
                if (lengthFilled < 4) {
                    return;
                }
                lengthFilled = 0;
                int size = ((length[0] & 0xFF) << 24) | ((length[1] & 0xFF) << 16) | ((length[2] & 0xFF) << 8) | (length[3] & 0xFF);
                if (framesSeen == 0 && firstWord != null && firstWord.test(size)) {
                    tookWord = true;
                    continue;
                }
                if (size < 0 || size > maxFrameBytes) {
                    throw new MalformedFrameException("frame length", 0, "frame " + framesSeen + " announces " + size
                        + " bytes; the limit is " + maxFrameBytes);
                }
                body = new byte[Math.min(size, INITIAL_BODY_BYTES)];
                bodyLength = size;
                bodyFilled = 0;
            }
            if (bodyFilled == body.length && body.length < bodyLength) {
                body = Arrays.copyOf(body, (int) Math.min(bodyLength, 2L * body.length));
            }
            int n = Math.min(body.length - bodyFilled, source.remaining());
            source.get(body, bodyFilled, n);
            bodyFilled += n;
            if (bodyFilled < bodyLength) {
                if (source.hasRemaining()) {
                    continue;
                }
                return;
            }
            byte[] frame = body;
            body = null;
            framesSeen++;
            frames.accept(frame);
        }
    }
}
