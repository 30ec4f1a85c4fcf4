package io.synod.paxos.multi;

import io.synod.api.LogEntry;
import io.synod.api.SnapshotMeta;
import io.synod.paxos.multi.MultiPaxosMessage.Accept;
import io.synod.paxos.multi.MultiPaxosMessage.Accepted;
import io.synod.paxos.multi.MultiPaxosMessage.Prepare;
import io.synod.paxos.multi.MultiPaxosMessage.Promise;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.paxos.multi.Transcript.ballot;
import static io.synod.paxos.multi.Transcript.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lagging and restarted replicas: resending from where they match, and snapshot install. */
class CatchUpTest {

    /** Leader 1 of {1,2,3} with slots 1..n committed through node 2; node 3 never answered. */
    private static long leaderWithCommitted(Transcript t, int n) {
        long b = t.elect(2).sent(Accept.class).get(0).ballot();
        t.deliver(2, new Accepted(b, 0, 0, true));
        for (int i = 1; i <= n; i++) {
            t.propose("c" + i, i, 1);
            t.deliver(2, new Accepted(b, 0, i, true));
        }
        assertEquals(n, t.core.status().commitIndex());
        return b;
    }

    @Test
    void aLaggingFollowerIsResentFromWhereItMatches() {
        Transcript t = new Transcript(1, 1, 2, 3);
        long b = leaderWithCommitted(t, 5);
        // Node 3 restarted and holds our values only through slot 2.
        Transcript.Out out = t.deliver(3, new Accepted(b, 0, 2, false));
        Accept resend = out.sentTo(3, Accept.class).get(0);
        assertEquals(3, resend.fromSlot());
        assertEquals(List.of(3L, 4L, 5L), resend.entries().stream().map(LogEntry::index).toList());
        assertEquals(5, resend.leaderCommit());
    }

    @Test
    void aFollowerBehindTheCompactionPointIsSentTheSnapshotByTheDriver() {
        Transcript t = new Transcript(1, 1, 2, 3);
        long b = leaderWithCommitted(t, 5);
        t.compact(4, b, 0);
        Transcript.Out out = t.deliver(3, new Accepted(b, 0, 0, false));
        assertEquals(List.of(3), out.snapshotsTo(), "slots 1..4 are gone from the log: the driver streams the snapshot");
        assertTrue(out.sentTo(3, Accept.class).isEmpty(), "no snapshot bytes pass through the core");
        t.core.snapshotSent(3, new SnapshotMeta(4, b));
        out = t.out();
        assertEquals(List.of(5L), out.sentTo(3, Accept.class).get(0).entries().stream().map(LogEntry::index).toList(),
            "once node 3 holds the snapshot, the log above it");
    }

    @Test
    void aFollowerBehindTheCompactionPointIsFedFromTheRetainedLogInsteadOfASnapshot() {
        Transcript t = new Transcript(1, 1, 2, 3);
        long b = leaderWithCommitted(t, 5);
        t.compact(4, b, 3);
        assertEquals(2, t.log.firstIndex(), "the driver kept slots 2..4 below the snapshot");
        Transcript.Out out = t.deliver(3, new Accepted(b, 0, 1, false));
        assertTrue(out.snapshotsTo().isEmpty(), "slot 2 is still on disk: no snapshot needed");
        Accept diff = out.sentTo(3, Accept.class).get(0);
        assertEquals(2, diff.fromSlot());
        assertEquals(List.of(2L, 3L, 4L), diff.entries().stream().map(LogEntry::index).toList(), "read from the durable log");
        assertTrue(diff.entries().stream().allMatch(e -> e.term() == b), "proposed again at the leader's ballot");
        out = t.deliver(3, new Accepted(b, 0, 4, true));
        assertEquals(List.of(5L), out.sentTo(3, Accept.class).get(0).entries().stream().map(LogEntry::index).toList());
        out = t.deliver(3, new Accepted(b, 0, 0, false));
        assertEquals(List.of(3), out.snapshotsTo(), "slot 1 is gone from the disk too: now the snapshot");
    }

    @Test
    void aFollowerInstallsASnapshotAboveItsCommitIndexAndTellsItsLeader() {
        Transcript t = new Transcript(3, 1, 2, 3);
        long b = ballot(1, 1);
        t.deliver(1, new Accept(b, 0, 1, List.of(), 0, 0));
        Transcript.Out out = t.installed(10, b);
        assertEquals(List.of(new Accepted(b, 0, 10, true)), out.sent(Accepted.class), "the leader resumes it after the snapshot");
        assertEquals(10, t.core.status().commitIndex());
        assertTrue(out.committed().isEmpty(), "the driver restored the state from the snapshot itself");
        assertTrue(out.appended().isEmpty());
    }

    @Test
    void installingASnapshotKeepsAcceptedSlotsAboveItWithoutAJournal() {
        Transcript t = new Transcript(3, 1, 2, 3);
        long b1 = ballot(1, 1);
        t.deliver(1, new Accept(b1, 0, 1, List.of(entry(1, b1, "a"), entry(2, b1, "b"), entry(3, b1, "c")), 0, 0));
        Transcript.Out out = t.installed(2, ballot(2, 2));
        assertTrue(out.appended().isEmpty() && out.readies().stream().allMatch(r -> r.truncateFrom() == 0),
            "the driver kept slot 3 on disk; the core writes nothing");
        assertEquals(List.of(entry(3, b1, "c")), t.log.entries(3, 4), "slot 3, accepted at 1.1, is not lost");
        long b2 = ballot(2, 2);
        out = t.deliver(2, new Accept(b2, 3, 3, List.of(), 2, 0));
        assertEquals(3, out.sent(Accepted.class).get(0).match() + 1, "it holds everything through the snapshot and asks for slot 3 at 2.2");
    }

    @Test
    void aSnapshotAtOrBelowTheCommitIndexChangesNothing() {
        Transcript t = new Transcript(3, 1, 2, 3);
        long b1 = ballot(1, 1);
        t.deliver(1, new Accept(b1, 0, 1, List.of(entry(1, b1, "a"), entry(2, b1, "b")), 2, 0));
        t.core.snapshotInstalled(new SnapshotMeta(1, b1));
        Transcript.Out out = t.out();
        assertTrue(out.readies().isEmpty());
        assertEquals(2, t.core.status().commitIndex());
    }

    @Test
    void aCandidateWhosePromiseCoversCompactedSlotsStepsDownAndWaitsForTheSnapshot() {
        // A fresh node has accepted nothing; a peer's promise reveals slots chosen and compacted
        // above its commit index. The peer's driver streams its snapshot here; the candidate
        // catches up before it campaigns again.
        Transcript t = new Transcript(1, 1, 2, 3);
        Prepare prepare = t.tickUntilCampaign();
        Transcript.Out out = t.deliver(2, new Promise(prepare.ballot(), prepare.fromSlot(),
            List.of(entry(7, ballot(1, 2), "g")), new SnapshotMeta(6, ballot(1, 2))));
        assertEquals("follower", t.core.status().role(), "it catches up before it campaigns again");
        assertTrue(out.sent(Accept.class).isEmpty());
        out = t.installed(6, ballot(1, 2));
        assertEquals(6, t.core.status().commitIndex());
    }

    @Test
    void anAcceptorWhoseSnapshotCoversTheCandidatesSlotsAsksItsDriverToSendIt() {
        Transcript t = new Transcript(2, 1, 2, 3);
        long b = ballot(1, 2);
        t.deliver(1, new Accept(b, 0, 1, List.of(entry(1, b, "a"), entry(2, b, "b")), 2, 0));
        t.compact(2, b, 0);
        Transcript.Out out = t.deliver(3, new Prepare(ballot(2, 3), 1));
        Promise promise = out.sent(Promise.class).get(0);
        assertEquals(new SnapshotMeta(2, b), promise.snapshot());
        assertEquals(List.of(3), out.snapshotsTo());
    }
}
