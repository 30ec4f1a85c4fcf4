package io.synod.zab;

import io.synod.api.CommandBatch;
import io.synod.api.LogEntry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leader stamps each batch it cuts with its wall clock and its epoch (the leader time of
 * {@link CommandBatch}), so that every replica applies a command with the same notion of "now".
 */
class LeaderTimeTest {

    @Test
    void everyBatchCarriesTheLeadersClockAndEpoch() {
        Harness h = Harness.of(3);
        h.clock = () -> 1_700_000_000_123L;
        h.startAll();
        assertTrue(h.tickUntil(() -> h.leader() > 0, 200), "no leader");
        int leader = h.leader();
        long epoch = h.core(leader).leader().epoch();
        h.propose(leader, "x");
        h.tick(2);
        for (int id = 1; id <= 3; id++) {
            List<LogEntry> batches = h.committed.get(id).stream().filter(e -> !CommandBatch.decode(e.data()).isEmpty()).toList();
            assertFalse(batches.isEmpty(), "node " + id + " committed the command");
            CommandBatch.Batch batch = CommandBatch.decodeBatch(batches.get(batches.size() - 1).data());
            assertEquals(1_700_000_000_123L, batch.timestamp(), "node " + id + ": the leader's clock");
            assertEquals(epoch, batch.term(), "node " + id + ": the leader's epoch");
        }
    }
}
