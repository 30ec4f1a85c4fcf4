package io.synod.quorum;

/**
 * Tracks votes against explicit quorum families: for every listed quorum it counts the members
 * still missing, and a phase has a quorum once some listed quorum misses no one. The index from
 * each member to the listed quorums that contain it is built once, so a vote costs only the
 * number of listed quorums it belongs to.
 */
final class FamilyTracker extends MemberVotes {

    private final Phase phase1;
    private final Phase phase2;

    FamilyTracker(Members members, int[][] phase1Quorums, int[][] phase2Quorums) {
        super(members);
        this.phase1 = new Phase(members.size(), phase1Quorums);
        this.phase2 = new Phase(members.size(), phase2Quorums);
    }

    /** The missing-member counters of one phase's listed quorums. */
    private static final class Phase {
        private final int[][] containing;
        private final int[] sizes;
        private final int[] missing;
        private int complete;

        Phase(int memberCount, int[][] quorums) {
            int[] degree = new int[memberCount];
            for (int[] q : quorums) {
                for (int p : q) {
                    degree[p]++;
                }
            }
            containing = new int[memberCount][];
            for (int p = 0; p < memberCount; p++) {
                containing[p] = new int[degree[p]];
            }
            int[] filled = new int[memberCount];
            sizes = new int[quorums.length];
            for (int i = 0; i < quorums.length; i++) {
                sizes[i] = quorums[i].length;
                for (int p : quorums[i]) {
                    containing[p][filled[p]++] = i;
                }
            }
            missing = sizes.clone();
        }

        void record(int position) {
            for (int q : containing[position]) {
                if (--missing[q] == 0) {
                    complete++;
                }
            }
        }

        void reset() {
            System.arraycopy(sizes, 0, missing, 0, sizes.length);
            complete = 0;
        }
    }

    @Override
    void counted(int p) {
        phase1.record(p);
        phase2.record(p);
    }

    @Override
    public boolean isPhase1Quorum() {
        return phase1.complete > 0;
    }

    @Override
    public boolean isPhase2Quorum() {
        return phase2.complete > 0;
    }

    @Override
    void cleared() {
        phase1.reset();
        phase2.reset();
    }
}
