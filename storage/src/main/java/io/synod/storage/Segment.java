package io.synod.storage;

import io.synod.api.LogEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * One preallocated file of the write-ahead log: a {@link SegmentHeader} and records
 * ({@link RecordLayout}) for the indexes {@code baseIndex} onwards, then zeros. Keeps the offset of
 * every record so that a read is one positioned read. Not thread-safe: {@link FileLogStore}
 * guards it.
 *
 * <p>Preallocation matters for durability cost: once the blocks exist, forcing the file is an
 * fdatasync that need not update the file's size or extent map.
 */
final class Segment implements AutoCloseable {

    private static final String SUFFIX = ".log";
    private static final int ZERO_CHUNK = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final long baseIndex;
    private final int capacity;
    private int[] offsets;
    private int count;
    private int writePosition;

    private Segment(Path file, FileChannel channel, long baseIndex, int capacity, int[] offsets, int count, int writePosition) {
        this.file = file;
        this.channel = channel;
        this.baseIndex = baseIndex;
        this.capacity = capacity;
        this.offsets = offsets;
        this.count = count;
        this.writePosition = writePosition;
    }

    /** The file name of the segment whose first record is {@code baseIndex}: sorts by index. */
    static String fileName(long baseIndex) {
        return String.format("%020d%s", baseIndex, SUFFIX);
    }

    static boolean isSegmentName(String name) {
        return name.length() == 20 + SUFFIX.length() && name.endsWith(SUFFIX) && name.chars().limit(20).allMatch(Character::isDigit);
    }

    static long baseIndexOf(Path file) {
        return Long.parseLong(file.getFileName().toString().substring(0, 20));
    }

    /**
     * Creates a segment durably: header and zeros go to a temporary file, which is fsynced and
     * renamed, so a crash never leaves a half-made segment under a segment's name.
     */
    static Segment create(Path dir, long baseIndex, int capacity, boolean durable, FileIo io) {
        Path temp = dir.resolve(fileName(baseIndex) + AtomicFile.TEMP_SUFFIX);
        try (FileChannel out = io.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, SegmentHeader.encode(baseIndex), 0);
            zero(out, SegmentHeader.LENGTH, capacity);
            if (durable) {
                out.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create segment " + temp, e);
        }
        return install(temp, dir, baseIndex, capacity, durable, io);
    }

    /**
     * Makes a segment of a file already zeroed to {@code capacity} (and forced, when
     * {@code durable}) under a temporary name: writes the header, forces it (the blocks exist, so
     * this is a small fdatasync) and renames the file into place. The header is durable before the
     * segment's name exists, so a crash never leaves a segment without one.
     */
    static Segment adopt(Path prepared, Path dir, long baseIndex, int capacity, boolean durable, FileIo io) {
        try (FileChannel out = io.open(prepared, StandardOpenOption.WRITE)) {
            writeFully(out, SegmentHeader.encode(baseIndex), 0);
            if (durable) {
                out.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the header of prepared segment " + prepared, e);
        }
        return install(prepared, dir, baseIndex, capacity, durable, io);
    }

    private static Segment install(Path temp, Path dir, long baseIndex, int capacity, boolean durable, FileIo io) {
        Path file = dir.resolve(fileName(baseIndex));
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + temp + " to " + file, e);
        }
        if (durable) {
            AtomicFile.syncDirectory(dir);
        }
        return new Segment(file, openChannel(file, io), baseIndex, capacity, new int[64], 0, SegmentHeader.LENGTH);
    }

    /** Opens a scanned segment; writes continue right after its last good record. */
    static Segment open(SegmentScan scan, FileIo io) {
        return new Segment(scan.file(), openChannel(scan.file(), io), scan.baseIndex(), scan.fileSize(),
            Arrays.copyOf(scan.offsets(), Math.max(64, scan.count())), scan.count(), scan.end());
    }

    private static FileChannel openChannel(Path file, FileIo io) {
        try {
            return io.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open segment " + file, e);
        }
    }

    Path file() {
        return file;
    }

    long baseIndex() {
        return baseIndex;
    }

    /** The index the next record will carry. */
    long nextIndex() {
        return baseIndex + count;
    }

    int count() {
        return count;
    }

    /** Bytes still free. */
    int remaining() {
        return capacity - writePosition;
    }

    int writePosition() {
        return writePosition;
    }

    /**
     * Writes {@code records} (encoded back to back, {@code n} of them starting at the given
     * offsets within the buffer) after the last record.
     */
    void write(ByteBuffer records, int[] recordOffsets, int n) throws IOException {
        int start = writePosition;
        int length = records.remaining();
        writeFully(channel, records, start);
        if (count + n > offsets.length) {
            offsets = Arrays.copyOf(offsets, Math.max(count + n, offsets.length * 2));
        }
        for (int i = 0; i < n; i++) {
            offsets[count + i] = start + recordOffsets[i];
        }
        count += n;
        writePosition = start + length;
    }

    /** Reads the record at {@code index}, checking its checksum again. */
    LogEntry read(long index) throws IOException {
        int i = (int) (index - baseIndex);
        int at = offsets[i];
        int end = i + 1 < count ? offsets[i + 1] : writePosition;
        ByteBuffer record = ByteBuffer.allocate(end - at);
        while (record.hasRemaining()) {
            if (channel.read(record, at + record.position()) < 0) {
                throw new CorruptLogException(file, at, CorruptLogException.Check.LENGTH, "record cut off by the end of the file", end - at, record.position());
            }
        }
        int length = record.getInt(RecordLayout.LENGTH_OFFSET);
        int stored = record.getInt(RecordLayout.CRC_OFFSET);
        if (length != end - at - RecordLayout.HEADER_LENGTH || stored != RecordLayout.checksum(record, 0, length)) {
            throw new CorruptLogException(file, at, CorruptLogException.Check.CHECKSUM, "record changed on disk after it was written",
                Integer.toUnsignedLong(stored), Integer.toUnsignedLong(length == end - at - RecordLayout.HEADER_LENGTH ? RecordLayout.checksum(record, 0, length) : 0));
        }
        byte[] data = new byte[length];
        record.get(RecordLayout.DATA_OFFSET, data);
        return new LogEntry(index, record.getLong(RecordLayout.TERM_OFFSET), data);
    }

    /**
     * Drops the records from {@code index} on and zeroes their bytes, so that no stale record can
     * be mistaken for a live one after the next append and a crash.
     */
    void truncateFrom(long index) throws IOException {
        int i = (int) (index - baseIndex);
        if (i >= count) {
            return;
        }
        int from = offsets[i];
        zero(channel, from, writePosition);
        count = i;
        writePosition = from;
    }

    /** Zeroes a torn tail found by recovery. */
    void zeroRange(int from, int to) throws IOException {
        zero(channel, from, to);
    }

    void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close segment " + file, e);
        }
    }

    /** Closes and deletes the file. */
    void delete() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete segment " + file, e);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    /**
     * Writes zeros over {@code [from, to)} in 64 KiB pieces, giving up (returning false) once
     * {@code stop} says so between two pieces.
     */
    static boolean zero(FileChannel channel, long from, long to, BooleanSupplier stop) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(ZERO_CHUNK, Math.max(1, to - from)));
        for (long at = from; at < to; at += zeros.limit()) {
            if (stop.getAsBoolean()) {
                return false;
            }
            zeros.clear().limit((int) Math.min(zeros.capacity(), to - at));
            writeFully(channel, zeros, at);
        }
        return true;
    }

    private static void zero(FileChannel channel, long from, long to) throws IOException {
        zero(channel, from, to, () -> false);
    }
}
