package io.synod.zab;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.SnapshotMeta;
import io.synod.zab.message.ZabMessage.AckNewLeader;
import io.synod.zab.message.ZabMessage.NewLeader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A learner whose next entry the leader compacted away while it was being synchronised: the
 * NEWLEADER it acknowledges ends just below the leader's new snapshot, nothing sent to it is
 * outstanding, so the go-back for lost proposals never fires. The leader must send it the
 * snapshot streamed; before it did, such a follower stayed behind for the rest of the epoch, answering
 * pings (found by seed 101,608 of the soak's observer runs, where a read at that follower never
 * returned).
 */
class CompactedLearnerTest {

    private static final int BOUND = 200;

    @Test
    void aLearnerWhoseNextEntryWasCompactedDuringItsSyncGetsTheSnapshot() {
        // With one entry in flight, a learner not yet acknowledged is sent nothing past its NEWLEADER
        // (with the default of 32 the same happens once the log is past index 32).
        Harness h = new Harness(Zab.builder().maxInflight(1).build(), new int[] {1, 2, 3});
        h.startAll();
        assertTrue(h.tickUntil(() -> h.leader() > 0, BOUND), "no leader within " + BOUND + " ticks");
        int leader = h.leader();
        int late = leader == 1 ? 2 : 1;
        h.propose(leader, "a");
        h.tick(2);

        // The late follower restarts; its acknowledgement of NEWLEADER is held back.
        h.crash(late);
        h.propose(leader, "b");
        h.tick(2);
        int acksBefore = h.sent(AckNewLeader.class, late, leader).size();
        h.dropWhere(e -> e.from() == late && e.message() instanceof AckNewLeader);
        h.start(late);
        assertTrue(h.tickUntil(() -> h.sent(AckNewLeader.class, late, leader).size() > acksBefore, BOUND),
            "the late follower never synchronised");
        Envelope ack = h.sent.stream().filter(e -> e.from() == late && e.message() instanceof AckNewLeader)
            .skip(acksBefore).findFirst().orElseThrow();
        h.heal();
        long synced = ((AckNewLeader) ack.message()).lastIndex();

        // Meanwhile the leader commits a proposal with the other follower and compacts through it.
        h.propose(leader, "c");
        long compactedTo = h.core(leader).node().commitIndex;
        assertEquals(synced + 1, compactedTo, "the proposal above the late follower's history is committed");
        h.compact(leader, new SnapshotMeta(compactedTo, h.core(leader).leader().epoch()));
        int syncsBefore = h.sent(NewLeader.class, leader, late).size();

        h.redeliver(ack);
        assertTrue(h.tickUntil(() -> h.disk(late).lastIndex() >= compactedTo, BOUND),
            "the late follower never got past index " + synced + " (the leader compacted through " + compactedTo + ")");
        List<NewLeader> syncs = h.sent(NewLeader.class, leader, late);
        NewLeader catchUp = syncs.get(syncs.size() - 1);
        assertTrue(syncs.size() > syncsBefore, "no NEWLEADER after the acknowledgement");
        assertNotNull(catchUp.snapshot(), "the catch-up goes on top of the snapshot");
        assertEquals(compactedTo, catchUp.snapshot().index());
        assertTrue(h.snapshotsStreamed.stream().anyMatch(t -> t[0] == leader && t[1] == late), "the snapshot was streamed to it");

        // And it takes part in broadcast again.
        h.propose(leader, "d");
        assertTrue(h.tickUntil(() -> h.committedPayloads(late).contains("d"), BOUND), "the late follower never committed what followed");
        assertFalse(h.committedPayloads(late).contains("c"), "c came in the snapshot, not as a commit");
    }

    /**
     * The driver keeps the log above a snapshot it installs; entries there of an older epoch than
     * the snapshot's last one are of another history. A learner that crashed before it dropped
     * them finds a log whose epochs go back; it drops them at recovery rather than refuse to start.
     */
    @Test
    void aTailOfAnOlderEpochAboveAStreamedSnapshotIsDroppedAtRecovery() {
        Harness h = Harness.of(3);
        Harness.Disk disk = h.disk(1);
        disk.snapshot = new SnapshotMeta(5, 2);
        disk.log.add(new LogEntry(6, 1, CommandBatch.encode(new Command(9, 1, new byte[] {1}))));
        h.start(1);
        assertEquals(5, h.core(1).node().log.lastIndex(), "the stale tail is gone from the core's log");
        assertEquals(5, disk.lastIndex(), "and from the disk, with the first batch");
    }
}
