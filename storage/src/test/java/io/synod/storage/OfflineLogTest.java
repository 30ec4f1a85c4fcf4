package io.synod.storage;

import io.synod.api.LogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OfflineLog}: what an open would keep, read without opening; damage thrown naming file and offset
 * after the good entries before it; nothing written.
 */
class OfflineLogTest {

    private static final StorageOptions SMALL_SEGMENTS = StorageOptions.builder().segmentSize(1024).build();

    @TempDir
    Path dir;

    private static LogEntry entry(long index) {
        byte[] data = new byte[30 + (int) (index % 5)];
        Arrays.fill(data, (byte) (index | 1));
        return new LogEntry(index, 1 + index / 10, data);
    }

    private record Seen(LogEntry entry, Path file, int offset) {
    }

    private List<Seen> read(Path where) {
        List<Seen> seen = new ArrayList<>();
        OfflineLog.read(where, (entry, file, offset) -> seen.add(new Seen(entry, file, offset)));
        return seen;
    }

    @Test
    void readsWhatAnOpenKeepsAcrossSegmentsWithoutWriting() throws Exception {
        List<LogEntry> written = new ArrayList<>();
        try (FileLogStore log = FileLogStore.open(dir, SMALL_SEGMENTS)) {
            for (long i = 1; i <= 60; i++) {
                written.add(entry(i));
            }
            log.append(written);
            log.sync();
            log.compactPrefix(25);
        }
        long firstKept;
        try (FileLogStore log = FileLogStore.open(dir, SMALL_SEGMENTS)) {
            firstKept = log.firstIndex();
        }
        byte[] before = Files.readAllBytes(Recovery.segmentFiles(dir).get(0));
        List<Seen> seen = read(dir);
        assertEquals(written.subList((int) firstKept - 1, 60), seen.stream().map(Seen::entry).toList());
        assertTrue(seen.stream().map(Seen::file).distinct().count() > 1, "several segments");
        for (Seen s : seen) {
            ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(s.file()));
            assertEquals(s.entry().index(), file.getLong(s.offset() + RecordLayout.INDEX_OFFSET), "the offset is the record's");
        }
        assertTrue(Arrays.equals(before, Files.readAllBytes(Recovery.segmentFiles(dir).get(0))), "nothing written");
    }

    @Test
    void aFlippedByteIsThrownNamingFileAndOffsetAfterTheGoodEntries() throws Exception {
        try (FileLogStore log = FileLogStore.open(dir, StorageOptions.builder().segmentSize(1 << 16).build())) {
            List<LogEntry> written = new ArrayList<>();
            for (long i = 1; i <= 10; i++) {
                written.add(entry(i));
            }
            log.append(written);
            log.sync();
        }
        Path segment = Recovery.segmentFiles(dir).get(0);
        int offset = SegmentScan.scan(segment, true).offsets()[4];
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
            raf.seek(offset + RecordLayout.DATA_OFFSET);
            raf.write(0x55);
        }
        List<Long> handed = new ArrayList<>();
        CorruptLogException e = assertThrows(CorruptLogException.class,
            () -> OfflineLog.read(dir, (entry, file, at) -> handed.add(entry.index())));
        assertEquals(List.of(1L, 2L, 3L, 4L), handed);
        assertEquals(segment, e.file());
        assertEquals(offset, e.offset());
    }
}
