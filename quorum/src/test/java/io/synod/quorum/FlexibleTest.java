package io.synod.quorum;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flexible Paxos quorums, by size and by explicit families, and the all-members system. */
class FlexibleTest {

    @Test
    void smallPhase2QuorumsNeedLargePhase1Quorums() {
        QuorumSystem q = QuorumSystem.flexible(4, 2, 1, 2, 3, 4, 5);
        assertTrue(q.isPhase2Quorum(new int[] {3, 5}));
        assertFalse(q.isPhase1Quorum(new int[] {3, 5}));
        assertTrue(q.isPhase1Quorum(new int[] {1, 2, 3, 5}));
        assertEquals("flexible quorums of [1, 2, 3, 4, 5] (phase-1 any 4, phase-2 any 2)", q.toString());
    }

    @Test
    void sizesThatLeaveRoomForTwoDisjointQuorumsAreRefused() {
        DisjointQuorumsException e = assertThrows(DisjointQuorumsException.class,
            () -> QuorumSystem.flexible(2, 2, 4, 3, 2, 1));
        assertEquals("phase-1 quorum [1, 2] and phase-2 quorum [3, 4] share no member, "
            + "in flexible quorums of [1, 2, 3, 4] (phase-1 any 2, phase-2 any 2)", e.getMessage());
        assertArrayEquals(new int[] {1, 2}, e.phase1Quorum());
        assertArrayEquals(new int[] {3, 4}, e.phase2Quorum());
    }

    @Test
    void aGridWithRowsForPhase1AndColumnsForPhase2IsSafe() {
        int[][] rows = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        int[][] columns = {{1, 4, 7}, {2, 5, 8}, {3, 6, 9}};
        QuorumSystem grid = QuorumSystem.flexible(rows, columns);
        assertEquals(9, grid.size());
        assertTrue(grid.isPhase1Quorum(new int[] {4, 5, 6}));
        assertFalse(grid.isPhase2Quorum(new int[] {4, 5, 6}), "a row is no column");
        assertTrue(grid.isPhase2Quorum(new int[] {8, 2, 5}));
        assertTrue(grid.isPhase1Quorum(new int[] {1, 7, 8, 9}), "supersets of a row count");
        VoteTracker t = grid.newTracker();
        for (int id : new int[] {1, 5, 9, 4}) {
            t.record(id);
        }
        assertFalse(t.isPhase1Quorum());
        assertFalse(t.isPhase2Quorum());
        t.record(7);
        assertTrue(t.isPhase2Quorum(), "column 1, 4, 7 complete");
        assertFalse(t.isPhase1Quorum());
        t.record(6);
        assertTrue(t.isPhase1Quorum(), "row 4, 5, 6 complete");
        assertEquals("flexible quorum families over [1, 2, 3, 4, 5, 6, 7, 8, 9] (phase-1 [[1, 2, 3], [4, 5, 6], "
            + "[7, 8, 9]], phase-2 [[1, 4, 7], [2, 5, 8], [3, 6, 9]])", grid.toString());
    }

    @Test
    void rowsForBothPhasesAreRefusedWithTwoRows() {
        int[][] rows = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        DisjointQuorumsException e = assertThrows(DisjointQuorumsException.class, () -> QuorumSystem.flexible(rows, rows));
        assertArrayEquals(new int[] {1, 2, 3}, e.phase1Quorum());
        assertArrayEquals(new int[] {7, 8, 9}, e.phase2Quorum());
    }

    @Test
    void largeFamiliesAreCheckedPairwise() {
        // 20 members: beyond the exhaustive bound, so the pairwise argument decides.
        int[] evens = new int[10];
        int[] odds = new int[10];
        for (int i = 0; i < 10; i++) {
            evens[i] = 2 * i;
            odds[i] = 2 * i + 1;
        }
        int[] firstHalf = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        DisjointQuorumsException e = assertThrows(DisjointQuorumsException.class,
            () -> QuorumSystem.flexible(new int[][] {evens, firstHalf}, new int[][] {firstHalf, odds}));
        assertArrayEquals(evens, e.phase1Quorum());
        assertArrayEquals(odds, e.phase2Quorum());
        QuorumSystem safe = QuorumSystem.flexible(new int[][] {evens, firstHalf}, new int[][] {firstHalf});
        assertEquals(15, safe.size());
    }

    @Test
    void allMeansEveryMember() {
        QuorumSystem all = QuorumSystem.all(3, 1, 2);
        assertTrue(all.isPhase1Quorum(new int[] {1, 2, 3}));
        assertFalse(all.isPhase2Quorum(new int[] {1, 3, 3, 7}));
        VoteTracker t = all.newTracker();
        t.record(1);
        t.record(2);
        assertFalse(t.isPhase2Quorum());
        t.record(3);
        assertTrue(t.isPhase2Quorum());
        assertEquals("all of [1, 2, 3]", all.toString());
    }
}
