package io.synod.zab;

import io.synod.zab.message.ZabMessage.Inform;
import io.synod.zab.message.ZabMessage.Proposal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Observers learn committed entries (INFORM), forward writes, and never count towards a quorum. */
class ObserverTest {

    @Test
    void anObserverLearnsCommittedEntriesAndForwardsWrites() {
        Harness h = new Harness(Zab.builder().build(), new int[] {1, 2, 3}, 4);
        h.startAll();
        assertTrue(h.tickUntil(() -> h.leader() > 0 && h.core(4).learner().upToDate(), 200));
        int leader = h.leader();
        h.propose(4, "via-observer");
        assertTrue(h.tickUntil(() -> h.committedPayloads(4).contains("via-observer"), 200));
        assertTrue(h.sent(Proposal.class, leader, 4).isEmpty(), "an observer is sent no proposals");
        assertFalse(h.sent(Inform.class, leader, 4).isEmpty(), "an observer learns by INFORM");
        assertEquals("observing", h.core(4).status().role());
    }

    @Test
    void anObserverNeverMakesAQuorum() {
        Harness h = new Harness(Zab.builder().build(), new int[] {1, 2, 3}, 4);
        h.startAll();
        assertTrue(h.tickUntil(() -> h.leader() > 0 && h.core(4).learner().upToDate(), 200));
        int leader = h.leader();
        for (int id = 1; id <= 3; id++) {
            if (id != leader) {
                h.crash(id);
            }
        }
        h.propose(leader, "needs-a-voter");
        h.tick(50);
        assertFalse(h.committedPayloads(leader).contains("needs-a-voter"), "the leader and an observer are no quorum");
        assertTrue(h.leader() < 0, "a leader without a voting quorum steps down (syncLimit)");
    }

    /**
     * An observer that accepted the epoch of a leader that never established it (here: a stored
     * accepted epoch of 5) still joins the leader that did, in a lower epoch: an observer's accepted
     * epoch is no promise. Found by the observer conformance suite at swizzleClog5 seed 6, where
     * the observer refused the leader for ever.
     */
    @Test
    void anObserverThatAcceptedAnEpochNeverEstablishedJoinsTheLeader() {
        Harness h = new Harness(Zab.builder().build(), new int[] {1, 2, 3}, 4);
        h.disk(4).hardState = new ZabHardState(5, 0, ZabHardState.VOTING).encode();
        h.startAll();
        assertTrue(h.tickUntil(() -> h.leader() > 0, 200), "no leader");
        int leader = h.leader();
        h.propose(leader, "x");
        assertTrue(h.tickUntil(() -> h.committedPayloads(4).contains("x"), 200), "the observer never learned the write");
        assertEquals(h.core(leader).leader().epoch(), h.disk(4).hard().acceptedEpoch(),
            "the observer stored the leader's epoch as accepted");
    }
}
