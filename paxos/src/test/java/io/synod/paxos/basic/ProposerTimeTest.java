package io.synod.paxos.basic;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Basic Paxos proposer stamps the batch it cuts with its wall clock and the ballot of that attempt. */
class ProposerTimeTest {

    @Test
    void aProposerStampsItsBatchWithItsClockAndBallot() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        ProtocolCore core = BasicPaxos.defaults().create(
            new ProtocolContext(1, new int[] {1}, new int[0], new Random(7), Recovered.EMPTY, clock::get));
        List<LogEntry> committed = new ArrayList<>();
        core.propose(new Command(5, 1, "a".getBytes()));
        SelfDelivery.drain(core, committed);
        assertEquals(1, committed.size(), committed.toString());
        CommandBatch.Batch batch = CommandBatch.decodeBatch(committed.get(0).data());
        assertEquals(1_700_000_000_000L, batch.timestamp());
        assertTrue(batch.term() > 0, "the ballot of the attempt that cut it: " + batch.term());
    }
}
