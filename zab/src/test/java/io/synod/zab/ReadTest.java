package io.synod.zab;

import io.synod.api.ClientReply;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code read} is linearizable, which ZooKeeper's {@code sync} does not promise: a leader answers
 * only after a quorum confirmed, after the read arrived, that it still leads.
 */
class ReadTest {

    @Test
    void aDeposedLeaderThatResumesNeverAnswersARead() {
        Harness h = Harness.of(3);
        h.startAll();
        assertTrue(h.tickUntil(() -> h.leader() > 0, 200));
        int old = h.leader();
        h.propose(old, "before");
        h.tick(2);
        // The old leader stalls (no input at all) while the others elect a new leader and commit a write.
        ZabCore stalled = h.core(old);
        h.crash(old);
        assertTrue(h.tickUntil(() -> h.leader() > 0, 200));
        int leader = h.leader();
        h.propose(leader, "after");
        assertTrue(h.tickUntil(() -> h.committedPayloads(leader).contains("after"), 200));
        // It resumes, still believing it leads, and is asked to read before its first tick.
        h.cores.put(old, stalled);
        assertTrue(stalled.leader().established(), "the stalled leader still believes it leads");
        stalled.read(42);
        h.drain(old);
        h.deliver();
        h.tick(10);
        assertFalse(h.replies.stream().anyMatch(r -> r instanceof ClientReply.ReadReady ready && ready.readId() == 42),
            "a deposed leader answered a read: it could miss the write committed without it");
        assertTrue(h.replies.stream().anyMatch(r -> r instanceof ClientReply.ReadRejected rejected && rejected.readId() == 42),
            "the read is refused once the leader steps down");
    }

    @Test
    void aFollowerReadWaitsForTheLeadersConfirmedIndex() {
        Harness h = Harness.of(3);
        h.startAll();
        assertTrue(h.tickUntil(() -> h.leader() > 0, 200));
        int leader = h.leader();
        int follower = leader == 1 ? 2 : 1;
        h.propose(leader, "w");
        assertTrue(h.tickUntil(() -> h.committedPayloads(leader).contains("w") && h.core(follower).learner().upToDate(), 200));
        long committed = h.core(leader).status().commitIndex();
        h.core(follower).read(7);
        h.drain(follower);
        h.deliver();
        h.tick(1);
        assertTrue(h.replies.stream().anyMatch(r -> r instanceof ClientReply.ReadReady ready && ready.readId() == 7
            && ready.index() >= committed), "the follower's read waits for at least the leader's commit index");
    }
}
