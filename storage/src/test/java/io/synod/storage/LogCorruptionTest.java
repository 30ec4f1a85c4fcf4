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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damage on disk and the verdict on it ({@link SegmentScan}): a torn write at the tail is dropped;
 * a damaged last record that may have been synced is dropped and reported as suspect, durably;
 * anything else refuses the open naming file and offset. Checksums are computed here with
 * {@link CRC32C} over the bytes as {@link RecordLayout} documents them, not with the code under test.
 */
class LogCorruptionTest {

    private static final StorageOptions ONE_SEGMENT = StorageOptions.builder().segmentSize(1 << 16).build();
    private static final StorageOptions SMALL_SEGMENTS = StorageOptions.builder().segmentSize(2048).build();

    @TempDir
    Path dir;

    private static LogEntry entry(long index, int size) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) (index | 1)); // never zero: a zero sector inside a record is a tear, not data
        return new LogEntry(index, 1 + index / 10, data);
    }

    /** Appends {@code from..through} in one batch and syncs it. */
    private static List<LogEntry> batch(FileLogStore log, long from, long through, int size) {
        List<LogEntry> written = new ArrayList<>();
        for (long i = from; i <= through; i++) {
            written.add(entry(i, size));
        }
        log.append(written);
        log.sync();
        return written;
    }

    private List<LogEntry> write(StorageOptions options, int count) {
        List<LogEntry> written = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            written.add(entry(i, 40 + i % 7));
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

    private static int offsetOf(Path segment, long index) {
        SegmentScan scan = SegmentScan.scan(segment, true);
        return scan.offsets()[(int) (index - scan.baseIndex())];
    }

    /** The CRC32C of the record at {@code at} as its layout documents it: over length, then index, term, synced and data. */
    static int documentedChecksum(byte[] file, int at) {
        int length = ByteBuffer.wrap(file).getInt(at);
        CRC32C crc = new CRC32C();
        crc.update(file, at, 4);
        crc.update(file, at + 8, 24 + length);
        return (int) crc.getValue();
    }

    @Test
    void aRecordCarriesTheCrc32cOfItsDocumentedLayout() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        RecordLayout.encode(buffer, 0, 7, 3, 5, "abc".getBytes());
        // length 3 | crc | index 7 | term 3 | synced 5 | "abc", big-endian, built by hand.
        byte[] covered = HexFormat.of().parseHex("00000003" + "0000000000000007" + "0000000000000003" + "0000000000000005" + "616263");
        CRC32C crc = new CRC32C();
        crc.update(covered);
        assertEquals((int) crc.getValue(), buffer.getInt(4));
        assertEquals("00000003", HexFormat.of().formatHex(buffer.array(), 0, 4));
        assertEquals(HexFormat.of().formatHex(covered, 4, covered.length), HexFormat.of().formatHex(buffer.array(), 8, 8 + 27));
    }

    @Test
    void aFlippedByteInTheMiddleOfASegmentRefusesTheOpenNamingFileOffsetAndChecksums() throws IOException {
        write(ONE_SEGMENT, 100);
        Path segment = onlySegment();
        int at = offsetOf(segment, 50);
        int stored = ByteBuffer.wrap(Files.readAllBytes(segment)).getInt(at + 4);
        assertEquals(stored, documentedChecksum(Files.readAllBytes(segment), at), "the file holds the documented checksum");
        flip(segment, at + RecordLayout.DATA_OFFSET + 3);
        int actual = documentedChecksum(Files.readAllBytes(segment), at);

        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLogStore.open(dir, ONE_SEGMENT));
        assertEquals(segment, e.file());
        assertEquals(at, e.offset());
        assertEquals(CorruptLogException.Check.CHECKSUM, e.check());
        assertEquals(Integer.toUnsignedLong(stored), e.expected());
        assertEquals(Integer.toUnsignedLong(actual), e.actual());
        assertTrue(e.getMessage().contains(segment.toString()) && e.getMessage().contains("offset " + at), e.getMessage());
        assertTrue(e.getMessage().contains(String.format("0x%08x", stored)), e.getMessage());
        assertTrue(e.getMessage().contains("a valid record follows"), e.getMessage());
    }

    @Test
    void aFlippedLengthFieldBeforeTheTailRefusesTheOpen() throws IOException {
        write(ONE_SEGMENT, 20);
        Path segment = onlySegment();
        int at = offsetOf(segment, 6);
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
    void aLastRecordWhoseLastSectorsNeverReachedTheDiskIsATornWriteAndIsZeroedOnRecovery() throws IOException {
        List<LogEntry> written;
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            written = batch(log, 1, 9, 100);
            written.addAll(batch(log, 10, 10, 1500));
        }
        Path segment = onlySegment();
        int at = offsetOf(segment, 10);
        int sector = (at / SegmentScan.SECTOR + 2) * SegmentScan.SECTOR; // inside the record, which ends past it
        zero(segment, sector, at + RecordLayout.recordLength(1500));
        SegmentScan damaged = SegmentScan.scan(segment, true);
        assertInstanceOf(SegmentScan.TornTail.class, damaged.damage());
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            assertEquals(written.subList(0, 9), log.entries(1, 10));
            assertEquals(0, log.suspectFrom(), "a tear held nothing durable");
        }
        SegmentScan repaired = SegmentScan.scan(segment, true);
        assertNull(repaired.damage(), "recovery zeroes the torn bytes");
        assertEquals(at, repaired.end());
    }

    @Test
    void aSectorOfTheLastBatchNeverWrittenIsATornWriteEvenWhenLaterSectorsOfTheBatchWere() throws IOException {
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            batch(log, 1, 9, 100);
            batch(log, 10, 13, 1500); // one write; the kernel may write its pages back in any order
        }
        Path segment = onlySegment();
        int at = offsetOf(segment, 10);
        int sector = (at / SegmentScan.SECTOR + 1) * SegmentScan.SECTOR;
        zero(segment, sector, sector + SegmentScan.SECTOR);
        SegmentScan damaged = SegmentScan.scan(segment, true);
        assertInstanceOf(SegmentScan.TornTail.class, damaged.damage(), "records 11..13 carry watermark 9: nothing proves 10 was synced");
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            assertEquals(9, log.lastIndex());
            assertEquals(0, log.suspectFrom());
        }
    }

    @Test
    void aZeroedSectorThatALaterRecordProvesSyncedIsCorruptionNotATear() throws IOException {
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            batch(log, 1, 9, 100);
            batch(log, 10, 11, 1500);
            batch(log, 12, 12, 100); // written after the sync of 10..11: its watermark is 11
        }
        Path segment = onlySegment();
        int at = offsetOf(segment, 10);
        int proving = offsetOf(segment, 12);
        int sector = (at / SegmentScan.SECTOR + 1) * SegmentScan.SECTOR;
        zero(segment, sector, sector + SegmentScan.SECTOR);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLogStore.open(dir, ONE_SEGMENT));
        assertEquals(at, e.offset());
        assertTrue(e.getMessage().contains("offset " + proving + " (index 12)") && e.getMessage().contains("through 11 had been synced"), e.getMessage());
    }

    @Test
    void aCompleteLastRecordThatFailsItsChecksumIsDroppedAndReportedSuspectDurably() throws IOException {
        List<LogEntry> written;
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            written = batch(log, 1, 10, 100);
        }
        Path segment = onlySegment();
        int at = offsetOf(segment, 10);
        flip(segment, at + RecordLayout.DATA_OFFSET + 50);
        SegmentScan damaged = SegmentScan.scan(segment, true);
        SegmentScan.SuspectTail suspect = assertInstanceOf(SegmentScan.SuspectTail.class, damaged.damage());
        assertEquals(10, suspect.fromIndex());
        assertEquals(at, suspect.offset());
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            assertEquals(written.subList(0, 9), log.entries(1, 10));
            assertEquals(10, log.suspectFrom());
            assertTrue(log.suspectThrough() >= 10 && log.suspectThrough() <= 10 + 132 / RecordLayout.HEADER_LENGTH, "at most as many records as the bytes hold");
            log.append(List.of(new LogEntry(10, 7, new byte[] {1, 2, 3})));
            log.sync();
        }
        assertNull(SegmentScan.scan(segment, true).damage(), "the damaged bytes were zeroed and overwritten");
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            assertEquals(10, log.suspectFrom(), "a restart does not forget that index 10 may have been lost");
            assertEquals(new LogEntry(10, 7, new byte[] {1, 2, 3}), log.entry(10));
            log.compactPrefix(log.suspectThrough());
        }
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            assertEquals(0, log.suspectFrom(), "once the log starts past every index that may have been lost, a snapshot covers them");
        }
    }

    @Test
    void aLastRecordCutOffByTheEndOfTheFileIsSuspectNotTorn() throws IOException {
        List<LogEntry> written = write(ONE_SEGMENT, 10);
        Path segment = onlySegment();
        int at = offsetOf(segment, 10);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(at + 30); // segments are preallocated: a crash never shortens one
        }
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            assertEquals(written.subList(0, 9), log.entries(1, 10));
            assertEquals(10, log.suspectFrom());
            log.append(List.of(new LogEntry(10, 7, new byte[] {1, 2, 3})));
            log.sync();
        }
        try (FileLogStore log = FileLogStore.open(dir, ONE_SEGMENT)) {
            assertEquals(new LogEntry(10, 7, new byte[] {1, 2, 3}), log.entry(10));
        }
    }

    @Test
    void garbageAfterTheLastRecordIsSuspectBecauseACrashLeavesZerosThere() throws IOException {
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
            assertEquals(11, log.suspectFrom());
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
    void aSegmentOfAnOlderFormatIsRefusedByVersion() throws IOException {
        write(ONE_SEGMENT, 3);
        Path segment = onlySegment();
        ByteBuffer header = SegmentHeader.encode(1);
        header.putInt(SegmentHeader.VERSION_OFFSET, 1);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, SegmentHeader.CRC_OFFSET);
        header.putInt(SegmentHeader.CRC_OFFSET, (int) crc.getValue());
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(header, 0);
        }
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLogStore.open(dir, ONE_SEGMENT));
        assertEquals(SegmentHeader.VERSION_OFFSET, e.offset());
        assertTrue(e.getMessage().contains("unsupported segment format version"), e.getMessage());
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

    static void zero(Path file, long from, long to) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate((int) (to - from)), from);
        }
    }
}
