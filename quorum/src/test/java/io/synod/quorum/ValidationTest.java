package io.synod.quorum;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad configurations are refused at construction with a message that names what is wrong and where. */
class ValidationTest {

    private static void refused(String expectedFragment, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(expectedFragment),
            () -> "expected the message to contain \"" + expectedFragment + "\" but it was: " + e.getMessage());
    }

    private static Map<Integer, Long> weights(long... idWeightPairs) {
        Map<Integer, Long> w = new HashMap<>();
        for (int i = 0; i < idWeightPairs.length; i += 2) {
            w.put((int) idWeightPairs[i], idWeightPairs[i + 1]);
        }
        return w;
    }

    @Test
    void emptyMemberSets() {
        refused("majority: the member set is empty", QuorumSystem::majority);
        refused("all-members quorum: the member set is empty", QuorumSystem::all);
        refused("flexible quorums: the member set is empty", () -> QuorumSystem.flexible(1, 1));
        refused("weighted majority: the member set is empty", () -> QuorumSystem.weighted(Map.of()));
        refused("hierarchical quorums: no groups given", () -> QuorumSystem.hierarchical());
        refused("hierarchical quorums, group 2: the member set is empty",
            () -> QuorumSystem.hierarchical(new int[] {1}, new int[] {}));
        refused("flexible quorum families: no phase-2 quorum is listed",
            () -> QuorumSystem.flexible(new int[][] {{1}}, new int[][] {}));
        refused("flexible quorum families, phase-1 quorum 2: the member set is empty",
            () -> QuorumSystem.flexible(new int[][] {{1}, {}}, new int[][] {{1}}));
    }

    @Test
    void duplicateMembers() {
        refused("majority: member 2 is listed twice in [1, 2, 3, 2]", () -> QuorumSystem.majority(1, 2, 3, 2));
        refused("all-members quorum: member 7 is listed twice", () -> QuorumSystem.all(7, 7));
        refused("hierarchical quorums: member 3 is in group 1 and in group 2; groups must be disjoint",
            () -> QuorumSystem.hierarchical(new int[] {1, 2, 3}, new int[] {3, 4, 5}));
        refused("hierarchical quorums, group 1: member 2 is listed twice",
            () -> QuorumSystem.hierarchical(new int[] {1, 2, 2}));
    }

    @Test
    void badWeights() {
        refused("weighted majority: member 1 has negative weight -1", () -> QuorumSystem.weighted(weights(1, -1, 2, 1)));
        refused("every member has weight zero", () -> QuorumSystem.weighted(weights(1, 0, 2, 0)));
        refused("the total weight overflows a long",
            () -> QuorumSystem.weighted(weights(1, Long.MAX_VALUE, 2, Long.MAX_VALUE)));
        Map<Integer, Long> withNull = weights(1, 1);
        withNull.put(2, null);
        refused("weighted majority: member 2 has no weight", () -> QuorumSystem.weighted(withNull));
        refused("hierarchical quorums: member 4 has no weight",
            () -> QuorumSystem.hierarchical(weights(1, 1, 2, 1, 3, 1), new int[] {1, 2}, new int[] {3, 4}));
        refused("hierarchical quorums: a weight is given for 10, which is not a member",
            () -> QuorumSystem.hierarchical(weights(1, 1, 2, 1, 10, 1), new int[] {1, 2}));
        refused("hierarchical quorums: member 2 has negative weight -5",
            () -> QuorumSystem.hierarchical(weights(1, 1, 2, -5), new int[] {1, 2}));
        refused("every group has total weight zero",
            () -> QuorumSystem.hierarchical(weights(1, 0, 2, 0), new int[] {1}, new int[] {2}));
    }

    @Test
    void flexibleSizesOutOfRange() {
        refused("flexible quorums of [1, 2, 3]: phase-1 quorum size 0 must lie between 1 and the member count 3",
            () -> QuorumSystem.flexible(0, 3, 1, 2, 3));
        refused("flexible quorums of [1, 2, 3]: phase-2 quorum size 4 must lie between 1 and the member count 3",
            () -> QuorumSystem.flexible(3, 4, 1, 2, 3));
    }

    @Test
    void disjointQuorumsAreNamed() {
        DisjointQuorumsException e = assertThrows(DisjointQuorumsException.class,
            () -> QuorumSystem.flexible(new int[][] {{1, 2}, {2, 3}}, new int[][] {{2, 3, 4}, {3, 4}}));
        assertEquals("phase-1 quorum [1, 2] and phase-2 quorum [3, 4] share no member, in flexible quorum families "
            + "over [1, 2, 3, 4] (phase-1 [[1, 2], [2, 3]], phase-2 [[2, 3, 4], [3, 4]])", e.getMessage());
        assertTrue(e instanceof IllegalArgumentException, "callers may catch the general kind");
    }

    @Test
    void nullVotesAreNamed() {
        NullPointerException e = assertThrows(NullPointerException.class,
            () -> QuorumSystem.majority(1, 2, 3).isPhase1Quorum(null));
        assertEquals("votes must not be null", e.getMessage());
    }
}
