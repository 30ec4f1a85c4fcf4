package io.synod.benchmarks.zookeeper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lone-write breakdown asks every server once, knows which one leads, and times real round trips. */
class LoneWriteMainTest {

    @Test
    void everyServerIsAskedOnceAndExactlyOneIsTheLeader(@TempDir Path dir) throws Exception {
        List<LoneWriteMain.Sample> samples;
        try (Ensemble e = Ensemble.start(SystemKind.SYNOD_ZAB, 3, dir.resolve("zab"), System.getProperty("java.class.path"), "256m")) {
            samples = LoneWriteMain.measure(e, 1, 40);
        }
        assertEquals(List.of(1, 2, 3), samples.stream().map(LoneWriteMain.Sample::server).toList());
        assertEquals(1, samples.stream().filter(LoneWriteMain.Sample::leader).count(), "one leader among " + samples);
        for (LoneWriteMain.Sample s : samples) {
            assertEquals(40, s.writeMicros().length);
            // A loopback round trip through the official client takes tens of microseconds at least.
            assertTrue(s.read(0.1) >= 10 && s.write(0.1) >= 10, "server " + s.server() + ": read p10 " + s.read(0.1)
                + " us, write p10 " + s.write(0.1) + " us");
        }
        String table = LoneWriteMain.table(samples, null, new String[] {"--ops", "40"});
        assertTrue(table.contains("| synod-zab | 1 | " + samples.get(0).server() + " | "), table);
        assertTrue(table.contains("LoneWriteMain --ops 40`"), table);
    }
}
