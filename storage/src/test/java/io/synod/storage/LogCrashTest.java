package io.synod.storage;

import io.synod.api.LogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crash test with real processes: a child JVM ({@link CrashChild}) appends and reports every
 * index it synced; this test kills it with SIGKILL, through the child's own {@link Process}
 * handle, after a seeded number of reports, then reopens the log. Every reported index must be
 * present and hold exactly the payload written for it, every other entry must be a payload that
 * was written, and the next child must continue appending.
 *
 * <p>What it cannot show: a killed process leaves the page cache to the kernel, so this test would
 * pass with fsync off. {@link LogCrashStatesTest} covers that by replaying every state a power cut
 * could leave. The seed is fixed ({@value #DEFAULT_SEED}) and printed with a repro line on failure;
 * set {@code -Dsynod.crash.seed=N} to run another. The kill point is the child's N-th report, so a
 * replay kills at the same report, not at the same instruction.
 */
class LogCrashTest {

    static final long DEFAULT_SEED = 20_261_206L;
    private static final int CYCLES = 20;

    @TempDir
    Path work;

    /** Index to key of every async record a child reported synced, across cycles. */
    private final Map<Long, CrashChild.Key> reported = new HashMap<>();

    @Test
    void everySyncedIndexSurvivesSigkillWithExactlyWhatWasWritten() throws Exception {
        long seed = Long.getLong("synod.crash.seed", DEFAULT_SEED);
        SplittableRandom random = new SplittableRandom(seed);
        Path dir = work.resolve("log");
        long synced = 0;
        try {
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                String mode = cycle % 2 == 0 ? "sync" : "async";
                int killAfter = 1 + random.nextInt(200);
                long reportedHighest = runAndKill(dir, mode, seed, cycle, killAfter, synced);
                synced = Math.max(synced, reportedHighest);
                verify(dir, seed, synced);
            }
        } catch (AssertionError | Exception e) {
            throw new AssertionError("crash test failed with seed " + seed + "; replay with: mvn -B -pl storage -am test"
                + " -Dtest=LogCrashTest -Dsurefire.failIfNoSpecifiedTests=false -Dsynod.crash.seed=" + seed, e);
        }
    }

    /** Runs a child until it has reported {@code killAfter} syncs, then kills it; returns the highest synced index. */
    private long runAndKill(Path dir, String mode, long seed, int cycle, int killAfter, long syncedBefore) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path stderr = work.resolve("child-" + cycle + ".err");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            CrashChild.class.getName(), dir.toString(), mode, Long.toString(seed), Integer.toString(cycle))
            .redirectError(stderr.toFile())
            .start();
        long highest = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            if (first == null || !first.startsWith("open ")) {
                fail("child did not open the log: " + first + "\n" + Files.readString(stderr));
            }
            long opened = Long.parseLong(first.substring(5));
            assertTrue(opened >= syncedBefore, "child opened at " + opened + " but " + syncedBefore + " was synced");
            for (int i = 0; i < killAfter; i++) {
                String line = out.readLine();
                if (line == null) {
                    fail("child ended early:\n" + Files.readString(stderr));
                }
                String[] words = line.split(" ");
                long index = Long.parseLong(words[1]);
                if (words.length == 4) {
                    reported.put(index, CrashChild.Key.async(cycle, Integer.parseInt(words[2]), Long.parseLong(words[3])));
                }
                highest = Math.max(highest, index);
            }
            child.destroyForcibly();
            child.waitFor();
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
                child.waitFor();
            }
        }
        return highest;
    }

    private void verify(Path dir, long seed, long synced) {
        try (FileLogStore log = FileLogStore.open(dir, CrashChild.OPTIONS)) {
            assertEquals(1, log.firstIndex());
            assertEquals(0, log.suspectFrom(), "a killed process leaves no damage");
            assertTrue(log.lastIndex() >= synced, "index " + synced + " was reported synced but the log ends at " + log.lastIndex());
            List<LogEntry> entries = log.entries(1, log.lastIndex() + 1);
            Set<CrashChild.Key> seen = new HashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                LogEntry e = entries.get(i);
                assertEquals(i + 1, e.index());
                CrashChild.Key key = CrashChild.keyOf(e.data());
                assertTrue(CrashChild.isExactly(seed, key, e.data()), "entry " + e.index() + " is not a payload that was written");
                if (key.kind() == 'S') {
                    assertEquals(e.index(), key.index(), "entry " + e.index() + " holds the payload written for another index");
                } else {
                    assertTrue(seen.add(key), "entry " + e.index() + " repeats " + key);
                    CrashChild.Key expected = reported.get(e.index());
                    if (expected != null) {
                        assertEquals(expected, key, "entry " + e.index() + " holds another record than the one reported synced there");
                    }
                }
            }
            for (Map.Entry<Long, CrashChild.Key> r : reported.entrySet()) {
                assertTrue(r.getKey() <= log.lastIndex(), "reported index " + r.getKey() + " is gone");
            }
        }
    }
}
