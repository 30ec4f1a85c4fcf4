package io.synod.quorum;

import java.util.Objects;
import java.util.TreeSet;

/**
 * Flexible quorums given as explicit families: a set of members is a phase-1 quorum when it
 * contains one of the listed phase-1 quorums, likewise for phase 2. This covers layouts the
 * size-based form cannot express, such as grids (phase-1 a row, phase-2 a column) or
 * "any two of these three sites". Members are everyone named in some listed quorum.
 *
 * <p>Because quorums are the supersets of the listed sets, two of them are disjoint exactly
 * when two listed sets are, so the check beyond the exhaustive bound compares the lists pairwise.
 */
final class QuorumFamilies extends AbstractQuorumSystem {

    private static final String WHAT = "flexible quorum families";

    private final int[][] phase1;
    private final int[][] phase2;

    private QuorumFamilies(Members members, int[][] phase1, int[][] phase2) {
        super(members);
        this.phase1 = phase1;
        this.phase2 = phase2;
    }

    static QuorumFamilies of(int[][] phase1Quorums, int[][] phase2Quorums) {
        return Intersection.verify(unchecked(phase1Quorums, phase2Quorums));
    }

    /** Builds without the intersection check (the lists are still validated). */
    static QuorumFamilies unchecked(int[][] phase1Quorums, int[][] phase2Quorums) {
        Members[] listed1 = listed("phase-1", phase1Quorums);
        Members[] listed2 = listed("phase-2", phase2Quorums);
        TreeSet<Integer> everyone = new TreeSet<>();
        for (Members[] family : new Members[][] {listed1, listed2}) {
            for (Members q : family) {
                for (int i = 0; i < q.size(); i++) {
                    everyone.add(q.id(i));
                }
            }
        }
        Members members = Members.of(WHAT, everyone.stream().mapToInt(Integer::intValue).toArray());
        return new QuorumFamilies(members, positions(members, listed1), positions(members, listed2));
    }

    private static Members[] listed(String phase, int[][] quorums) {
        Objects.requireNonNull(quorums, () -> WHAT + ": the " + phase + " quorums must not be null");
        if (quorums.length == 0) {
            throw new IllegalArgumentException(WHAT + ": no " + phase + " quorum is listed; at least one is needed");
        }
        Members[] out = new Members[quorums.length];
        for (int i = 0; i < quorums.length; i++) {
            out[i] = Members.of(WHAT + ", " + phase + " quorum " + (i + 1), quorums[i]);
        }
        return out;
    }

    private static int[][] positions(Members members, Members[] quorums) {
        int[][] out = new int[quorums.length][];
        for (int i = 0; i < quorums.length; i++) {
            out[i] = new int[quorums[i].size()];
            for (int k = 0; k < quorums[i].size(); k++) {
                out[i][k] = members.position(quorums[i].id(k));
            }
        }
        return out;
    }

    @Override
    boolean isPhase1(boolean[] present) {
        return containsOne(phase1, present);
    }

    @Override
    boolean isPhase2(boolean[] present) {
        return containsOne(phase2, present);
    }

    private static boolean containsOne(int[][] family, boolean[] present) {
        for (int[] quorum : family) {
            boolean all = true;
            for (int p : quorum) {
                all &= present[p];
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    @Override
    Intersection.Witness disjointByArgument() {
        for (int[] a : phase1) {
            for (int[] b : phase2) {
                boolean[] inA = mask(a);
                boolean[] inB = mask(b);
                boolean meet = false;
                for (int p = 0; p < inA.length; p++) {
                    meet |= inA[p] && inB[p];
                }
                if (!meet) {
                    return new Intersection.Witness(inA, inB);
                }
            }
        }
        return null;
    }

    private boolean[] mask(int[] quorum) {
        boolean[] m = new boolean[members.size()];
        for (int p : quorum) {
            m[p] = true;
        }
        return m;
    }

    @Override
    public VoteTracker newTracker() {
        return new FamilyTracker(members, phase1, phase2);
    }

    @Override
    public String toString() {
        return WHAT + " over " + members + " (phase-1 " + list(phase1) + ", phase-2 " + list(phase2) + ")";
    }

    private String list(int[][] family) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < family.length; i++) {
            s.append(i == 0 ? "" : ", ").append('[');
            for (int k = 0; k < family[i].length; k++) {
                s.append(k == 0 ? "" : ", ").append(members.id(family[i][k]));
            }
            s.append(']');
        }
        return s.append(']').toString();
    }
}
