package io.synod.testkit;

import io.synod.testkit.kv.KvOp;
import io.synod.testkit.toy.ToyPrimaryBackup;
import io.synod.testkit.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node whose sync fails stops for good: read from the trace, independently of the node's own
 * bookkeeping, nothing leaves it after the failure, it never restarts (not even in the quiet
 * part), and it is down at the end.
 */
class FailStopTest {

    private static final FaultProfile SYNC_FAILS = FaultProfile.NONE.toBuilder().name("sync-fails").syncFailures(1.0).build();

    @Test
    void aNodeWhoseSyncFailsSendsNothingMoreAndNeverRestarts() {
        int failed = 0;
        for (long seed = 1; seed <= 30; seed++) {
            SimulationResult<KvOp, String> run = Simulation.run(SimulationConfig.builder(ToyPrimaryBackup.correct())
                .replicas(3).faults(SYNC_FAILS).expectLiveness(false).seed(seed).trace(true).build());
            assertTrue(run.violations().isEmpty(), "seed " + seed + ": " + run.violations());
            List<TraceEvent> events = run.trace().events();
            TraceEvent failure = events.stream()
                .filter(e -> e.kind() == TraceEvent.Kind.DISK_FAULT && String.valueOf(e.detail()).startsWith("sync failed"))
                .findFirst().orElse(null);
            if (failure == null) {
                continue; // the failing node persisted nothing after the fault was armed
            }
            failed++;
            int node = failure.node();
            for (TraceEvent e : events.subList(events.indexOf(failure) + 1, events.size())) {
                boolean fromIt = e.kind() == TraceEvent.Kind.SEND && e.node() == node;
                boolean revived = e.kind() == TraceEvent.Kind.RESTART && e.node() == node;
                boolean commits = e.kind() == TraceEvent.Kind.COMMIT && e.node() == node;
                assertFalse(fromIt || revived || commits, "seed " + seed + ": node " + node + " failed its sync at t="
                    + failure.time() + " but later: " + e.toJson());
            }
            assertEquals(1, run.stats().syncFailures());
        }
        assertTrue(failed >= 25, "a sync failure should strike in most runs, did in " + failed + " of 30");
    }
}
