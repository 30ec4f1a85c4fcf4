package io.synod.quorum;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ZooKeeper-style hierarchical quorums over three sites of three servers, as a zoo.cfg would
 * write them: {@code group.1=1:2:3}, {@code group.2=4:5:6}, {@code group.3=7:8:9}.
 */
class HierarchicalTest {

    private static final int[] SITE_1 = {1, 2, 3};
    private static final int[] SITE_2 = {4, 5, 6};
    private static final int[] SITE_3 = {7, 8, 9};

    private static Map<Integer, Long> unitWeights() {
        Map<Integer, Long> w = new HashMap<>();
        for (int id = 1; id <= 9; id++) {
            w.put(id, 1L);
        }
        return w;
    }

    @Test
    void twoOfThreeInTwoOfThreeSitesIsAQuorum() {
        QuorumSystem q = QuorumSystem.hierarchical(SITE_1, SITE_2, SITE_3);
        assertTrue(q.isPhase1Quorum(new int[] {1, 2, 4, 5}), "four servers, two sites won");
        assertTrue(q.isPhase2Quorum(new int[] {2, 3, 8, 9}));
    }

    @Test
    void fiveServersWinningOnlyOneSiteAreNoQuorum() {
        QuorumSystem q = QuorumSystem.hierarchical(SITE_1, SITE_2, SITE_3);
        // More servers than the quorum above, but only site 1 has a majority.
        assertFalse(q.isPhase1Quorum(new int[] {1, 2, 3, 4, 7}));
        assertFalse(q.isPhase2Quorum(new int[] {1, 2, 3, 4, 7}));
    }

    @Test
    void survivesTheLossOfAWholeSiteOrOneServerPerSite() {
        QuorumSystem q = QuorumSystem.hierarchical(SITE_1, SITE_2, SITE_3);
        assertTrue(q.isPhase1Quorum(new int[] {1, 2, 3, 4, 5, 6}), "site 3 down");
        assertTrue(q.isPhase1Quorum(new int[] {2, 3, 5, 6, 8, 9}), "one server down in each site");
        assertFalse(q.isPhase1Quorum(new int[] {1, 2, 3, 6, 9}), "sites 2 and 3 each down to one server");
    }

    @Test
    void aSiteOfWeightZeroIsLeftOutOfTheCount() {
        Map<Integer, Long> w = unitWeights();
        for (int id : SITE_3) {
            w.put(id, 0L);
        }
        QuorumSystem q = QuorumSystem.hierarchical(w, SITE_1, SITE_2, SITE_3);
        // Two sites count, so a quorum needs both of them; site 3 cannot help.
        assertTrue(q.isPhase1Quorum(new int[] {1, 2, 4, 5}));
        assertFalse(q.isPhase1Quorum(new int[] {1, 2, 3, 7, 8, 9}));
        assertTrue(q.isMember(8), "a zero-weight server is still a member");
        assertEquals("hierarchical majority of groups [[1, 2, 3], [4, 5, 6], [7, 8, 9]] with weights "
            + "{1=1, 2=1, 3=1, 4=1, 5=1, 6=1, 7=0, 8=0, 9=0}", q.toString());
    }

    @Test
    void weightsDecideInsideASite() {
        Map<Integer, Long> w = unitWeights();
        w.put(1, 3L);
        QuorumSystem q = QuorumSystem.hierarchical(w, SITE_1, SITE_2, SITE_3);
        assertTrue(q.isPhase1Quorum(new int[] {1, 4, 5}), "server 1 holds 3 of site 1's 5");
        assertFalse(q.isPhase1Quorum(new int[] {2, 3, 4, 5}), "servers 2 and 3 hold 2 of 5");
    }

    @Test
    void aZeroWeightServerNeverCountsInItsSite() {
        Map<Integer, Long> w = unitWeights();
        w.put(3, 0L);
        QuorumSystem q = QuorumSystem.hierarchical(w, SITE_1, SITE_2, SITE_3);
        assertFalse(q.isPhase1Quorum(new int[] {1, 3, 4, 5}), "site 1 weighs 2 and 1 + 0 is not more than half");
        assertTrue(q.isPhase1Quorum(new int[] {1, 2, 4, 5}));
    }

    @Test
    void trackerWinsSitesOneVoteAtATime() {
        VoteTracker t = QuorumSystem.hierarchical(SITE_1, SITE_2, SITE_3).newTracker();
        for (int id : new int[] {1, 2, 3, 4}) {
            t.record(id);
        }
        assertFalse(t.isPhase1Quorum(), "only site 1 won");
        t.record(7);
        assertFalse(t.isPhase1Quorum(), "one vote in each of sites 2 and 3 wins neither");
        t.record(8);
        assertTrue(t.isPhase1Quorum(), "site 3 won too");
        assertTrue(t.isPhase2Quorum());
        assertEquals(6, t.count());
    }

    @Test
    void readsLikeItsConfiguration() {
        assertEquals("hierarchical majority of groups [[1, 2, 3], [4, 5, 6], [7, 8, 9]]",
            QuorumSystem.hierarchical(new int[] {3, 1, 2}, SITE_2, SITE_3).toString());
    }
}
