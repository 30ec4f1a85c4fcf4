package io.synod.zab;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ensemble of one voter (ZooKeeper's standalone server): its own vote is a quorum, so it must elect
 * itself without hearing from anyone, and commit on its own.
 */
class SingleVoterTest {

    @Test
    void aLoneVoterElectsItselfAndCommits() {
        Harness h = Harness.of(1);
        h.startAll();
        assertTrue(h.tickUntil(() -> h.leader() == 1, 200), "a lone voter never elected itself");
        h.propose(1, "x");
        assertTrue(h.tickUntil(() -> !h.committed.get(1).isEmpty(), 200), "a lone leader never committed");
        assertEquals(1, h.leader());
    }
}
