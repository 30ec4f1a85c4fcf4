package io.synod.paxos.multi;

import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.Ready;
import io.synod.paxos.multi.MultiPaxosMessage.Accept;
import io.synod.paxos.multi.MultiPaxosMessage.Accepted;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.paxos.multi.Transcript.ballot;
import static io.synod.paxos.multi.Transcript.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which messages may leave before their batch is durable: a leader's proposals may, an
 * acceptance never, and the leader counts its own acceptance only after its batch is carried out.
 */
class EarlySendTest {

    private static List<Accept> accepts(List<Envelope> envelopes) {
        return envelopes.stream().map(Envelope::message).filter(Accept.class::isInstance).map(Accept.class::cast).toList();
    }

    @Test
    void theLeadersAcceptsLeaveBeforeTheBatchThatHoldsTheirSlotsIsDurable() {
        Transcript t = new Transcript(1, 1, 2, 3);
        long b = accepts(t.elect(2).messages()).get(0).ballot();
        t.deliver(2, new Accepted(b, 0, 0, true)); // both followers answer the first Accept: no longer probing
        t.deliver(3, new Accepted(b, 0, 0, true));
        Transcript.Out out = t.propose("x", 7, 1);
        Ready withSlot = out.readies().stream().filter(r -> !r.entries().isEmpty()).findFirst().orElseThrow();
        assertEquals(List.of(1L), withSlot.entries().stream().map(LogEntry::index).toList());
        List<Accept> early = accepts(withSlot.earlyMessages());
        assertEquals(2, early.size(), "one Accept per follower, sent while the leader persists slot 1");
        assertTrue(early.stream().allMatch(a -> a.entries().size() == 1 && a.entries().get(0).index() == 1));
        assertTrue(accepts(withSlot.messages()).isEmpty(), "no Accept waits for the persist");
    }

    @Test
    void aSingleReplicaCommitsItsSlotOnlyInTheReadyAfterTheOneThatPersistsIt() {
        Transcript t = new Transcript(1, 1);
        for (int i = 0; i < 100 && t.core.status().leader() != 1; i++) {
            t.core.tick();
            t.out();
        }
        assertEquals(1, t.core.status().leader(), "a single replica elects itself");
        Transcript.Out out = t.propose("x", 7, 1);
        assertEquals(2, out.readies().size(), "persist the slot, then commit it");
        assertEquals(1, out.readies().get(0).entries().size());
        assertTrue(out.readies().get(0).committed().isEmpty(), "the leader's acceptance is not durable yet");
        assertEquals(List.of(1L), out.readies().get(1).committed().stream().map(LogEntry::index).toList());
    }

    @Test
    void aFollowersAcceptanceNeverLeavesEarly() {
        Transcript t = new Transcript(2, 1, 2, 3);
        long b = ballot(1, 1);
        Transcript.Out out = t.deliver(1, new Accept(b, 1, 1, List.of(entry(1, b, "x")), 0, 0));
        Ready ready = out.readies().get(0);
        assertEquals(1, ready.entries().size());
        assertTrue(ready.earlyMessages().isEmpty());
        assertEquals(List.of(new Accepted(b, 0, 1, true)),
            ready.messages().stream().map(Envelope::message).filter(Accepted.class::isInstance).toList());
    }
}
