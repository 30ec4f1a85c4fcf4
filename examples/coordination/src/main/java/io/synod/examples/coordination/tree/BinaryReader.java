package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.Id;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link BinaryWriter} wrote, refusing anything else with the offset where it went
 * wrong. Every length is checked against what is left before anything is allocated, so a hostile
 * length cannot make it allocate more than the input's size.
 */
final class BinaryReader {
    private final byte[] input;
    /** Where the input ends: a reused buffer may be longer than what it holds. */
    private final int limit;
    private int offset;

    BinaryReader(byte[] input) {
        this(input, input.length);
    }

    /** Reads the first {@code limit} bytes of {@code input}. */
    BinaryReader(byte[] input, int limit) {
        if (limit < 0 || limit > input.length) {
            throw new IllegalArgumentException("limit " + limit + " outside a buffer of " + input.length);
        }
        this.input = input;
        this.limit = limit;
    }

    int offset() {
        return offset;
    }

    int u8() throws MalformedCommandException {
        need(1, "byte");
        return input[offset++] & 0xFF;
    }

    int i32() throws MalformedCommandException {
        need(4, "int");
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (input[offset++] & 0xFF);
        }
        return value;
    }

    long i64() throws MalformedCommandException {
        need(8, "long");
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (input[offset++] & 0xFF);
        }
        return value;
    }

    int varint() throws MalformedCommandException {
        int start = offset;
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            need(1, "length");
            int b = input[offset++] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw new MalformedCommandException("over-long length (one value, one encoding)", start);
                }
                if (value > Integer.MAX_VALUE) {
                    throw new MalformedCommandException("length " + value + " too large", start);
                }
                return (int) value;
            }
        }
        throw new MalformedCommandException("length of more than 5 bytes", start);
    }

    /** A count of items that each take at least {@code minBytes}: refused if they cannot fit. */
    int count(int minBytes, String what) throws MalformedCommandException {
        int start = offset;
        int count = varint();
        if ((long) count * minBytes > limit - offset) {
            throw new MalformedCommandException(what + " count " + count + " past the end", start);
        }
        return count;
    }

    String string(String what) throws MalformedCommandException {
        int start = offset;
        int length = varint();
        need(length, what);
        if (isAscii(offset, length)) {
            // Most paths and ids are ASCII: skip the decoder, which costs more than the rest of a record.
            String value = new String(input, offset, length, StandardCharsets.US_ASCII);
            offset += length;
            return value;
        }
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(input, offset, length)).toString();
            offset += length;
            return value;
        } catch (CharacterCodingException e) {
            throw new MalformedCommandException(what + " is not UTF-8", start);
        }
    }

    private boolean isAscii(int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (input[i] < 0) {
                return false;
            }
        }
        return true;
    }

    byte[] data() throws MalformedCommandException {
        int lengthPlusOne = varint();
        if (lengthPlusOne == 0) {
            return null;
        }
        int length = lengthPlusOne - 1;
        need(length, "data");
        byte[] value = new byte[length];
        System.arraycopy(input, offset, value, 0, length);
        offset += length;
        return value;
    }

    List<Acl> acl() throws MalformedCommandException {
        int count = count(6, "acl");
        List<Acl> acl = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int perms = i32();
            acl.add(new Acl(perms, id()));
        }
        return acl;
    }

    Id id() throws MalformedCommandException {
        String scheme = string("scheme");
        return new Id(scheme, string("id"));
    }

    Stat stat() throws MalformedCommandException {
        return new Stat(i64(), i64(), i64(), i64(), i32(), i32(), i32(), i64(), i32(), i32(), i64());
    }

    void end() throws MalformedCommandException {
        if (offset != limit) {
            throw new MalformedCommandException((limit - offset) + " trailing bytes", offset);
        }
    }

    private void need(int bytes, String what) throws MalformedCommandException {
        if (bytes < 0 || bytes > limit - offset) {
            throw new MalformedCommandException(what + " of " + bytes + " bytes past the end ("
                    + (limit - offset) + " left)", offset);
        }
    }
}
