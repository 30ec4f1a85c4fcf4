package io.synod.quorum;

import java.util.Arrays;

/**
 * Tracks votes where only the number of distinct voters matters: majority, flexible sizes and
 * all-members systems.
 */
final class CountingTracker implements VoteTracker {

    private final Members members;
    private final int phase1Size;
    private final int phase2Size;
    private final boolean[] voted;
    private int count;

    CountingTracker(Members members, int phase1Size, int phase2Size) {
        this.members = members;
        this.phase1Size = phase1Size;
        this.phase2Size = phase2Size;
        this.voted = new boolean[members.size()];
    }

    @Override
    public boolean record(int node) {
        int p = members.position(node);
        if (p == Members.NOT_A_MEMBER || voted[p]) {
            return false;
        }
        voted[p] = true;
        count++;
        return true;
    }

    @Override
    public boolean hasVoted(int node) {
        int p = members.position(node);
        return p != Members.NOT_A_MEMBER && voted[p];
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public boolean isPhase1Quorum() {
        return count >= phase1Size;
    }

    @Override
    public boolean isPhase2Quorum() {
        return count >= phase2Size;
    }

    @Override
    public void reset() {
        Arrays.fill(voted, false);
        count = 0;
    }
}
