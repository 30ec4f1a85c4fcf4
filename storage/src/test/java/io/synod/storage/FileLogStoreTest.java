package io.synod.storage;

import io.synod.api.LogEntry;
import io.synod.spi.LogStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file log against the shared contract, plus what only a file log has: restarts, segments and
 * forces. Segment channels go through a {@link RecordingFileIo}, which counts every force the log
 * asks for, independently of the log's own {@link FileLogStore#fsyncCount()}.
 */
class FileLogStoreTest extends LogStoreContract {

    static final StorageOptions SMALL = StorageOptions.builder().segmentSize(1024).build();

    @TempDir
    Path dir;

    /** Where copies of {@link #dir} go: the files as a process crash would leave them. */
    @TempDir
    Path copies;

    private final RecordingFileIo io = new RecordingFileIo(RecordingFileIo.Forces.KEPT);

    @Override
    protected LogStore create() {
        return FileLogStore.open(dir, SMALL, io);
    }

    private FileLogStore reopen() {
        log.close();
        FileLogStore reopened = FileLogStore.open(dir, SMALL, io);
        log = reopened;
        return reopened;
    }

    private Path activeSegment() {
        List<Path> segments = Recovery.segmentFiles(dir);
        return segments.get(segments.size() - 1);
    }

    @Test
    void openingForcesTheLastSegmentOnce() {
        assertEquals(1, io.forces(), "recovery makes what it kept durable before new records vouch for it");
        assertEquals(0, ((FileLogStore) log).fsyncCount());
    }

    @Test
    void eachSyncForcesTheActiveSegmentExactlyOnceAndAppendsAloneNever() {
        FileLogStore file = (FileLogStore) log;
        int before = io.forces();
        log.append(entries(1, 3, 1));
        log.append(entries(4, 5, 1));
        assertEquals(before, io.forces(), "appends stay in the page cache");
        log.sync();
        assertEquals(before + 1, io.forces());
        assertEquals(1, io.forces(activeSegment()) - (before == 1 ? 1 : 0), "the one force was the active segment's");
        log.sync();
        log.append(entries(6, 6, 1));
        log.sync();
        assertEquals(before + 3, io.forces());
        assertEquals(3, file.fsyncCount(), "the log's own count agrees with the channel's");
    }

    @Test
    void theTimeSpentInFsyncsIsCountedWithThem() {
        FileLogStore file = (FileLogStore) log;
        assertEquals(0, file.fsyncNanos(), "recovery's force is not the log's own");
        log.append(entries(1, 3, 1));
        log.sync();
        long afterOne = file.fsyncNanos();
        assertTrue(afterOne > 0, "one fsync took some time: " + afterOne);
        log.append(entries(4, 4, 1));
        log.sync();
        assertTrue(file.fsyncNanos() >= afterOne);
    }

    @Test
    void aFullSegmentIsForcedOnceBeforeTheNextIsCreated() {
        int before = io.forces();
        log.append(entries(1, 100, 1)); // ~20 records a 1 KiB segment: several rolls, no sync
        List<Path> segments = Recovery.segmentFiles(dir);
        assertTrue(segments.size() >= 4, "rolled " + segments.size());
        for (Path full : segments.subList(0, segments.size() - 1)) {
            assertEquals(full.equals(segments.get(0)) ? 2 : 1, io.forces(full), full + " forced once when full (the first also at open)");
        }
        assertEquals(0, io.forces(segments.get(segments.size() - 1)), "the active segment waits for sync");
        assertEquals(before + segments.size() - 1, io.forces());
    }

    @Test
    void aTruncationIsForcedByTheNextSyncNotBefore() {
        log.append(entries(1, 10, 1));
        log.sync();
        int before = io.forces();
        log.truncateSuffix(6);
        assertEquals(before, io.forces());
        log.append(entries(6, 7, 2));
        log.sync();
        assertEquals(before + 1, io.forces(), "one force covers the truncation's zeros and the appends");
    }

    @Test
    void withoutSyncPolicyAlwaysNothingIsForced() {
        log.close();
        RecordingFileIo unforced = new RecordingFileIo(RecordingFileIo.Forces.KEPT);
        try (FileLogStore file = FileLogStore.open(dir, StorageOptions.builder().segmentSize(1024).syncPolicy(SyncPolicy.NONE).build(), unforced)) {
            file.append(entries(1, 100, 1));
            file.sync();
            file.truncateSuffix(50);
            file.sync();
            assertEquals(0, unforced.forces());
            assertEquals(0, file.fsyncCount());
        }
        log = FileLogStore.open(dir, SMALL, io);
    }

    @Test
    void entriesSurviveARestartAcrossManySegments() {
        log.append(entries(1, 200, 2));
        log.sync();
        assertTrue(Recovery.segmentFiles(dir).size() > 5, "small segments should have rolled");
        FileLogStore reopened = reopen();
        assertEquals(1, reopened.firstIndex());
        assertEquals(200, reopened.lastIndex());
        assertEquals(entries(1, 200, 2), reopened.entries(1, 201));
    }

    @Test
    void aRecordLargerThanASegmentGetsASegmentOfItsOwn() {
        log.append(entries(1, 3, 1));
        byte[] big = new byte[5000];
        big[4999] = 7;
        log.append(List.of(new LogEntry(4, 1, big)));
        log.append(entries(5, 6, 1));
        FileLogStore reopened = reopen();
        assertArrayEquals(big, reopened.entry(4).data());
        assertEquals(entries(5, 6, 1), reopened.entries(5, 7));
    }

    @Test
    void compactionDeletesWholeSegmentsAndItsFirstIndexSurvivesARestart() {
        log.append(entries(1, 100, 1));
        int before = Recovery.segmentFiles(dir).size();
        log.compactPrefix(60);
        assertTrue(Recovery.segmentFiles(dir).size() < before, "segments below index 61 should be gone");
        FileLogStore reopened = reopen();
        assertEquals(61, reopened.firstIndex());
        assertEquals(100, reopened.lastIndex());
        assertEquals(entries(61, 100, 1), reopened.entries(61, 101));
    }

    @Test
    void anEmptyLogRemembersWhereItRestartsAfterReset() {
        log.append(entries(1, 50, 1));
        log.reset(80);
        FileLogStore reopened = reopen();
        assertEquals(81, reopened.firstIndex());
        assertEquals(80, reopened.lastIndex());
        assertEquals(1, Recovery.segmentFiles(dir).size());
        reopened.append(entries(81, 82, 3));
        assertEquals(entries(81, 82, 3), reopen().entries(81, 83));
    }

    @Test
    void truncatedEntriesStayGoneAfterARestartEvenWhenReplacedByShorterOnes() {
        log.append(entries(1, 40, 1));
        log.truncateSuffix(10);
        // Same-sized records would sit exactly where the old ones were; stale ones must not reappear.
        log.append(List.of(new LogEntry(10, 2, new byte[0])));
        log.sync();
        FileLogStore reopened = reopen();
        assertEquals(10, reopened.lastIndex());
        assertEquals(new LogEntry(10, 2, new byte[0]), reopened.entry(10));
    }

    @Test
    void purgeKeepsTheActiveSegmentAndEverythingAboveTheIndex() {
        FileLogStore file = (FileLogStore) log;
        file.append(entries(1, 100, 1));
        file.purgeSegmentsThrough(50);
        assertTrue(file.firstIndex() > 1 && file.firstIndex() <= 51, "first index " + file.firstIndex());
        assertEquals(entries(51, 100, 1), file.entries(51, 101));
        file.purgeSegmentsThrough(1000);
        assertEquals(100, file.lastIndex());
        assertTrue(file.firstIndex() <= 100);
        assertEquals(file.firstIndex(), reopen().firstIndex());
    }

    @Test
    void concurrentAsyncAppendsGetDistinctContiguousIndexesAndAllSurvive() throws Exception {
        FileLogStore file = (FileLogStore) log;
        file.append(entries(1, 5, 1));
        int forcesAtStart = io.forces();
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        try {
            List<java.util.concurrent.Future<List<CompletableFuture<Long>>>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                submitted.add(pool.submit(() -> {
                    List<CompletableFuture<Long>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(file.appendAsync(9, payload(thread, i)));
                    }
                    return mine;
                }));
            }
            for (var f : submitted) {
                futures.addAll(f.get());
            }
        } finally {
            pool.shutdown();
        }
        Set<Long> indexes = new HashSet<>();
        for (CompletableFuture<Long> f : futures) {
            indexes.add(f.get());
        }
        assertEquals(threads * perThread, indexes.size());
        assertEquals(6, indexes.stream().mapToLong(Long::longValue).min().orElseThrow());
        assertEquals(5 + threads * perThread, indexes.stream().mapToLong(Long::longValue).max().orElseThrow());
        // Counted by the channel, not by the log: at least one force made them durable, at most one per append.
        int forces = io.forces() - forcesAtStart;
        assertTrue(forces >= 1 && forces <= threads * perThread, "forces: " + forces);
        assertEquals(forces, file.fsyncCount());
        FileLogStore reopened = reopen();
        Set<String> payloads = new HashSet<>();
        for (LogEntry e : reopened.entries(6, 6 + threads * perThread)) {
            assertEquals(9, e.term());
            payloads.add(new String(e.data()));
        }
        assertEquals(threads * perThread, payloads.size());
    }

    @Test
    void asyncAppendsAfterCloseFail() {
        FileLogStore file = (FileLogStore) log;
        file.appendAsync(1, new byte[1]).join();
        file.close();
        assertThrows(IllegalStateException.class, () -> file.appendAsync(1, new byte[1]));
        log = FileLogStore.open(dir, SMALL, io);
        assertEquals(1, log.lastIndex());
    }

    @Test
    void leftoverTemporaryFilesAreIgnored() throws Exception {
        log.append(entries(1, 3, 1));
        log.close();
        Files.write(dir.resolve(Segment.fileName(4) + AtomicFile.TEMP_SUFFIX), new byte[100]);
        log = FileLogStore.open(dir, SMALL, io);
        assertEquals(3, log.lastIndex());
        assertFalse(Files.exists(dir.resolve(Segment.fileName(4) + AtomicFile.TEMP_SUFFIX)));
    }

    @Test
    void aRewriteCutShortByACrashReopensAsTheLogOfTheLastSync() throws Exception {
        log.append(entries(1, 10, 1));
        log.sync();
        log.truncateSuffix(6);
        log.append(entries(6, 8, 2));
        // What a process crash now leaves: every write made so far, the rewrite not committed.
        Path crashed = copyOf(dir, "crashed");
        try (FileLogStore reopened = FileLogStore.open(crashed, SMALL)) {
            assertEquals(entries(1, 10, 1), reopened.entries(1, 11), "the truncation and its new tail commit together or not at all");
            assertFalse(Files.exists(crashed.resolve(TruncationUndo.FILE_NAME)), "undone once, the before-image goes");
        }
        log.sync();
        assertFalse(Files.exists(dir.resolve(TruncationUndo.FILE_NAME)), "the sync commits the rewrite");
        Path committed = copyOf(dir, "committed");
        try (FileLogStore reopened = FileLogStore.open(committed, SMALL)) {
            List<LogEntry> expected = new ArrayList<>(entries(1, 5, 1));
            expected.addAll(entries(6, 8, 2));
            assertEquals(expected, reopened.entries(1, 9));
        }
    }

    @Test
    void aTruncationOfUnsyncedEntriesKeepsNoBeforeImage() {
        log.append(entries(1, 5, 1));
        log.sync();
        log.append(entries(6, 9, 1));
        log.truncateSuffix(7);
        assertFalse(Files.exists(dir.resolve(TruncationUndo.FILE_NAME)), "nothing a crash would keep was dropped");
        log.truncateSuffix(4);
        assertTrue(Files.exists(dir.resolve(TruncationUndo.FILE_NAME)), "index 4 and 5 were synced");
    }

    @Test
    void aDamagedBeforeImageRefusesTheOpenNamingFileAndOffset() throws Exception {
        log.append(entries(1, 10, 1));
        log.sync();
        log.truncateSuffix(6);
        Path crashed = copyOf(dir, "damaged");
        Path undo = crashed.resolve(TruncationUndo.FILE_NAME);
        byte[] bytes = Files.readAllBytes(undo);
        bytes[TruncationUndo.ENTRIES_OFFSET + 3] ^= 0x40;
        Files.write(undo, bytes);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLogStore.open(crashed, SMALL));
        assertEquals(CorruptLogException.Check.CHECKSUM, e.check());
        assertTrue(e.getMessage().contains(undo.toString()) && e.getMessage().contains("offset " + (bytes.length - 4)), e.getMessage());
    }

    private Path copyOf(Path from, String name) throws Exception {
        Path to = Files.createDirectories(copies.resolve(name));
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static byte[] payload(int thread, int i) {
        return (thread + ":" + i).getBytes();
    }
}
