package io.synod.zab.codec;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/** Writes a frame's fields at a moving position, little-endian; byte strings as a length and the bytes. */
final class FrameWriter {

    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final MutableDirectBuffer buffer;
    private final int start;
    private int position;

    FrameWriter(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.start = offset;
        this.position = offset;
    }

    FrameWriter putByte(byte value) {
        buffer.putByte(position, value);
        position += Byte.BYTES;
        return this;
    }

    FrameWriter putFlag(boolean value) {
        return putByte((byte) (value ? 1 : 0));
    }

    FrameWriter putInt(int value) {
        buffer.putInt(position, value, ORDER);
        position += Integer.BYTES;
        return this;
    }

    FrameWriter putLong(long value) {
        buffer.putLong(position, value, ORDER);
        position += Long.BYTES;
        return this;
    }

    FrameWriter putBytes(byte[] value) {
        putInt(value.length);
        buffer.putBytes(position, value);
        position += value.length;
        return this;
    }

    int length() {
        return position - start;
    }
}
