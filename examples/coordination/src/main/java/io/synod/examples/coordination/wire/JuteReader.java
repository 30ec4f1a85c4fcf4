package io.synod.examples.coordination.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads Jute's binary encoding from one frame (a byte range), refusing anything the frame cannot hold.
 *
 * <p>Every variable-size value is checked against the bytes left in the frame before anything is
 * allocated: a buffer or string length above what is left, a negative length other than -1 (null), or
 * a vector count larger than the remaining bytes could hold at its element's smallest size, all become a
 * {@link MalformedFrameException} naming the field and its offset. So a 4-byte lie can never cost more
 * memory than the frame itself, and no read ever leaves the frame.
 *
 * <p>Strings are decoded as standard UTF-8, as ZooKeeper's {@code BinaryInputArchive} does (malformed
 * sequences become U+FFFD rather than errors).
 */
public final class JuteReader {

    private final byte[] bytes;
    private final int start;
    private final int limit;
    private int position;

    /** A reader of {@code bytes[offset, offset + length)}; offsets in errors count from {@code offset}. */
    public JuteReader(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IllegalArgumentException("range [" + offset + ", +" + length + ") outside " + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.start = offset;
        this.limit = offset + length;
        this.position = offset;
    }

    public JuteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /** Bytes not yet read. */
    public int remaining() {
        return limit - position;
    }

    /** Where the next read starts, counted from the frame's first byte. */
    public int offset() {
        return position - start;
    }

    public byte readByte(String field) {
        require(field, 1);
        return bytes[position++];
    }

    /** Any non-zero byte is true, as in ZooKeeper's reader. */
    public boolean readBool(String field) {
        return readByte(field) != 0;
    }

    public int readInt(String field) {
        require(field, 4);
        int value = ((bytes[position] & 0xFF) << 24) | ((bytes[position + 1] & 0xFF) << 16)
            | ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
        position += 4;
        return value;
    }

    public long readLong(String field) {
        require(field, 8);
        long high = readInt(field) & 0xFFFF_FFFFL;
        long low = readInt(field) & 0xFFFF_FFFFL;
        return (high << 32) | low;
    }

    /** A length-prefixed byte array; length -1 is {@code null}. */
    public byte[] readBuffer(String field) {
        int at = offset();
        int length = readLength(field, at, 1);
        if (length < 0) {
            return null;
        }
        byte[] value = new byte[length];
        System.arraycopy(bytes, position, value, 0, length);
        position += length;
        return value;
    }

    /** A length-prefixed UTF-8 string; length -1 is {@code null}. */
    public String readString(String field) {
        int at = offset();
        int length = readLength(field, at, 1);
        if (length < 0) {
            return null;
        }
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /**
     * A counted vector; count -1 is {@code null}. {@code minElementBytes} is the smallest encoding of
     * one element, so that a count the frame cannot hold is refused before the list grows.
     */
    public <T> List<T> readVector(String field, int minElementBytes, Function<JuteReader, T> element) {
        int at = offset();
        int count = readLength(field, at, minElementBytes);
        if (count < 0) {
            return null;
        }
        List<T> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(element.apply(this));
        }
        return values;
    }

    /** A vector of strings, each at least its 4-byte length. */
    public List<String> readStrings(String field) {
        return readVector(field, 4, r -> r.readString(field + "[]"));
    }

    /** Refuses bytes after the last field: one frame holds exactly one message. */
    public void requireEnd(String record) {
        if (position != limit) {
            throw new MalformedFrameException(record, offset(), remaining() + " bytes left after the record");
        }
    }

    private int readLength(String field, int at, int minElementBytes) {
        int length = readInt(field + ".length");
        if (length == -1) {
            return -1;
        }
        if (length < 0) {
            throw new MalformedFrameException(field, at, "negative length " + length);
        }
        if ((long) length * minElementBytes > remaining()) {
            throw new MalformedFrameException(field, at, "length " + length + " needs at least "
                + (long) length * minElementBytes + " bytes but the frame has " + remaining() + " left");
        }
        return length;
    }

    private void require(String field, int size) {
        if (remaining() < size) {
            throw new MalformedFrameException(field, offset(), "needs " + size + " bytes but the frame has "
                + remaining() + " left");
        }
    }
}
