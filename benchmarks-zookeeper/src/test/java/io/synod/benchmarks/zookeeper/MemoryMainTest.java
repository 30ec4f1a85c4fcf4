package io.synod.benchmarks.zookeeper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memory measurement: what it reads is the live heap, and a small run gives figures of the right size. */
class MemoryMainTest {

    /** Kept reachable while this JVM's own live heap is read. */
    private static byte[] retained;

    @Test
    void theLiveHeapCountsWhatIsReachableAndNotWhatIsGarbage() {
        long pid = ProcessHandle.current().pid();
        long before = LiveHeap.bytes(pid, 1);
        retained = new byte[64 << 20];
        long holding = LiveHeap.bytes(pid, 1);
        retained = null;
        long after = LiveHeap.bytes(pid, 1);
        // other objects of this JVM come and go meanwhile: a few MiB either way
        assertTrue(Math.abs(holding - before - (64 << 20)) < 4 << 20, "64 MiB held, " + (holding - before) + " bytes counted");
        assertTrue(Math.abs(holding - after - (64 << 20)) < 4 << 20, "64 MiB dropped, " + (holding - after) + " bytes freed");
    }

    @Test
    void idleSessionsAndWatchesOnEachSystemCostBytesAndEveryServerIsStopped(@TempDir Path dir) {
        for (SystemKind kind : List.of(SystemKind.SYNOD_ZAB, SystemKind.ZOOKEEPER)) {
            MemoryMain.Sample s = MemoryMain.measure(kind, 1, dir.resolve(kind.label()), System.getProperty("java.class.path"),
                "256m", 300, 4, 100);
            // Each session and each watch holds objects on the server; none is as large as 100 KB.
            assertTrue(s.perSession() > 200 && s.perSession() < 100_000, kind.label() + ": " + s.perSession() + " B a session");
            assertTrue(s.perWatch() > 10 && s.perWatch() < 10_000, kind.label() + ": " + s.perWatch() + " B a watch");
            assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(dir.toString())),
                "a server of " + kind.label() + " still runs");
        }
    }
}
