package io.synod.protocol;

import io.synod.spi.MessageCodec.MalformedMessageException;
import org.agrona.DirectBuffer;

/**
 * Reads a message's fields at a moving position, never past the frame: the decoding half that the
 * protocols' codecs share. Every read that would cross the frame's end, every negative length or count,
 * and every byte left over at the end is a {@link MalformedMessageException} naming the position.
 */
public final class FrameReader {

    private final DirectBuffer buffer;
    private final int start;
    private final int end;
    private int position;

    /**
     * @throws MalformedMessageException if the frame does not lie inside the buffer
     */
    public FrameReader(DirectBuffer buffer, int offset, int length) {
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

    public byte getByte() {
        need(Byte.BYTES, "a byte");
        return buffer.getByte(position++);
    }

    public boolean getFlag() {
        byte b = getByte();
        if (b != 0 && b != 1) {
            throw new MalformedMessageException("flag byte " + b + " at byte " + (position - 1 - start) + " is neither 0 nor 1");
        }
        return b == 1;
    }

    public int getInt() {
        need(Integer.BYTES, "an int");
        int v = buffer.getInt(position, FrameWriter.ORDER);
        position += Integer.BYTES;
        return v;
    }

    public long getLong() {
        need(Long.BYTES, "a long");
        long v = buffer.getLong(position, FrameWriter.ORDER);
        position += Long.BYTES;
        return v;
    }

    public Ballot getBallot() {
        return Ballot.unpack(getLong());
    }

    /** A count of items each at least {@code minItemBytes} long, checked against what remains. */
    public int getCount(int minItemBytes) {
        int count = getInt();
        if (count < 0 || (long) count * minItemBytes > end - position) {
            throw new MalformedMessageException("count " + count + " at byte " + (position - Integer.BYTES - start)
                + " does not fit the " + (end - position) + " bytes left");
        }
        return count;
    }

    /** A byte string that must be present. */
    public byte[] getBytes() {
        byte[] value = getBytesOrNull();
        if (value == null) {
            throw new MalformedMessageException("a required byte string is absent at byte " + (position - Integer.BYTES - start));
        }
        return value;
    }

    /** A byte string, or {@code null} where the writer put none. */
    public byte[] getBytesOrNull() {
        int length = getInt();
        if (length == FrameWriter.ABSENT) {
            return null;
        }
        if (length < 0) {
            throw new MalformedMessageException("negative length " + length + " at byte " + (position - Integer.BYTES - start));
        }
        need(length, "a byte string");
        byte[] bytes = new byte[length];
        buffer.getBytes(position, bytes);
        position += length;
        return bytes;
    }

    /** Every byte of the frame was read. */
    public void requireEnd(Object message) {
        if (position != end) {
            throw new MalformedMessageException((end - position) + " stray bytes after " + message);
        }
    }
}
