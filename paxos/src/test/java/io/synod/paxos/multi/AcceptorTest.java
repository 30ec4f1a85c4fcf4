package io.synod.paxos.multi;

import io.synod.api.LogEntry;
import io.synod.api.Ready;
import io.synod.api.Recovered;
import io.synod.protocol.Ballot;
import io.synod.paxos.multi.MultiPaxosMessage.Accept;
import io.synod.paxos.multi.MultiPaxosMessage.Accepted;
import io.synod.paxos.multi.MultiPaxosMessage.Prepare;
import io.synod.paxos.multi.MultiPaxosMessage.Promise;
import io.synod.paxos.multi.MultiPaxosMessage.Reject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.paxos.multi.Transcript.ballot;
import static io.synod.paxos.multi.Transcript.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The acceptor's rules: promises, acceptances, refusals, and never losing an accepted value. */
class AcceptorTest {

    private static final long B1 = ballot(1, 1);
    private static final long B2 = ballot(2, 2);
    private static final long B3 = ballot(3, 3);

    private static Accept accept(long ballot, long horizon, long from, long commit, String... values) {
        List<LogEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            entries.add(entry(from + i, ballot, values[i]));
        }
        return new Accept(ballot, horizon, from, entries, commit, 0);
    }

    /** An acceptor (node 2) that accepted slots 1..n at ballot 1.1 without a commit. */
    private static Transcript acceptorWith(String... values) {
        Transcript t = new Transcript(2, 1, 2, 3);
        t.deliver(1, accept(B1, 0, 1, 0, values));
        return t;
    }

    @Test
    void acceptorRefusesPrepareBelowPromise() {
        Transcript t = new Transcript(2, 1, 2, 3);
        t.deliver(3, new Prepare(B3, 1));
        Transcript.Out out = t.deliver(1, new Prepare(B1, 1));
        assertEquals(List.of(new Reject(B1, B3)), out.sent(Reject.class));
        assertTrue(out.sent(Promise.class).isEmpty());
        assertNull(out.lastHardState(), "a refusal changes nothing durable");
    }

    @Test
    void acceptorPersistsItsPromiseInTheBatchThatSendsIt() {
        Transcript t = new Transcript(2, 1, 2, 3);
        Transcript.Out out = t.deliver(1, new Prepare(B1, 1));
        assertEquals(1, out.readies().size());
        Ready ready = out.readies().get(0);
        assertEquals(new Ballot(1, 1), HardState.decode(ready.hardState()).promised());
        assertEquals(1, ready.messages().size());
    }

    @Test
    void promiseReportsEveryAcceptedSlotFromTheCandidatesCommitPoint() {
        Transcript t = acceptorWith("a", "b", "c");
        Promise promise = t.deliver(3, new Prepare(B3, 2)).sent(Promise.class).get(0);
        assertEquals(List.of(entry(2, B1, "b"), entry(3, B1, "c")), promise.accepted());
        assertNull(promise.snapshot());
    }

    @Test
    void followerRefusesAcceptBelowItsPromise() {
        Transcript t = new Transcript(2, 1, 2, 3);
        t.deliver(3, new Prepare(B3, 1));
        Transcript.Out out = t.deliver(1, accept(B1, 0, 1, 0, "late"));
        assertEquals(List.of(new Reject(B1, B3)), out.sent(Reject.class));
        assertTrue(out.appended().isEmpty(), "nothing accepted below the promise");
    }

    @Test
    void acceptorAcceptsAndRepliesInOneDurableBatch() {
        Transcript t = new Transcript(2, 1, 2, 3);
        Transcript.Out out = t.deliver(1, accept(B1, 0, 1, 0, "a", "b"));
        assertEquals(List.of(entry(1, B1, "a"), entry(2, B1, "b")), out.appended());
        assertEquals(List.of(new Accepted(B1, 0, 2, true)), out.sent(Accepted.class));
        assertEquals(new Ballot(1, 1), HardState.decode(out.lastHardState()).promised(), "an accept raises the promise");
    }

    @Test
    void acceptorRefusesAnAcceptThatLeavesAGapAndSaysWhereItStands() {
        Transcript t = acceptorWith("a", "b");
        Transcript.Out out = t.deliver(1, accept(B1, 0, 5, 0, "e"));
        assertEquals(List.of(new Accepted(B1, 0, 2, false)), out.sent(Accepted.class));
        assertTrue(out.appended().isEmpty());
    }

    @Test
    void duplicateAcceptOfTheSameBallotRewritesNothing() {
        Transcript t = acceptorWith("a", "b", "c");
        Transcript.Out out = t.deliver(1, accept(B1, 0, 1, 0, "a"));
        assertTrue(out.appended().isEmpty(), "a late duplicate must not truncate slots 2..3");
        assertEquals(List.of(new Accepted(B1, 0, 3, true)), out.sent(Accepted.class));
    }

    @Test
    void rewritingASlotKeepsTheOlderTailAtOrBelowTheLeadersHorizon() {
        Transcript t = acceptorWith("a", "b", "c");
        // Leader 2.2 re-proposed slots 1..3 (horizon 3) but sends only slot 1 so far.
        Transcript.Out out = t.deliver(2, accept(B2, 3, 1, 0, "A"));
        assertEquals(List.of(entry(1, B2, "A"), entry(2, B1, "b"), entry(3, B1, "c")), out.appended(),
            "slots 2 and 3 may be chosen at 1.1: they are written again, not lost");
        assertEquals(1, out.readies().size(), "one Ready: the log store commits its truncation and appends together");
        assertEquals(1, out.readies().get(0).truncateFrom());
        assertEquals(new Ballot(2, 2), HardState.decode(out.readies().get(0).hardState()).promised(), "no journal beside the promise");
        assertEquals(List.of(new Accepted(B2, 0, 1, true)), out.sent(Accepted.class),
            "only slot 1 is held at the new ballot");
    }

    @Test
    void rewritingASlotDropsOlderEntriesAboveTheHorizon() {
        Transcript t = acceptorWith("a", "b", "c");
        Transcript.Out out = t.deliver(2, accept(B2, 1, 1, 0, "A"));
        assertEquals(List.of(entry(1, B2, "A")), out.appended(),
            "nothing above the horizon was chosen below ballot 2.2, so 2..3 go");
    }

    @Test
    void followerCommitsOnlyEntriesItHoldsAtTheLeadersBallot() {
        Transcript t = acceptorWith("a", "b", "c");
        // New leader 2.2 says slots up to 3 are chosen, but so far we hold only slot 1 at its ballot.
        Transcript.Out out = t.deliver(2, accept(B2, 3, 1, 3, "a"));
        assertEquals(List.of(1L), out.committed().stream().map(LogEntry::index).toList(),
            "slots 2..3 hold 1.1 values that may differ from the chosen ones");
        out = t.deliver(2, accept(B2, 3, 2, 3, "b", "c"));
        assertEquals(List.of(2L, 3L), out.committed().stream().map(LogEntry::index).toList());
    }

    @Test
    void aRewriteTheDiskKeptWholeOrNotAtAllLosesNoAcceptanceOnRecovery() {
        Transcript t = acceptorWith("a", "b", "c");
        Transcript.Out out = t.deliver(2, accept(B2, 3, 1, 0, "A"));
        Ready rewrite = out.readies().get(0);
        // The log store's atomic rewrite: after a crash the log is the old one or the new one.
        List<List<LogEntry>> afterCrash = List.of(
            List.of(entry(1, B1, "a"), entry(2, B1, "b"), entry(3, B1, "c")),
            List.of(entry(1, B2, "A"), entry(2, B1, "b"), entry(3, B1, "c")));
        for (List<LogEntry> log : afterCrash) {
            Transcript restarted = new Transcript(2, new int[] {1, 2, 3}, new int[0],
                new Recovered(rewrite.hardState(), null, log), Transcript.DEFAULT);
            assertTrue(restarted.out().appended().isEmpty(), "nothing to redo: there is no journal");
            Promise promise = restarted.deliver(3, new Prepare(B3, 1)).sent(Promise.class).get(0);
            assertEquals(log, promise.accepted(), "every acceptance the disk kept is reported");
        }
    }

    @Test
    void aHardStateWithAnOlderBuildsJournalIsRefusedWithAMessageSayingWhy() {
        java.nio.ByteBuffer v2 = java.nio.ByteBuffer.allocate(1 + 8 * 3 + 4 + 8 + 4 + 1);
        v2.put((byte) 2).putLong(B2).putLong(-1).putLong(1).putInt(1).putLong(B2).putInt(1).put((byte) 'A');
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> HardState.decode(v2.array()));
        assertTrue(e.getMessage().contains("older build"), e.getMessage());
        java.nio.ByteBuffer empty = java.nio.ByteBuffer.allocate(1 + 8 * 3 + 4);
        empty.put((byte) 2).putLong(B2).putLong(-1).putLong(0).putInt(0);
        assertEquals(new HardState(new Ballot(2, 2)), HardState.decode(empty.array()), "an empty journal reads as nothing");
    }
}
