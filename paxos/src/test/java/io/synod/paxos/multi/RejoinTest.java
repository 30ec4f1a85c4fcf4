package io.synod.paxos.multi;

import io.synod.api.LogEntry;
import io.synod.api.Recovered;
import io.synod.protocol.Ballot;
import io.synod.paxos.multi.MultiPaxosMessage.Accept;
import io.synod.paxos.multi.MultiPaxosMessage.Accepted;
import io.synod.paxos.multi.MultiPaxosMessage.Prepare;
import io.synod.paxos.multi.MultiPaxosMessage.Promise;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.synod.paxos.multi.Transcript.ballot;
import static io.synod.paxos.multi.Transcript.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replica that restarts from a damaged log ({@code Recovered.suspectFrom}) may have lost
 * acceptances that helped choose a value; it casts no vote until it has re-learned the chosen log
 * from a leader elected without it, and it remembers that across restarts (storage reports the
 * damage only once).
 */
class RejoinTest {

    private static final long B1 = ballot(1, 1);
    private static final long B3 = ballot(3, 3);

    private static Accept accept(long ballot, long horizon, long from, long commit, String... values) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            entries.add(entry(from + i, ballot, values[i]));
        }
        return new Accept(ballot, horizon, from, entries, commit, 0);
    }

    /** Node 2 accepted slots 1..3 at 1.1; then its tail record (slot 3) was found damaged. */
    private static Recovered damagedAfterAccepting() {
        Transcript before = new Transcript(2, 1, 2, 3);
        Transcript.Out out = before.deliver(1, accept(B1, 0, 1, 0, "a", "b", "c"));
        return new Recovered(out.lastHardState(), null, out.appended().subList(0, 2), 3);
    }

    private static Transcript start(Recovered disk) {
        return new Transcript(2, new int[] {1, 2, 3}, new int[0], disk, Transcript.DEFAULT);
    }

    @Test
    void aReplicaWithADamagedLogNeitherPromisesNorCampaigns() {
        Transcript t = start(damagedAfterAccepting());
        HardState stored = HardState.decode(t.out().lastHardState());
        assertEquals(Ballot.unpack(B1), stored.rejoinAbove(), "it records, before it sends anything, that it must re-learn");
        assertTrue(t.deliver(3, new Prepare(B3, 1)).messages().isEmpty(),
            "it may have helped choose slot 3 and no longer holds it: a promise could let node 3 choose another value");
        for (int i = 0; i < 100; i++) {
            t.core.tick();
            assertTrue(t.out().sent(Prepare.class).isEmpty(), "it does not campaign either");
        }
    }

    @Test
    void itLearnsOnlyChosenSlotsFromALeaderItMayHaveBacked() {
        Transcript t = start(damagedAfterAccepting());
        t.out();
        Transcript.Out out = t.deliver(1, accept(B1, 0, 1, 2, "a", "b", "c", "d"));
        assertEquals(2, out.sent(Accepted.class).get(0).match(), "it acknowledges only the slots the leader says are chosen");
        assertTrue(out.appended().stream().allMatch(e -> e.index() <= 2), "slots above the commit index are not accepted");
        assertTrue(t.deliver(3, new Prepare(B3, 1)).messages().isEmpty(),
            "leader 1.1 may have been elected with its promise: its slots do not prove what was lost");
    }

    @Test
    void itVotesAgainOnceItHoldsTheChosenLogOfALeaderElectedWithoutIt() {
        Transcript t = start(damagedAfterAccepting());
        t.out();
        t.deliver(3, accept(B3, 3, 1, 2, "a", "b", "c"));
        assertTrue(t.deliver(1, new Prepare(ballot(4, 1), 1)).messages().isEmpty(),
            "chosen through 2 only: node 3 re-proposed up to its horizon 3, which is not learned yet");
        Transcript.Out learned = t.deliver(3, accept(B3, 3, 3, 3, "c"));
        assertNull(HardState.decode(learned.lastHardState()).rejoinAbove(), "it stores that it votes again");
        assertEquals(1, t.deliver(1, new Prepare(ballot(4, 1), 1)).sent(Promise.class).size());
    }

    @Test
    void itKeepsReLearningAfterAnotherRestartThatStorageReportsClean() {
        Transcript first = start(damagedAfterAccepting());
        byte[] marked = first.out().lastHardState();
        Transcript again = start(new Recovered(marked, null, List.of(), 0));
        assertTrue(again.deliver(3, new Prepare(B3, 1)).messages().isEmpty(), "the hard state still says it must re-learn");
    }
}
