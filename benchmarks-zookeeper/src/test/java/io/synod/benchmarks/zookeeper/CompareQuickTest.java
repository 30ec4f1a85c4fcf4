package io.synod.benchmarks.zookeeper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The comparison's quick profile end to end: one Synod and one ZooKeeper server as processes, every
 * workload a few seconds, the restart with a few thousand znodes. The figures are not judged (this is a
 * shared machine), only that they are plausible, that the outputs exist, and that every process started
 * is gone afterwards.
 */
class CompareQuickTest {

    @Test
    void quickProfileMeasuresBothSystemsAndLeavesNoProcessBehind(@TempDir Path out) throws Exception {
        Comparison.Result r = CompareMain.run(Profile.quick(), out, System.getProperty("java.class.path"),
            CompareMain.command(new String[] {"--quick", "--out", out.toString()}));
        assertEquals(List.of(), r.failures(), "phases that failed");

        for (SystemKind k : Profile.quick().systems()) {
            long serverNanos = 0;
            long driverNanos = 0;
            for (Workload w : Workload.values()) {
                LoadResult x = r.load().get(k).get(w);
                assertTrue(x.cpu().operations() > 0, k + " " + w + " counted no operation beside its processor time");
                serverNanos += x.cpu().serverNanos();
                driverNanos += x.cpu().driverNanos();
                assertEquals(Profile.quick().load().iterations(), x.opsPerSecond().length, k + " " + w);
                assertTrue(x.minOps() > 0, k + " " + w + " completed nothing in an iteration");
                assertEquals(0, x.errors(), k + " " + w + " had failed requests");
                assertTrue(x.p50() > 0 && x.p50() <= x.p99() && x.p99() <= x.p999(), k + " " + w + " percentiles");
            }
            assertTrue(serverNanos > 0 && driverNanos > 0, k + ": processor time of servers " + serverNanos + " ns, driver "
                + driverNanos + " ns");
            RestartWithZnodes.Result restart = r.restarts().get(k);
            assertEquals(Profile.quick().znodes(), restart.znodes());
            assertEquals(Profile.quick().restarts(), restart.restartSamples().length, k + " restarts measured");
            assertTrue(restart.restartMillis() > 0, k + " restart time");
        }
        for (String file : List.of("results.json", "results.md", "throughput.png", "latency.png")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        assertTrue(Files.readString(out.resolve("results.md")).contains("| setData | zookeeper |"));

        // one server per system, each restarted once after the znodes: four processes, none left running
        assertEquals(2 * Profile.quick().systems().size(), r.pids().size(), "processes started: " + r.pids());
        for (long pid : r.pids()) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " still runs");
        }
        assertTrue(ProcessRegistry.startedPids().containsAll(r.pids()), "every process is known to the shutdown hook");
    }
}
