package io.synod.benchmarks.zookeeper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idle bill reads each server's own processor time over a real window, with the sessions open. */
class IdleCpuMainTest {

    @Test
    void eachServersTimeIsReadOverTheWholeWindow(@TempDir Path dir) throws Exception {
        IdleCpuMain.Sample s;
        try (Ensemble e = Ensemble.start(SystemKind.SYNOD_ZAB, 3, dir.resolve("zab"), System.getProperty("java.class.path"), "256m")) {
            s = IdleCpuMain.measure(e, 1, 3, 0, 1_500);
        }
        assertEquals(3, s.serverNanos().length);
        assertTrue(s.windowNanos() >= 1_500_000_000L, "window " + s.windowNanos() + " ns");
        for (int i = 0; i < 3; i++) {
            // Just started, with sessions to serve, a server spends some time in 1.5 s, and not more than the machine has.
            assertTrue(s.serverNanos()[i] > 0 && s.serverNanos()[i] < 2 * s.windowNanos() * Runtime.getRuntime().availableProcessors(),
                "server " + (i + 1) + ": " + s.serverNanos()[i] + " ns");
        }
        String table = IdleCpuMain.table(java.util.List.of(s), 3, new String[] {"--sessions", "3"});
        assertTrue(table.contains("| synod-zab | 1 | "), table);
        assertTrue(table.contains("IdleCpuMain --sessions 3`"), table);
    }
}
