package io.synod.storage;

import io.synod.api.LogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crash test with real processes: a child JVM ({@link CrashChild}) appends and reports every
 * index it synced; this test kills it with SIGKILL, through the child's own {@link Process}
 * handle, at a seeded random moment, then reopens the log. Every reported index must be present
 * and intact, nothing damaged may be returned, and the next child must continue appending.
 * Set {@code -Dsynod.crash.seed=N} to replay a run.
 */
class LogCrashTest {

    private static final int CYCLES = 20;

    @TempDir
    Path work;

    @Test
    void everySyncedIndexSurvivesSigkill() throws Exception {
        long seed = Long.getLong("synod.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path dir = work.resolve("log");
        long synced = 0;
        try {
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                String mode = cycle % 2 == 0 ? "sync" : "async";
                int killAfter = 1 + random.nextInt(200);
                long reported = runAndKill(dir, mode, random.nextLong(), killAfter, synced, cycle);
                synced = Math.max(synced, reported);
                verify(dir, synced);
            }
        } catch (AssertionError | Exception e) {
            throw new AssertionError("crash test failed with seed " + seed + "; replay with: mvn -pl storage -am test"
                + " -Dtest=LogCrashTest -Dsurefire.failIfNoSpecifiedTests=false -Dsynod.crash.seed=" + seed, e);
        }
    }

    /** Runs a child until it has reported {@code killAfter} syncs, then kills it; returns the highest synced index. */
    private long runAndKill(Path dir, String mode, long childSeed, int killAfter, long syncedBefore, int cycle) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path stderr = work.resolve("child-" + cycle + ".err");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            CrashChild.class.getName(), dir.toString(), mode, Long.toString(childSeed))
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
                highest = Math.max(highest, Long.parseLong(line.substring("synced ".length())));
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

    private static void verify(Path dir, long synced) {
        try (FileLogStore log = FileLogStore.open(dir, CrashChild.OPTIONS)) {
            assertEquals(1, log.firstIndex());
            assertTrue(log.lastIndex() >= synced, "index " + synced + " was reported synced but the log ends at " + log.lastIndex());
            List<LogEntry> entries = log.entries(1, log.lastIndex() + 1);
            for (int i = 0; i < entries.size(); i++) {
                LogEntry e = entries.get(i);
                assertEquals(i + 1, e.index());
                assertTrue(CrashChild.isIntact(e.data()), "entry " + e.index() + " is damaged");
            }
        }
    }
}
