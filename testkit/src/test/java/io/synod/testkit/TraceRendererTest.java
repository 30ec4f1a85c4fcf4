package io.synod.testkit;

import io.synod.testkit.kv.KvOp;
import io.synod.testkit.toy.ToyPrimaryBackup;
import io.synod.testkit.trace.TraceEvent;
import io.synod.testkit.trace.TraceRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceRendererTest {

    @Test
    void aRunIsDrawnWithALifelinePerNodeAndItsFaultsMarked(@TempDir Path dir) throws Exception {
        SimulationResult<KvOp, String> r = Simulation.run(SimulationConfig.builder(ToyPrimaryBackup.correct())
            .replicas(3).faults(FaultProfile.MIXED).seed(5).trace(true).build());
        Path html = dir.resolve("run.html");
        TraceRenderer.write(r.trace(), 3, "seed 5", 100_000, html);
        String page = Files.readString(html);
        for (String expected : List.of("node 1", "node 2", "node 3", "clients", "CRASH", "partition", "<svg")) {
            assertTrue(page.contains(expected), "diagram lacks " + expected);
        }
        long crashes = r.trace().events().stream().filter(e -> e.kind() == TraceEvent.Kind.CRASH).count();
        assertEquals(r.stats().crashes(), crashes);
        assertTrue(crashes > 0);
    }

    @Test
    void jsonLinesHoldOneEventEach(@TempDir Path dir) throws Exception {
        SimulationResult<KvOp, String> r = Simulation.run(SimulationConfig.builder(ToyPrimaryBackup.correct())
            .faults(FaultProfile.DROP_DUPLICATE_REORDER).seed(2).trace(true).build());
        Path file = dir.resolve("run.jsonl");
        r.trace().writeJsonLines(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(r.trace().events().size(), lines.size());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("{\"t\":") && l.endsWith("}")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"deliver\"") && l.contains("Append{")));
    }
}
