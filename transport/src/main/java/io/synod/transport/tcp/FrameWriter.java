package io.synod.transport.tcp;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What one connection has to write, as frames back to back in one buffer: the handshake's, which
 * it appends itself, and then everything queued for the peer, which it adopts whole from the
 * peer's {@link Outbox} by swapping buffers. So all of it leaves in as few socket writes as the
 * socket accepts (one, usually): the coalescing that a gathering write over one buffer per message
 * would give, without a buffer per message and without a copy.
 *
 * <p>{@link #pending()} is the part not yet written; {@link #written} moves past what the socket
 * took. Not thread-safe: used by whoever holds the reactor, one thread at a time.
 */
final class FrameWriter {

    /** Above this, an emptied buffer may be given back and a smaller one taken. */
    private static final int SHRINK_ABOVE = 1 << 20;

    private final int initialCapacity;
    private ExpandableDirectByteBuffer buffer;
    private int limit;
    private int flushed;

    FrameWriter(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        this.buffer = new ExpandableDirectByteBuffer(initialCapacity);
    }

    /**
     * Takes {@code frames}, whose bytes from {@code from} to {@code to} are whole frames to write,
     * as this writer's buffer; only when nothing is pending.
     *
     * @return the buffer this writer had, empty, for the giver to go on with
     */
    ExpandableDirectByteBuffer adopt(ExpandableDirectByteBuffer frames, int from, int to) {
        if (hasPending()) {
            throw new IllegalStateException("a writer with " + pendingBytes() + " bytes pending cannot take another buffer");
        }
        ExpandableDirectByteBuffer previous = buffer;
        buffer = frames;
        flushed = from;
        limit = to;
        return previous;
    }

    /** Appends one frame whose body is already bytes (the handshake's). */
    int append(int channel, DirectBuffer body, int offset, int bodyLength) {
        int frameStart = limit;
        int length = Frame.HEADER_LENGTH + bodyLength;
        buffer.putBytes(frameStart + Frame.BODY_OFFSET, body, offset, bodyLength);
        putHeader(frameStart, length, channel);
        limit = frameStart + length;
        return length;
    }

    /** Encoded bytes not yet written. */
    int pendingBytes() {
        return limit - flushed;
    }

    boolean hasPending() {
        return limit > flushed;
    }

    /** The unwritten bytes, as a buffer positioned at the first and limited after the last. */
    ByteBuffer pending() {
        ByteBuffer bb = buffer.byteBuffer();
        bb.limit(limit).position(flushed);
        return bb;
    }

    /** The socket took {@code bytes} more. */
    void written(int bytes) {
        flushed += bytes;
        if (flushed == limit) {
            // A large buffer that was mostly empty is given back; one the traffic fills is kept,
            // so that steady bursts do not allocate and grow a direct buffer again each time.
            if (buffer.capacity() > SHRINK_ABOVE && limit < buffer.capacity() / 4) {
                buffer = new ExpandableDirectByteBuffer(initialCapacity);
            }
            flushed = 0;
            limit = 0;
        }
    }

    private void putHeader(int frameStart, int length, int channel) {
        buffer.putInt(frameStart + Frame.LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        buffer.putByte(frameStart + Frame.CHANNEL_OFFSET, (byte) channel);
    }
}
