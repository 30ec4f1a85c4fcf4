package io.synod.storage;

import io.synod.api.LogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every state a crash could leave, checked: a seeded workload (appends of records from empty to a
 * few KiB, syncs, truncations, compactions, resets, reopens) runs on a log whose segment I/O is
 * recorded ({@link RecordingFileIo}). After each write and each force, every crash image of the
 * unforced writes ({@link CrashImages}: prefixes, block subsets, torn blocks, sector subsets) is
 * written to a scratch directory and opened. Each must open; recovery must not mistake a crash for
 * damage (no suspect tail); it must hold every entry synced before (unless a truncation since
 * dropped it); and every entry it holds must be one that was written at that index.
 *
 * <p>The next segment is prepared ahead ({@link SegmentPipeline}) on the workload's own thread, so
 * that the run is deterministic: the crash states include a prepared file half or wholly zeroed,
 * one whose header is written but not yet renamed into place, and one renamed (a crash mid-roll).
 *
 * <p>Unlike {@link LogCrashTest}, whose killed process leaves the page cache intact, this test
 * fails when the log does not force what it acknowledges: {@link #aLogWhoseForcesAreLostIsCaught}
 * runs the same workload with forces that do nothing and asserts which check catches it.
 * Replay a seed with {@code -Dsynod.crashstates.seed=N}; run {@code -Dsynod.crashstates.seeds=K}
 * consecutive seeds from there.
 */
class LogCrashStatesTest {

    private static final long DEFAULT_SEED = 0x5EED_C0DEL;
    private static final int OPERATIONS = 200;
    /** The calibration needs only a few syncs to show what it catches. */
    private static final int CALIBRATION_OPERATIONS = 30;
    private static final StorageOptions WORKLOAD = StorageOptions.builder().segmentSize(16 << 10).build();
    /** Recovery's verdicts do not depend on the sync policy; not forcing keeps thousands of opens cheap. */
    private static final StorageOptions CHECK = StorageOptions.builder().segmentSize(16 << 10).syncPolicy(SyncPolicy.NONE)
        .preallocateSegments(false).build();

    /** What a crash image broke, in the order the checks run. */
    enum Violation {
        /** The log refused to open a state a crash can leave. */
        REFUSED,
        /** Recovery took a torn write for damage to synced data. */
        SUSPECT,
        /** An entry synced before the crash is missing or different. */
        LOST_SYNCED,
        /**
         * A truncation since the last sync left neither the log as of that sync nor the whole new
         * one: the truncated old log with part of (or none of) the new tail.
         */
        TORN_REWRITE,
        /** An entry holds something never written at its index. */
        INVENTED
    }

    /** The first violation found, with enough to replay it. */
    record Failure(Violation violation, long event, String detail) {
    }

    @TempDir
    Path work;

    private static long seed() {
        return Long.getLong("synod.crashstates.seed", DEFAULT_SEED);
    }

    private static String repro(long seed) {
        return "seed " + seed + "; replay with: mvn -B -pl storage -am test -Dtest=LogCrashStatesTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dsynod.crashstates.seed=" + seed;
    }

    @Test
    void noCrashStateLosesASyncedEntryOrReturnsOneNeverWritten() throws IOException {
        int seeds = Integer.getInteger("synod.crashstates.seeds", 1);
        for (long seed = seed(); seed < seed() + seeds; seed++) {
            long s = seed;
            Run run = new Run(work.resolve("seed-" + seed), seed, RecordingFileIo.Forces.KEPT, true, false);
            Failure failure = run.workload(OPERATIONS);
            assertNull(failure, () -> failure + "; " + repro(s));
            assertTrue(run.states > 1_500, "checked only " + run.states + " crash states; " + repro(s));
            assertTrue(run.tornStates > 100, "only " + run.tornStates + " states held a torn write; " + repro(s));
            assertTrue(run.rewriteStates > 100, "only " + run.rewriteStates + " states fell inside a rewrite; " + repro(s));
            assertTrue(run.preparedStates > 100, "only " + run.preparedStates + " states held a prepared segment; " + repro(s));
            assertTrue(run.adoptions > 2, "only " + run.adoptions + " rolls took a prepared segment; " + repro(s));
            System.out.printf("LogCrashStatesTest: %d crash states at %d crash points (%d with a torn write, %d inside a rewrite,"
                + " %d beside a prepared segment, %d rolls took one), %s%n",
                run.states, run.points, run.tornStates, run.rewriteStates, run.preparedStates, run.adoptions, repro(s));
        }
    }

    @Test
    void aLogWhoseForcesAreLostIsCaught() throws IOException {
        long seed = seed();
        Failure failure = new Run(work.resolve("lost"), seed, RecordingFileIo.Forces.LOST, true, true).workload(CALIBRATION_OPERATIONS);
        assertNotNull(failure, "a log that never reaches the disk must be caught; " + repro(seed));
        assertEquals(Violation.LOST_SYNCED, failure.violation(), () -> failure + "; " + repro(seed));
        Failure control = new Run(work.resolve("kept"), seed, RecordingFileIo.Forces.KEPT, true, true).workload(CALIBRATION_OPERATIONS);
        assertNull(control, () -> "the correct log on the same seed must pass: " + control + "; " + repro(seed));
    }

    /**
     * Without the before-image of what a truncation drops, a crash between the truncation and the
     * sync of the new tail leaves the truncated old log: caught as a torn rewrite. The correct log
     * runs the same seed as the control.
     */
    @Test
    void aLogThatTruncatesWithoutABeforeImageIsCaught() throws IOException {
        long seed = seed();
        Failure failure = new Run(work.resolve("no-undo"), seed, RecordingFileIo.Forces.KEPT, false, true).workload(OPERATIONS);
        assertNotNull(failure, "a rewrite that a crash can tear must be caught; " + repro(seed));
        assertEquals(Violation.TORN_REWRITE, failure.violation(), () -> failure + "; " + repro(seed));
        Failure control = new Run(work.resolve("undo"), seed, RecordingFileIo.Forces.KEPT, true, true).workload(OPERATIONS);
        assertNull(control, () -> "the correct log on the same seed must pass: " + control + "; " + repro(seed));
    }

    /** One workload on one recorded log, checking crash states as it goes. */
    private static final class Run {
        private final Path dir;
        private final Path scratch;
        private final SplittableRandom random;
        private final SplittableRandom imageRandom;
        private final RecordingFileIo io;
        private final boolean undoTruncations;
        private final boolean stopAtFirst;
        /** Every entry ever written, per index: what a crash may legitimately return there. */
        private final Map<Long, List<LogEntry>> written = new HashMap<>();
        /** The log as of the last sync that returned. */
        private TreeMap<Long, LogEntry> synced = new TreeMap<>();
        /** The lowest truncation point since that sync: synced entries from there on may go. */
        private long truncatedSince = Long.MAX_VALUE;
        /** The log as the operation under way leaves it: what a rewrite must give whole if not the synced log. */
        private final TreeMap<Long, LogEntry> model = new TreeMap<>();
        private Failure failure;
        private int operation;
        long states;
        long points;
        long tornStates;
        long rewriteStates;
        long preparedStates;
        long adoptions;

        Run(Path work, long seed, RecordingFileIo.Forces forces, boolean undoTruncations, boolean stopAtFirst) throws IOException {
            this.dir = Files.createDirectories(work.resolve("log"));
            // Thousands of small files are written and opened: on tmpfs when the machine has one.
            Path shm = Path.of("/dev/shm");
            this.scratch = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "synod-crash-states") : Files.createDirectories(work.resolve("crash"));
            this.random = new SplittableRandom(seed);
            this.imageRandom = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
            this.io = new RecordingFileIo(forces);
            this.undoTruncations = undoTruncations;
            this.stopAtFirst = stopAtFirst;
        }

        Failure workload(int operations) {
            FileLogStore log = open();
            io.listen(ignored -> checkCrashStates());
            long term = 1;
            try {
                for (operation = 0; operation < operations && !(stopAtFirst && failure != null); operation++) {
                    int choice = random.nextInt(100);
                    if (choice < 65) {
                        append(log, term);
                        if (random.nextInt(10) < 8) {
                            sync(log);
                        }
                    } else if (choice < 77 && log.lastIndex() >= log.firstIndex()) {
                        long from = Math.max(log.firstIndex(), log.lastIndex() - random.nextInt(6));
                        truncatedSince = Math.min(truncatedSince, from);
                        model.tailMap(from).clear();
                        log.truncateSuffix(from);
                        term++;
                        if (random.nextInt(3) > 0) {
                            // A rewrite, as one Ready asks: truncate, append the new tail, sync.
                            append(log, term);
                            if (random.nextInt(4) > 0) {
                                sync(log);
                            }
                        }
                    } else if (choice < 83 && log.lastIndex() - 3 >= log.firstIndex()) {
                        log.compactPrefix(log.firstIndex() + random.nextLong(log.lastIndex() - 3 - log.firstIndex() + 1));
                    } else if (choice < 86) {
                        long at = log.lastIndex() + random.nextInt(4);
                        model.clear();
                        log.reset(at);
                        synced = new TreeMap<>();
                        truncatedSince = Long.MAX_VALUE;
                    } else if (choice < 91) {
                        sync(log);
                        adoptions += log.segmentPipeline().taken();
                        log.close();
                        log = open();
                    } else {
                        sync(log);
                    }
                }
            } finally {
                io.listen(ignored -> { });
                adoptions += log.segmentPipeline().taken();
                log.close();
                deleteScratch();
            }
            return failure;
        }

        /** The log, preparing its next segment on this thread when asked: the run stays deterministic. */
        private FileLogStore open() {
            return FileLogStore.open(dir, WORKLOAD, io, undoTruncations, Runnable::run);
        }

        private void append(FileLogStore log, long term) {
            List<LogEntry> batch = new ArrayList<>();
            int count = 1 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                long index = log.lastIndex() + 1 + i;
                LogEntry entry = new LogEntry(index, term, payload(index));
                written.computeIfAbsent(index, k -> new ArrayList<>()).add(entry);
                batch.add(entry);
                model.put(index, entry);
            }
            log.append(batch);
        }

        /** Mostly small records, some that span several sectors and blocks, some empty. */
        private byte[] payload(long index) {
            int kind = random.nextInt(10);
            int size = kind == 0 ? 0 : kind < 7 ? random.nextInt(300) : 1000 + random.nextInt(3000);
            byte[] data = new byte[size];
            random.nextBytes(data);
            if (size > 0) {
                data[0] = (byte) index;
            }
            return data;
        }

        private void sync(FileLogStore log) {
            log.sync();
            recordSync(log);
        }

        private void recordSync(FileLogStore log) {
            synced = new TreeMap<>();
            if (log.lastIndex() >= log.firstIndex()) {
                for (LogEntry e : log.entries(log.firstIndex(), log.lastIndex() + 1)) {
                    synced.put(e.index(), e);
                }
            }
            truncatedSince = Long.MAX_VALUE;
        }

        private void checkCrashStates() {
            if (failure != null) {
                return;
            }
            points++;
            List<Path> segments = Recovery.segmentFiles(dir);
            Path dirty = null;
            for (Path s : segments) {
                if (!io.image(s).pending.isEmpty()) {
                    if (dirty != null) {
                        throw new IllegalStateException("two segments with unforced writes: " + dirty + " and " + s);
                    }
                    dirty = s;
                }
            }
            // Without unforced segment writes there is one state (possibly no segment at all: a reset creating the first).
            List<byte[]> images = dirty == null ? List.of(new byte[0]) : CrashImages.of(io.image(dirty), imageRandom);
            for (byte[] image : images) {
                writeState(segments, dirty, image);
                Failure found = check();
                states++;
                if (found != null) {
                    failure = found;
                    return;
                }
            }
        }

        private void writeState(List<Path> segments, Path dirty, byte[] image) {
            try {
                try (Stream<Path> old = Files.list(scratch)) {
                    for (Path f : old.toList()) {
                        Files.delete(f);
                    }
                }
                for (Path s : segments) {
                    Files.write(scratch.resolve(s.getFileName()), s.equals(dirty) ? image : io.image(s).durable);
                }
                for (String name : new String[] {LogMeta.FILE_NAME, TruncationUndo.FILE_NAME}) {
                    Path file = dir.resolve(name);
                    if (Files.exists(file)) {
                        Files.copy(file, scratch.resolve(name));
                    }
                }
                // A segment being prepared or created, as far as its writes went.
                try (Stream<Path> temps = Files.list(dir)) {
                    for (Path temp : temps.filter(f -> f.getFileName().toString().endsWith(AtomicFile.TEMP_SUFFIX)).toList()) {
                        Files.write(scratch.resolve(temp.getFileName()), io.knows(temp) ? io.image(temp).current() : Files.readAllBytes(temp));
                        if (temp.getFileName().toString().equals(SegmentPipeline.PREPARED_NAME)) {
                            preparedStates++;
                        }
                    }
                }
                if (truncatedSince != Long.MAX_VALUE) {
                    rewriteStates++;
                }
                if (dirty != null && SegmentScan.scan(scratch.resolve(dirty.getFileName()), true).damage() instanceof SegmentScan.TornTail) {
                    tornStates++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Failure check() {
            try (FileLogStore log = FileLogStore.open(scratch, CHECK)) {
                if (log.suspectFrom() != 0) {
                    return failure(Violation.SUSPECT, "recovery reported index " + log.suspectFrom() + " suspect after a plain crash");
                }
                for (LogEntry e : synced.headMap(truncatedSince).values()) {
                    if (e.index() < log.firstIndex()) {
                        continue;
                    }
                    if (e.index() > log.lastIndex()) {
                        return failure(Violation.LOST_SYNCED, "synced index " + e.index() + " missing: the log ends at " + log.lastIndex());
                    }
                    if (!e.equals(log.entry(e.index()))) {
                        return failure(Violation.LOST_SYNCED, "synced index " + e.index() + " holds something else after the crash");
                    }
                }
                if (truncatedSince != Long.MAX_VALUE) {
                    String old = missing(log, synced);
                    String now = missing(log, model);
                    if (old != null && now != null) {
                        return failure(Violation.TORN_REWRITE, "a truncation from index " + truncatedSince
                            + " since the last sync left neither the synced log (" + old + ") nor the new one (" + now + ")");
                    }
                }
                for (long i = log.firstIndex(); i <= log.lastIndex(); i++) {
                    LogEntry e = log.entry(i);
                    if (!written.getOrDefault(i, List.of()).contains(e)) {
                        return failure(Violation.INVENTED, "index " + i + " holds an entry never written there");
                    }
                }
                return null;
            } catch (RuntimeException e) {
                return failure(Violation.REFUSED, e.toString());
            }
        }

        /** The first entry of {@code expected} (from the log's first index on) that the log does not hold as written, or null. */
        private static String missing(FileLogStore log, TreeMap<Long, LogEntry> expected) {
            for (LogEntry e : expected.tailMap(log.firstIndex()).values()) {
                if (e.index() > log.lastIndex()) {
                    return "index " + e.index() + " missing";
                }
                if (!e.equals(log.entry(e.index()))) {
                    return "index " + e.index() + " differs";
                }
            }
            return null;
        }

        private void deleteScratch() {
            try (Stream<Path> files = Files.list(scratch)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
                Files.delete(scratch);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + scratch, e);
            }
        }

        private Failure failure(Violation violation, String detail) {
            return new Failure(violation, io.events(), "operation " + operation + ", crash after I/O event " + io.events() + ": " + detail);
        }
    }
}
