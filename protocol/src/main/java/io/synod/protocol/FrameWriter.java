package io.synod.protocol;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Writes a message's fields at a moving position, little-endian: the encoding half that the
 * protocols' codecs share. Byte strings are written as a length (int) and the bytes; a missing one as
 * the length {@link #ABSENT}.
 */
public final class FrameWriter {

    /** The length written for an absent byte string. */
    public static final int ABSENT = -1;

    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final MutableDirectBuffer buffer;
    private final int start;
    private int position;

    public FrameWriter(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.start = offset;
        this.position = offset;
    }

    public FrameWriter putByte(byte value) {
        buffer.putByte(position, value);
        position += Byte.BYTES;
        return this;
    }

    public FrameWriter putFlag(boolean value) {
        return putByte((byte) (value ? 1 : 0));
    }

    public FrameWriter putInt(int value) {
        buffer.putInt(position, value, ORDER);
        position += Integer.BYTES;
        return this;
    }

    public FrameWriter putLong(long value) {
        buffer.putLong(position, value, ORDER);
        position += Long.BYTES;
        return this;
    }

    public FrameWriter putBallot(Ballot ballot) {
        return putLong(ballot.pack());
    }

    /** A byte string, or {@code null} for none. */
    public FrameWriter putBytes(byte[] value) {
        if (value == null) {
            return putInt(ABSENT);
        }
        putInt(value.length);
        buffer.putBytes(position, value);
        position += value.length;
        return this;
    }

    /** The number of bytes written so far. */
    public int length() {
        return position - start;
    }
}
