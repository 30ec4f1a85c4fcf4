package io.synod.examples.coordination.wire;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes Jute's binary encoding into a growable array: big-endian ints and longs, one byte per boolean,
 * length-prefixed buffers and strings, counted vectors, -1 for {@code null}.
 *
 * <p>Strings are written as ZooKeeper's {@code BinaryOutputArchive} writes them: each UTF-16 char on its
 * own in one to three bytes, so a supplementary character becomes two 3-byte surrogate sequences
 * (CESU-8). This keeps our bytes identical to the reference implementation's for every string.
 *
 * <p>{@link #framed()} reserves the 4-byte length prefix of a frame; {@link #toFrame()} fills it in.
 */
public final class JuteWriter {

    private byte[] bytes;
    private int position;
    private final boolean framed;

    private JuteWriter(boolean framed) {
        this.bytes = new byte[64];
        this.framed = framed;
        this.position = framed ? 4 : 0;
    }

    /** A writer of a bare record. */
    public static JuteWriter bare() {
        return new JuteWriter(false);
    }

    /** A writer of one frame: a length prefix, then what is written. */
    public static JuteWriter framed() {
        return new JuteWriter(true);
    }

    /** Bytes written so far, the length prefix included if framed. */
    public int size() {
        return position;
    }

    public JuteWriter writeByte(int value) {
        ensure(1);
        bytes[position++] = (byte) value;
        return this;
    }

    public JuteWriter writeBool(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    public JuteWriter writeInt(int value) {
        ensure(4);
        putInt(position, value);
        position += 4;
        return this;
    }

    public JuteWriter writeLong(long value) {
        writeInt((int) (value >>> 32));
        return writeInt((int) value);
    }

    public JuteWriter writeBuffer(byte[] value) {
        if (value == null) {
            return writeInt(-1);
        }
        writeInt(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, position, value.length);
        position += value.length;
        return this;
    }

    public JuteWriter writeString(String value) {
        if (value == null) {
            return writeInt(-1);
        }
        int lengthAt = position;
        writeInt(0);
        ensure(3 * value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes[position++] = (byte) c;
            } else if (c < 0x800) {
                bytes[position++] = (byte) (0xC0 | (c >> 6));
                bytes[position++] = (byte) (0x80 | (c & 0x3F));
            } else {
                bytes[position++] = (byte) (0xE0 | (c >> 12));
                bytes[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[position++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        putInt(lengthAt, position - lengthAt - 4);
        return this;
    }

    public <T> JuteWriter writeVector(List<T> values, BiConsumer<JuteWriter, T> element) {
        if (values == null) {
            return writeInt(-1);
        }
        writeInt(values.size());
        for (T value : values) {
            element.accept(this, value);
        }
        return this;
    }

    public JuteWriter writeStrings(List<String> values) {
        return writeVector(values, JuteWriter::writeString);
    }

    /** The bytes written; for a framed writer, the whole frame with its length prefix filled in. */
    public byte[] toFrame() {
        if (framed) {
            putInt(0, position - 4);
        }
        return Arrays.copyOf(bytes, position);
    }

    /** The bytes written, without a length prefix. */
    public byte[] toBytes() {
        int from = framed ? 4 : 0;
        return Arrays.copyOfRange(bytes, from, position);
    }

    private void putInt(int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private void ensure(int more) {
        if (bytes.length - position < more) {
            long wanted = Math.max((long) bytes.length * 2, (long) position + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("record larger than 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }
}
