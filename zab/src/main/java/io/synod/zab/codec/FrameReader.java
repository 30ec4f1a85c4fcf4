package io.synod.zab.codec;

import io.synod.spi.MessageCodec.MalformedMessageException;
import org.agrona.DirectBuffer;

/**
 * Reads a frame's fields at a moving position, never past the frame's end: every read that would
 * cross it, every negative length or count and every byte left over is a
 * {@link MalformedMessageException} naming the position. (The same shape as the shared frame
 * reader the protocol modules are moving to; ZAB keeps its own until that lands on its branch.)
 */
final class FrameReader {

    private final DirectBuffer buffer;
    private final int start;
    private final int end;
    private int position;

    FrameReader(DirectBuffer buffer, int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > buffer.capacity()) {
            throw new MalformedMessageException("frame [" + offset + ", +" + length + ") lies outside a buffer of " + buffer.capacity());
        }
        this.buffer = buffer;
        this.start = offset;
        this.end = offset + length;
        this.position = offset;
    }

    private void need(int bytes, String what) {
        if (bytes < 0 || end - position < bytes) {
            throw new MalformedMessageException("frame of " + (end - start) + " bytes ends at byte " + (position - start)
                + " where " + what + " needs " + bytes);
        }
    }

    byte getByte() {
        need(Byte.BYTES, "a byte");
        return buffer.getByte(position++);
    }

    boolean getFlag() {
        byte b = getByte();
        if (b != 0 && b != 1) {
            throw new MalformedMessageException("flag byte " + b + " at byte " + (position - 1 - start) + " is neither 0 nor 1");
        }
        return b == 1;
    }

    int getInt() {
        need(Integer.BYTES, "an int");
        int v = buffer.getInt(position, FrameWriter.ORDER);
        position += Integer.BYTES;
        return v;
    }

    long getLong() {
        need(Long.BYTES, "a long");
        long v = buffer.getLong(position, FrameWriter.ORDER);
        position += Long.BYTES;
        return v;
    }

    /** A count of items each at least {@code minItemBytes} long, checked against what remains. */
    int getCount(int minItemBytes) {
        int count = getInt();
        if (count < 0 || (long) count * minItemBytes > end - position) {
            throw new MalformedMessageException("count " + count + " at byte " + (position - Integer.BYTES - start)
                + " does not fit the " + (end - position) + " bytes left");
        }
        return count;
    }

    byte[] getBytes() {
        int length = getInt();
        if (length < 0) {
            throw new MalformedMessageException("negative length " + length + " at byte " + (position - Integer.BYTES - start));
        }
        need(length, "a byte string");
        byte[] bytes = new byte[length];
        buffer.getBytes(position, bytes);
        position += length;
        return bytes;
    }

    void requireEnd(Object message) {
        if (position != end) {
            throw new MalformedMessageException((end - position) + " stray bytes after " + message);
        }
    }
}
