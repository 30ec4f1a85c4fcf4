package io.synod.paxos.multi;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.LogEntry;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Recovered;
import io.synod.paxos.SelfDelivery;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A Multi-Paxos leader stamps each batch it cuts with its wall clock and its ballot. */
class LeaderTimeTest {

    @Test
    void aLeaderStampsEachBatchWithItsClockAndBallotWhenItCutsIt() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        ProtocolCore core = MultiPaxos.builder().build().create(
            new ProtocolContext(1, new int[] {1}, new int[0], new Random(7), Recovered.EMPTY, clock::get));
        List<LogEntry> committed = new ArrayList<>();
        for (int i = 0; i < 100 && !core.status().isLeader(); i++) {
            core.tick();
            SelfDelivery.drain(core, committed);
        }
        core.propose(new Command(5, 1, "a".getBytes()));
        SelfDelivery.drain(core, committed);
        clock.addAndGet(250);
        core.propose(new Command(5, 2, "b".getBytes()));
        SelfDelivery.drain(core, committed);
        List<CommandBatch.Batch> batches = committed.stream().map(e -> CommandBatch.decodeBatch(e.data()))
            .filter(b -> !b.commands().isEmpty()).toList();
        assertEquals(2, batches.size(), committed.toString());
        assertEquals(1_700_000_000_000L, batches.get(0).timestamp());
        assertEquals(1_700_000_000_250L, batches.get(1).timestamp());
        LogEntry last = committed.get(committed.size() - 1);
        assertEquals(last.term(), batches.get(1).term(), "the leader's ballot, under which it wrote the entry");
    }
}
