package io.synod.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * What reading one segment from start to end found: its records, where the good part ends and
 * whether anything after that is damage. Scanning only reads; {@link Recovery} decides what to
 * repair and {@link LogDump} only reports.
 *
 * @param file      the segment
 * @param baseIndex the index its header names, or -1 when the header is unreadable
 * @param offsets   the offset of each good record, {@code count} of them
 * @param count     how many good records
 * @param end       the offset right after the last good record
 * @param fileSize  the file's length
 * @param damage    what lies after {@code end}, or {@code null} when it is all zeros
 */
record SegmentScan(Path file, long baseIndex, int[] offsets, int count, int end, int fileSize, Damage damage) {

    /** Something other than zeros after the last good record. */
    sealed interface Damage {
        String describe();
    }

    /**
     * An incomplete write at the very end of the log: the bytes in {@code [offset, dirtyEnd)}
     * hold no complete record and nothing valid follows them. What a crash during an unsynced
     * append leaves; recovery zeroes it.
     */
    record TornTail(int offset, int dirtyEnd, String problem) implements Damage {
        @Override
        public String describe() {
            return "torn tail at offset " + offset + " (" + (dirtyEnd - offset) + " bytes): " + problem;
        }
    }

    /** Damage a crash cannot explain; the log refuses to open. */
    record Corruption(CorruptLogException error) implements Damage {
        @Override
        public String describe() {
            return "CORRUPT: " + error.getMessage();
        }
    }

    /** The index the next record of this segment would carry. */
    long nextIndex() {
        return baseIndex + count;
    }

    /**
     * Reads {@code file}. A damaged tail counts as torn only in the {@code last} segment: earlier
     * segments were fsynced whole before the next one was created.
     */
    static SegmentScan scan(Path file, boolean last) {
        ByteBuffer buffer = readAll(file);
        int size = buffer.limit();
        long base;
        try {
            base = SegmentHeader.decode(file, buffer);
        } catch (CorruptLogException e) {
            return new SegmentScan(file, -1, new int[0], 0, 0, size, new Corruption(e));
        }
        int[] offsets = new int[64];
        int count = 0;
        int pos = SegmentHeader.LENGTH;
        long expected = base;
        CorruptLogException problem = null;
        while (problem == null) {
            if (size - pos < RecordLayout.HEADER_LENGTH) {
                if (lastNonZero(buffer, pos, size) >= pos) {
                    problem = new CorruptLogException(file, pos, CorruptLogException.Check.LENGTH,
                        "record header cut off by the end of the file", RecordLayout.HEADER_LENGTH, size - pos);
                }
                break;
            }
            if (RecordLayout.isBlank(buffer, pos)) {
                int dirty = lastNonZero(buffer, pos, size);
                if (dirty >= pos) {
                    problem = new CorruptLogException(file, pos, CorruptLogException.Check.LENGTH,
                        "blank record header followed by data up to offset " + (dirty + 1), 0, dirty + 1 - pos);
                }
                break;
            }
            problem = check(file, buffer, pos, expected);
            if (problem == null) {
                if (count == offsets.length) {
                    offsets = Arrays.copyOf(offsets, count * 2);
                }
                offsets[count++] = pos;
                pos += RecordLayout.recordLength(buffer.getInt(pos + RecordLayout.LENGTH_OFFSET));
                expected++;
            }
        }
        Damage damage = problem == null ? null : classify(buffer, pos, size, last, problem);
        return new SegmentScan(file, base, offsets, count, pos, size, damage);
    }

    /** Validates the record at {@code pos}; null when it is good. */
    private static CorruptLogException check(Path file, ByteBuffer buffer, int pos, long expectedIndex) {
        int size = buffer.limit();
        int length = buffer.getInt(pos + RecordLayout.LENGTH_OFFSET);
        int room = size - pos - RecordLayout.HEADER_LENGTH;
        if (length < 0 || length > room) {
            return new CorruptLogException(file, pos, CorruptLogException.Check.LENGTH,
                "record length runs past the end of the file", room, length);
        }
        int stored = buffer.getInt(pos + RecordLayout.CRC_OFFSET);
        int actual = RecordLayout.checksum(buffer, pos, length);
        if (stored != actual) {
            return new CorruptLogException(file, pos, CorruptLogException.Check.CHECKSUM,
                "record checksum mismatch", Integer.toUnsignedLong(stored), Integer.toUnsignedLong(actual));
        }
        long index = buffer.getLong(pos + RecordLayout.INDEX_OFFSET);
        if (index != expectedIndex) {
            return new CorruptLogException(file, pos, CorruptLogException.Check.INDEX,
                "record index out of sequence", expectedIndex, index);
        }
        return null;
    }

    /**
     * Tells a torn tail from corruption. A crash interrupts only the last, unsynced writes, so
     * damage is a torn tail only in the last segment and only if no valid record follows it; a
     * valid record after bad bytes means the bytes went bad after they were written.
     */
    private static Damage classify(ByteBuffer buffer, int pos, int size, boolean last, CorruptLogException problem) {
        int later = findValidRecord(buffer, pos + 1, size);
        if (later >= 0) {
            return new Corruption(new CorruptLogException(problem.file(), problem.offset(), problem.check(),
                problem.problem() + ", yet a valid record follows at offset " + later, problem.expected(), problem.actual()));
        }
        if (!last) {
            return new Corruption(problem);
        }
        return new TornTail(pos, lastNonZero(buffer, pos, size) + 1, problem.problem());
    }

    /** The offset of the first complete, checksum-valid record at or after {@code from}, or -1. */
    static int findValidRecord(ByteBuffer buffer, int from, int size) {
        for (int p = from; p <= size - RecordLayout.HEADER_LENGTH; p++) {
            if (buffer.getLong(p + RecordLayout.INDEX_OFFSET) < 1) {
                continue;
            }
            int length = buffer.getInt(p + RecordLayout.LENGTH_OFFSET);
            if (length < 0 || length > size - p - RecordLayout.HEADER_LENGTH) {
                continue;
            }
            if (buffer.getInt(p + RecordLayout.CRC_OFFSET) == RecordLayout.checksum(buffer, p, length)) {
                return p;
            }
        }
        return -1;
    }

    /** The offset of the last non-zero byte in {@code [from, to)}, or {@code from - 1}. */
    static int lastNonZero(ByteBuffer buffer, int from, int to) {
        int p = to;
        while (p - Long.BYTES >= from && buffer.getLong(p - Long.BYTES) == 0) {
            p -= Long.BYTES;
        }
        while (p > from && buffer.get(p - 1) == 0) {
            p--;
        }
        return p - 1;
    }

    private static ByteBuffer readAll(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new CorruptLogException(file, 0, CorruptLogException.Check.LENGTH, "segment larger than any we write", Integer.MAX_VALUE - 8, size);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read until full
            }
            return buffer.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read segment " + file, e);
        }
    }
}
