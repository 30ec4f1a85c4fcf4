package io.synod.transport.tcp;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Cuts the bytes of one connection into {@link Frame}s. Bytes are received straight into this
 * reader's buffer ({@link #receiveSpace}); {@link #drain} hands out every complete frame and keeps
 * the incomplete tail for the next read.
 *
 * <p><b>Bounded memory.</b> A frame's length is checked the moment its four bytes are in; a length
 * below the header or above the maximum throws {@link MalformedFrameException} before any of the
 * frame is buffered. The buffer grows only to hold a frame whose length passed that check, so no
 * allocation is ever sized by an unchecked length: capacity stays below the maximum frame length
 * plus one read's worth.
 *
 * <p>Not thread-safe: used by whoever holds the reactor, one thread at a time.
 */
final class FrameReader {

    /** Above this, an empty buffer is given back and a smaller one taken. */
    private static final int SHRINK_ABOVE = 1 << 20;

    private final int smallCapacity;
    private int maxFrameLength;
    private ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    /** First byte not yet handed out; the end of the received bytes is byteBuffer.position(). */
    private int start;
    /** Length of the incomplete frame at {@code start}, once its header is in; else 0. */
    private int pendingLength;
    /** Bytes handed out so far, for error messages that name where in the stream a fault is. */
    private long consumed;

    /** Receives one frame. */
    @FunctionalInterface
    interface FrameHandler {
        /**
         * @param buffer the reader's buffer, valid only during the call
         * @return whether to go on with the next frame (false once the connection is done)
         */
        boolean onFrame(int channel, DirectBuffer buffer, int bodyOffset, int bodyLength);
    }

    FrameReader(int initialCapacity, int maxFrameLength) {
        if (initialCapacity < Frame.HEADER_LENGTH || maxFrameLength < Frame.HEADER_LENGTH) {
            throw new IllegalArgumentException("capacity " + initialCapacity + " and max frame " + maxFrameLength + " must hold a header");
        }
        this.smallCapacity = initialCapacity;
        this.maxFrameLength = maxFrameLength;
        allocate(initialCapacity);
    }

    /** Changes the largest frame accepted from here on (the handshake's bound is smaller). */
    void maxFrameLength(int value) {
        this.maxFrameLength = value;
    }

    int capacity() {
        return byteBuffer.capacity();
    }

    /** Bytes received and not yet handed out. */
    int buffered() {
        return byteBuffer.position() - start;
    }

    /**
     * Room to receive into: a buffer whose position is where the next byte goes and whose limit
     * leaves at least {@code minFree} bytes (and room for the whole pending frame), after moving
     * the unread tail to the front and, if that is not enough, growing within the bound.
     */
    ByteBuffer receiveSpace(int minFree) {
        int end = byteBuffer.position();
        int needFree = Math.max(minFree, pendingLength - (end - start));
        if (byteBuffer.capacity() - end < needFree) {
            compact();
            end = byteBuffer.position();
            if (byteBuffer.capacity() - end < needFree) {
                int tail = end - start;
                ByteBuffer old = byteBuffer;
                allocate(tail + needFree);
                old.limit(end).position(start);
                byteBuffer.put(old);
                start = 0;
            }
        }
        byteBuffer.limit(byteBuffer.capacity());
        return byteBuffer;
    }

    /**
     * Hands every complete frame to {@code handler}, in order.
     *
     * @return frames handed out
     * @throws MalformedFrameException at a length out of bounds; the connection must close
     */
    int drain(FrameHandler handler) {
        int end = byteBuffer.position();
        int frames = 0;
        pendingLength = 0;
        while (end - start >= Integer.BYTES) {
            int length = buffer.getInt(start + Frame.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (length < Frame.HEADER_LENGTH || length > maxFrameLength) {
                throw new MalformedFrameException("frame at stream offset " + consumed + " announces " + length
                    + " bytes, outside " + Frame.HEADER_LENGTH + ".." + maxFrameLength);
            }
            if (end - start < length) {
                pendingLength = length;
                break;
            }
            int channel = buffer.getByte(start + Frame.CHANNEL_OFFSET) & 0xFF;
            int frameStart = start;
            start += length;
            consumed += length;
            frames++;
            if (!handler.onFrame(channel, buffer, frameStart + Frame.BODY_OFFSET, length - Frame.HEADER_LENGTH)) {
                break;
            }
        }
        if (start == end) {
            start = 0;
            byteBuffer.position(0);
            if (byteBuffer.capacity() > SHRINK_ABOVE) {
                allocate(smallCapacity);
            }
        }
        return frames;
    }

    private void compact() {
        if (start > 0) {
            byteBuffer.limit(byteBuffer.position()).position(start);
            byteBuffer.compact();
            start = 0;
        }
    }

    private void allocate(int capacity) {
        byteBuffer = ByteBuffer.allocateDirect(capacity);
        buffer.wrap(byteBuffer);
    }
}
