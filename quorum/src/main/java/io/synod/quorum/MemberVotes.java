package io.synod.quorum;

import java.util.Arrays;

/**
 * What every vote tracker shares: which members voted and how many, by member position, without
 * allocating. A subclass keeps only its own arithmetic (weights, groups, listed quorums) up to
 * date in {@link #counted} and clears it in {@link #cleared}.
 */
abstract class MemberVotes implements VoteTracker {

    private final Members members;
    private final boolean[] voted;
    private int count;

    MemberVotes(Members members) {
        this.members = members;
        this.voted = new boolean[members.size()];
    }

    /** A new vote from the member at {@code position}. */
    abstract void counted(int position);

    /** Every vote was forgotten. */
    abstract void cleared();

    @Override
    public final boolean record(int node) {
        int p = members.position(node);
        if (p == Members.NOT_A_MEMBER || voted[p]) {
            return false;
        }
        voted[p] = true;
        count++;
        counted(p);
        return true;
    }

    @Override
    public final boolean hasVoted(int node) {
        int p = members.position(node);
        return p != Members.NOT_A_MEMBER && voted[p];
    }

    @Override
    public final int count() {
        return count;
    }

    @Override
    public final void reset() {
        Arrays.fill(voted, false);
        count = 0;
        cleared();
    }
}
