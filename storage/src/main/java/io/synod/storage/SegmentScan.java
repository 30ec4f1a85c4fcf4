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
 * what lies after it. Scanning only reads; {@link Recovery} decides what to repair and
 * {@link LogDump} only reports.
 *
 * <h2>The verdict on bytes after the last good record</h2>
 * Only the last segment can hold a write a crash interrupted: a full segment is forced before the
 * next is created. The log is preallocated with zeros and every truncation is forced, so a crash
 * leaves, after the last good record, only records whose bytes reached the disk in part: some
 * 512-byte sector they occupy still holds the zeros it held before (a disk writes a sector whole
 * or not at all; the kernel writes pages back in any order). For the first bad record, in order:
 * <ol>
 *   <li>a later intact record whose {@code synced} watermark ({@link RecordLayout}) reaches the bad
 *       record's index proves it had been durable: {@link Corruption}, in any segment;</li>
 *   <li>in an older segment, anything: {@link Corruption};</li>
 *   <li>zeros from the record's start, or a sector's start, to the sector's end, within the record:
 *       a write that never completed, so never synced: {@link TornTail};</li>
 *   <li>a complete record that fails its checks, followed by an intact record: damage before the
 *       tail, {@link Corruption};</li>
 *   <li>a complete record that fails its checks, with nothing intact after it: a crash cannot
 *       explain it, but nothing proves it was synced either. It may hold an entry this node
 *       acknowledged: {@link SuspectTail}.</li>
 * </ol>
 * The sector test is etcd's torn-entry test ({@code wal/decoder.go}), sharpened: the zeros must run
 * to the sector's end, so a short run of zeros that happens to end a record does not pass for a
 * tear. Damage that wipes whole sectors to zero inside the last unsynced stretch of the log is
 * indistinguishable from a tear and is treated as one.
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

    /** The smallest unit a disk writes whole: what a torn write leaves unwritten is whole sectors. */
    static final int SECTOR = 512;

    /** Something other than zeros after the last good record. */
    sealed interface Damage {
        String describe();
    }

    /**
     * A write that never completed, at the very end of the log: the bytes in
     * {@code [offset, dirtyEnd)} were never synced. Recovery zeroes them.
     */
    record TornTail(int offset, int dirtyEnd, String problem) implements Damage {
        @Override
        public String describe() {
            return "TORN: torn write at offset " + offset + " (" + (dirtyEnd - offset) + " bytes): " + problem
                + "; it was never synced and is dropped on open";
        }
    }

    /**
     * A complete last record that fails its checks and that nothing proves was never synced: the
     * log may have lost indexes {@code fromIndex} to at most {@code throughIndex} (as many records
     * as the damaged bytes could hold). Recovery records the range, zeroes the bytes and reports
     * the log as suspect from {@code fromIndex}.
     */
    record SuspectTail(int offset, int dirtyEnd, long fromIndex, long throughIndex, String problem) implements Damage {
        @Override
        public String describe() {
            return "SUSPECT: damaged last record at offset " + offset + " (" + (dirtyEnd - offset) + " bytes): " + problem
                + "; index " + fromIndex + " may have been synced and acknowledged: dropped on open, and the node"
                + " re-learns from index " + fromIndex + " from its peers before it votes";
        }
    }

    /**
     * Records from {@code fromIndex} on, at {@code [offset, dirtyEnd)}, that a truncation dropped
     * before a crash made its zeros durable ({@link LogMeta#truncateFrom()}): dropped on open,
     * whatever they look like.
     */
    record Truncating(int offset, int dirtyEnd, long fromIndex) implements Damage {
        @Override
        public String describe() {
            return "TRUNCATING: indexes from " + fromIndex + " at offset " + offset + " (" + (dirtyEnd - offset)
                + " bytes) were being truncated when the log stopped; dropped on open";
        }
    }

    /** Damage to data that had been durable, or that a crash cannot explain; the log refuses to open. */
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
     * Reads {@code file}. A damaged tail can be a torn write or a suspect tail only in the
     * {@code last} segment: earlier segments were forced whole before the next one was created.
     */
    static SegmentScan scan(Path file, boolean last) {
        return scan(file, last, 0);
    }

    /**
     * Reads {@code file}, taking no record at or above {@code truncateFrom} when it is positive:
     * what lies there belongs to a truncation that a crash interrupted ({@link Truncating}).
     */
    static SegmentScan scan(Path file, boolean last, long truncateFrom) {
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
            if (truncateFrom > 0 && expected >= truncateFrom) {
                int dirty = lastNonZero(buffer, pos, size);
                Damage cut = dirty >= pos ? new Truncating(pos, dirty + 1, expected) : null;
                return new SegmentScan(file, base, offsets, count, pos, size, cut);
            }
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
        Damage damage = problem == null ? null : classify(buffer, pos, expected, last, problem);
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

    /** Gives the verdict on the first bad record, at {@code pos}, which should carry {@code index} (see the class comment). */
    private static Damage classify(ByteBuffer buffer, int pos, long index, boolean last, CorruptLogException problem) {
        int size = buffer.limit();
        Followers later = Followers.after(buffer, pos, index);
        if (later.maxSynced() >= index) {
            return new Corruption(amend(problem, ", but the record at offset " + later.provingOffset() + " (index "
                + later.provingIndex() + "), written later, shows that indexes through " + later.maxSynced() + " had been synced"));
        }
        String follows = later.first() < 0 ? "" : ", yet a valid record follows at offset " + later.first();
        if (!last) {
            return new Corruption(amend(problem, follows));
        }
        int dirtyEnd = lastNonZero(buffer, pos, size) + 1;
        if (looksTorn(buffer, pos)) {
            return new TornTail(pos, dirtyEnd, problem.problem());
        }
        if (later.first() >= 0) {
            return new Corruption(amend(problem, follows));
        }
        long through = index - 1 + Math.max(1, ceilDiv(dirtyEnd - pos, RecordLayout.HEADER_LENGTH));
        return new SuspectTail(pos, dirtyEnd, index, through, problem.problem());
    }

    /**
     * True when the record at {@code pos} shows what an interrupted write leaves: a sector it
     * occupies is zero from the record's start (or the sector's start) to the sector's end. When
     * the length field is not believable, only the header's sectors are looked at.
     */
    static boolean looksTorn(ByteBuffer buffer, int pos) {
        int size = buffer.limit();
        int end = Math.min(size, pos + RecordLayout.HEADER_LENGTH);
        if (size - pos >= RecordLayout.HEADER_LENGTH) {
            int length = buffer.getInt(pos + RecordLayout.LENGTH_OFFSET);
            if (length >= 0 && length <= size - pos - RecordLayout.HEADER_LENGTH) {
                end = pos + RecordLayout.recordLength(length);
            }
        }
        for (int sector = pos - pos % SECTOR; sector < end; sector += SECTOR) {
            int from = Math.max(sector, pos);
            int to = Math.min(sector + SECTOR, size);
            if (lastNonZero(buffer, from, to) < from) {
                return true;
            }
        }
        return false;
    }

    /**
     * The intact records found after a bad one: the first one's offset, and the highest synced
     * watermark among them with the record that carries it.
     */
    private record Followers(int first, long maxSynced, int provingOffset, long provingIndex) {

        static Followers after(ByteBuffer buffer, int pos, long index) {
            int size = buffer.limit();
            long highestPossible = index + (size - pos) / RecordLayout.HEADER_LENGTH;
            // A record starts with a non-zero byte within its header; none starts in the zeros at the end.
            int limit = Math.min(size, lastNonZero(buffer, pos, size) + 1);
            int first = -1;
            long maxSynced = -1;
            int provingOffset = -1;
            long provingIndex = -1;
            int p = findValidRecord(buffer, pos + 1, limit, index, highestPossible);
            while (p >= 0) {
                if (first < 0) {
                    first = p;
                }
                long synced = buffer.getLong(p + RecordLayout.SYNCED_OFFSET);
                if (synced > maxSynced) {
                    maxSynced = synced;
                    provingOffset = p;
                    provingIndex = buffer.getLong(p + RecordLayout.INDEX_OFFSET);
                }
                int next = p + RecordLayout.recordLength(buffer.getInt(p + RecordLayout.LENGTH_OFFSET));
                p = findValidRecord(buffer, next, limit, index, highestPossible);
            }
            return new Followers(first, maxSynced, provingOffset, provingIndex);
        }
    }

    /**
     * The offset of the first checksum-valid record starting in {@code [from, limit)} whose index
     * lies in {@code [lowest, highest]}, or -1. The index range keeps random bytes from passing
     * for a record cheaply.
     */
    static int findValidRecord(ByteBuffer buffer, int from, int limit, long lowest, long highest) {
        int size = buffer.limit();
        for (int p = from; p < limit && p <= size - RecordLayout.HEADER_LENGTH; p++) {
            long index = buffer.getLong(p + RecordLayout.INDEX_OFFSET);
            if (index < lowest || index > highest) {
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

    private static CorruptLogException amend(CorruptLogException problem, String more) {
        if (more.isEmpty()) {
            return problem;
        }
        return new CorruptLogException(problem.file(), problem.offset(), problem.check(), problem.problem() + more,
            problem.expected(), problem.actual());
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
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
