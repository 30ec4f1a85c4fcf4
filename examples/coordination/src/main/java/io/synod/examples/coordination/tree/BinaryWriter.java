package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.Id;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Checksum;

/** Appends the primitives of the command and result encodings (big-endian, LEB128 lengths). */
final class BinaryWriter {
    private byte[] buffer = new byte[64];
    private int length;

    void u8(int value) {
        ensure(1);
        buffer[length++] = (byte) value;
    }

    void i32(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    void i64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    void varint(int value) {
        ensure(5);
        int v = value;
        while ((v & ~0x7F) != 0) {
            buffer[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[length++] = (byte) v;
    }

    void string(String value) {
        raw(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Data that may be null: its length plus one, 0 meaning null. */
    void data(byte[] value) {
        if (value == null) {
            varint(0);
        } else {
            varint(value.length + 1);
            bytes(value);
        }
    }

    void acl(List<Acl> acl) {
        varint(acl.size());
        for (Acl entry : acl) {
            i32(entry.perms());
            id(entry.id());
        }
    }

    void id(Id id) {
        string(id.scheme());
        string(id.id());
    }

    void stat(Stat stat) {
        i64(stat.czxid());
        i64(stat.mzxid());
        i64(stat.ctime());
        i64(stat.mtime());
        i32(stat.version());
        i32(stat.cversion());
        i32(stat.aversion());
        i64(stat.ephemeralOwner());
        i32(stat.dataLength());
        i32(stat.numChildren());
        i64(stat.pzxid());
    }

    private void raw(byte[] value) {
        varint(value.length);
        bytes(value);
    }

    private void bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buffer, length, value.length);
        length += value.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    /** Writes what was written so far to {@code out} and runs it through {@code crc}, without a copy. */
    void writeTo(DataOutput out, Checksum crc) throws IOException {
        crc.update(buffer, 0, length);
        out.write(buffer, 0, length);
    }

    int length() {
        return length;
    }

    /** Empties the writer so that its buffer serves the next record. */
    void clear() {
        length = 0;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
