package io.synod.transport.tcp;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes frames back to back into one buffer for one connection, so that everything queued for a
 * peer leaves in as few socket writes as the socket accepts (one, usually): the coalescing that a
 * gathering write over one buffer per message would give, without a buffer per message.
 *
 * <p>{@link #pending()} is the part not yet written; {@link #written} moves past what the socket
 * took. Not thread-safe: used by whoever holds the reactor, one thread at a time.
 */
final class FrameWriter {

    /** Above this, an emptied buffer is given back and a smaller one taken. */
    private static final int SHRINK_ABOVE = 1 << 20;

    private final int initialCapacity;
    private final int maxFrameLength;
    private ExpandableDirectByteBuffer buffer;
    private int limit;
    private int flushed;

    FrameWriter(int initialCapacity, int maxFrameLength) {
        this.initialCapacity = initialCapacity;
        this.maxFrameLength = maxFrameLength;
        this.buffer = new ExpandableDirectByteBuffer(initialCapacity);
    }

    /**
     * Appends one message as a frame on {@code channel}.
     *
     * @return the frame's length, or -1 if it would exceed the maximum frame length (nothing is
     *         appended; the peer would refuse it)
     * @throws RuntimeException whatever the codec throws; nothing is appended then either
     */
    int append(int channel, Message message, MessageCodec codec) {
        int frameStart = limit;
        int bodyLength = codec.encode(message, buffer, frameStart + Frame.BODY_OFFSET);
        int length = Frame.HEADER_LENGTH + bodyLength;
        if (bodyLength < 0 || length > maxFrameLength) {
            return -1;
        }
        putHeader(frameStart, length, channel);
        limit = frameStart + length;
        return length;
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
            flushed = 0;
            limit = 0;
            if (buffer.capacity() > SHRINK_ABOVE) {
                buffer = new ExpandableDirectByteBuffer(initialCapacity);
            }
        }
    }

    private void putHeader(int frameStart, int length, int channel) {
        buffer.putInt(frameStart + Frame.LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        buffer.putByte(frameStart + Frame.CHANNEL_OFFSET, (byte) channel);
    }
}
