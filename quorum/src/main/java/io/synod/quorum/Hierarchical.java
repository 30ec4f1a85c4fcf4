package io.synod.quorum;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * ZooKeeper's hierarchical quorums: members are split into disjoint groups and carry
 * non-negative weights; a quorum, in both phases, holds more than half the weight of more than
 * half of the groups. Groups whose total weight is zero are left out of the count (they are
 * typically a data centre kept for reads), and zero-weight members never count. It lets a
 * cluster span sites so that losing a whole site, or a minority inside each site, keeps a quorum.
 *
 * <p>Two quorums intersect: each holds a majority of the counted groups, so they share a group,
 * and each holds more than half that group's weight, so they share a member of positive weight.
 */
final class Hierarchical extends AbstractQuorumSystem {

    private static final String WHAT = "hierarchical quorums";

    private final Members[] groups;
    private final int[] groupOf;
    private final long[] weights;
    private final long[] groupTotal;
    private final int countedGroups;
    private final boolean unitWeights;

    private Hierarchical(Members members, Members[] groups, int[] groupOf, long[] weights) {
        super(members);
        this.groups = groups;
        this.groupOf = groupOf;
        this.weights = weights;
        this.groupTotal = new long[groups.length];
        for (int p = 0; p < weights.length; p++) {
            groupTotal[groupOf[p]] += weights[p];
        }
        int counted = 0;
        for (long t : groupTotal) {
            counted += t > 0 ? 1 : 0;
        }
        this.countedGroups = counted;
        this.unitWeights = Arrays.stream(weights).allMatch(w -> w == 1);
    }

    /** Groups of members, every member of weight one. */
    static Hierarchical of(int[]... groups) {
        Map<Integer, Long> unit = new HashMap<>();
        for (int[] group : Objects.requireNonNull(groups, WHAT + ": groups must not be null")) {
            if (group != null) {
                for (int id : group) {
                    unit.put(id, 1L);
                }
            }
        }
        return of(unit, groups);
    }

    /**
     * Groups of members with the given weights.
     *
     * @param weights a weight for every member of every group, and for no one else
     * @param groups  disjoint, non-empty groups; they are named "group 1", "group 2"… in errors
     */
    static Hierarchical of(Map<Integer, Long> weights, int[]... groups) {
        Hierarchical system = unchecked(weights, groups);
        if (system.countedGroups == 0) {
            throw new IllegalArgumentException(system + ": every group has total weight zero, so no set of members is a quorum");
        }
        return Intersection.verify(system);
    }

    /** Builds without the quorum checks (groups and weights are still validated). */
    static Hierarchical unchecked(Map<Integer, Long> weights, int[]... groups) {
        Objects.requireNonNull(groups, WHAT + ": groups must not be null");
        if (groups.length == 0) {
            throw new IllegalArgumentException(WHAT + ": no groups given; at least one group is needed");
        }
        Members[] byGroup = new Members[groups.length];
        Map<Integer, Integer> groupOfId = new HashMap<>();
        for (int g = 0; g < groups.length; g++) {
            byGroup[g] = Members.of(WHAT + ", group " + (g + 1), groups[g]);
            for (int id : groups[g]) {
                Integer earlier = groupOfId.putIfAbsent(id, g);
                if (earlier != null) {
                    throw new IllegalArgumentException(WHAT + ": member " + id + " is in group " + (earlier + 1)
                        + " and in group " + (g + 1) + "; groups must be disjoint");
                }
            }
        }
        Members members = Members.of(WHAT, groupOfId.keySet().stream().mapToInt(Integer::intValue).toArray());
        int[] groupOf = new int[members.size()];
        for (int p = 0; p < members.size(); p++) {
            groupOf[p] = groupOfId.get(members.id(p));
        }
        return new Hierarchical(members, byGroup, groupOf, Weights.byPosition(WHAT, members, weights));
    }

    @Override
    boolean isPhase1(boolean[] present) {
        long[] inGroup = new long[groups.length];
        for (int p = 0; p < present.length; p++) {
            if (present[p]) {
                inGroup[groupOf[p]] += weights[p];
            }
        }
        int won = 0;
        for (int g = 0; g < groups.length; g++) {
            if (groupTotal[g] > 0 && Weights.isMoreThanHalf(inGroup[g], groupTotal[g])) {
                won++;
            }
        }
        return won > countedGroups / 2;
    }

    @Override
    boolean isPhase2(boolean[] present) {
        return isPhase1(present);
    }

    /** See the class comment: a shared majority group holds a shared member of positive weight. */
    @Override
    Intersection.Witness disjointByArgument() {
        return null;
    }

    @Override
    public VoteTracker newTracker() {
        return new HierarchicalTracker(members, groupOf, weights, groupTotal, countedGroups);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("hierarchical majority of groups [");
        for (int g = 0; g < groups.length; g++) {
            s.append(g == 0 ? "" : ", ").append(groups[g]);
        }
        s.append(']');
        if (!unitWeights) {
            s.append(" with weights ").append(Weights.toString(members, weights));
        }
        return s.toString();
    }
}
