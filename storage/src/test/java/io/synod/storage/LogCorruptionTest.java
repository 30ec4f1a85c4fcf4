package io.synod.storage;

import io.synod.api.LogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damage on disk: a torn tail is dropped, anything else refuses the open with file and offset.
 */
class LogCorruptionTest {

    private static final StorageOptions ONE_SEGMENT = StorageOptions.builder().segmentSize(1 << 16).build();
    private static final StorageOptions SMALL_SEGMENTS = StorageOptions.builder().segmentSize(2048).build();

    @TempDir
    Path dir;

    private List<LogEntry> write(StorageOptions options, int count) {
        List<LogEntry> written = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            byte[] data = new byte[40 + i % 7];
            java.util.Arrays.fill(data, (byte) i);
            written.add(new LogEntry(i, 1 + i / 10, data));
        }
        try (FileLogStore log = FileLogStore.open(dir, options)) {
            log.append(written);
            log.sync();
        }
        return written;
    }

    private Path onlySegment() {
        List<Path> files = Recovery.segmentFiles(dir);
        assertEquals(1, files.size());
        return files.get(0);
    }

    @Test
    void aFlippedByteInTheMiddleOfASegmentRefusesTheOpenNamingFileOffsetAndChecksums() throws IOException {
        write(ONE_SEGMENT, 100);
        Path segment = onlySegment();
        int at = SegmentScan.scan(segment, true).offsets()[49];
        ByteBuffer before = ByteBuffer.wrap(Files.readAllBytes(segment));
        int stored = before.getInt(at + RecordLayout.CRC_OFFSET);
        flip(segment, at + RecordLayout.DATA_OFFSET + 3);
        ByteBuffer after = ByteBuffer.wrap(Files.readAllBytes(segment));
        int actual = RecordLayout.checksum(after, at, after.getInt(at + RecordLayout.LENGTH_OFFSET));

        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLogStore.open(dir, ONE_SEGMENT));
        assertEquals(segment, e.file());
        assertEquals(at, e.offset());
        assertEquals(CorruptLogException.Check.CHECKSUM, e.check());
        assertEquals(Integer.toUnsignedLong(stored), e.expected());
        assertEquals(Integer.toUnsignedLong(actual), e.actual());
        assertTrue(e.getMessage().contains(segment.toString()) && e.getMessage().contains("offset " + at), e.getMessage());
        assertTrue(e.getMessage().contains(String.format("0x%08x", stored)), e.getMessage());
    }

    @Test
    void aFlippedLengthFieldBeforeTheTailRefusesTheOpen() throws IOException {
        write(ONE_SEGMENT, 20);
        Path segment = onlySegment();
        int at = SegmentScan.scan(segment, true).offsets()[5];
        flip(segment, at + RecordLayout.LENGTH_OFFSET + 3);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLogStore.open(dir, ONE_SEGMENT));
        assertEquals(at, e.offset());
    }

    @Test
    void damageAtTheEndOfAnOlderSegmentIsCorruptionNotATornTail() throws IOException {
        write(SMALL_SEGMENTS, 100);
        List<Path> files = Recovery.segmentFiles(dir);
        assertTrue(files.size() > 2);
        Path older = files.get(0);
        SegmentScan scan = SegmentScan.scan(older, false);
        int lastRecord = scan.offsets()[scan.count() - 1];
        flip(older, lastRecord + RecordLayout.DATA_OFFSET);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLogStore.open(dir, SMALL_SEGMENTS));
        assertEquals(older, e.file());
        assertEquals(lastRecord, e.offset());
    }

    @Test
    void aLastRecordCutOffMidwayIsDroppedAndAppendingContinues() throws IOException {
        List<LogEntry> written = write(ONE_SEGMENT, 10);
        Path segment = onlySegment();
        int at = SegmentScan.scan(segment, true).offsets()[9];
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(at + 30);
        }
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            assertEquals(9, log.lastIndex());
            assertEquals(written.subList(0, 9), log.entries(1, 10));
            log.append(List.of(new LogEntry(10, 7, new byte[] {1, 2, 3})));
            log.sync();
        }
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            assertEquals(new LogEntry(10, 7, new byte[] {1, 2, 3}), log.entry(10));
        }
    }

    @Test
    void aPartlyZeroedLastRecordIsATornTailAndIsZeroedOnRecovery() throws IOException {
        List<LogEntry> written = write(ONE_SEGMENT, 10);
        Path segment = onlySegment();
        int at = SegmentScan.scan(segment, true).offsets()[9];
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(20), at + 30);
        }
        SegmentScan damaged = SegmentScan.scan(segment, true);
        assertTrue(damaged.damage() instanceof SegmentScan.TornTail, String.valueOf(damaged.damage()));
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            assertEquals(written.subList(0, 9), log.entries(1, 10));
        }
        SegmentScan repaired = SegmentScan.scan(segment, true);
        assertNull(repaired.damage(), "recovery zeroes the torn bytes");
        assertEquals(at, repaired.end());
    }

    @Test
    void garbageAfterTheLastRecordIsATornTail() throws IOException {
        List<LogEntry> written = write(ONE_SEGMENT, 10);
        Path segment = onlySegment();
        int end = SegmentScan.scan(segment, true).end();
        byte[] garbage = new byte[100];
        new java.util.Random(42).nextBytes(garbage);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(garbage), end);
        }
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            assertEquals(written, log.entries(1, 11));
        }
    }

    @Test
    void aDamagedSegmentHeaderRefusesTheOpen() throws IOException {
        write(ONE_SEGMENT, 3);
        Path segment = onlySegment();
        flip(segment, SegmentHeader.BASE_INDEX_OFFSET + 7);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLogStore.open(dir, ONE_SEGMENT));
        assertEquals(SegmentHeader.CRC_OFFSET, e.offset());
        assertEquals(CorruptLogException.Check.CHECKSUM, e.check());
    }

    @Test
    void aMissingSegmentInTheMiddleRefusesTheOpen() throws IOException {
        write(SMALL_SEGMENTS, 100);
        List<Path> files = Recovery.segmentFiles(dir);
        Files.delete(files.get(1));
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLogStore.open(dir, SMALL_SEGMENTS));
        assertEquals(files.get(2), e.file());
        assertEquals(CorruptLogException.Check.INDEX, e.check());
        assertEquals(SegmentScan.scan(files.get(0), false).nextIndex(), e.expected());
    }

    @Test
    void aMissingFirstSegmentRefusesTheOpen() throws IOException {
        write(SMALL_SEGMENTS, 100);
        Files.delete(Recovery.segmentFiles(dir).get(0));
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLogStore.open(dir, SMALL_SEGMENTS));
        assertEquals(1, e.expected());
    }

    @Test
    void aDamagedMetaFileRefusesTheOpen() throws IOException {
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            log.append(List.of(new LogEntry(1, 1, new byte[1]), new LogEntry(2, 1, new byte[1])));
            log.compactPrefix(1);
        }
        flip(dir.resolve(LogMeta.FILE_NAME), LogMeta.FIRST_INDEX_OFFSET);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLogStore.open(dir, ONE_SEGMENT));
        assertEquals(dir.resolve(LogMeta.FILE_NAME), e.file());
    }

    static void flip(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
            channel.write(one, offset);
        }
    }
}
