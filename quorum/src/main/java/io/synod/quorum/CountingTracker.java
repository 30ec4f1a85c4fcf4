package io.synod.quorum;

/**
 * Tracks votes where only the number of distinct voters matters: majority, flexible sizes and
 * all-members systems.
 */
final class CountingTracker extends MemberVotes {

    private final int phase1Size;
    private final int phase2Size;

    CountingTracker(Members members, int phase1Size, int phase2Size) {
        super(members);
        this.phase1Size = phase1Size;
        this.phase2Size = phase2Size;
    }

    @Override
    void counted(int p) {
        // Only the count matters, and the base class keeps it.
    }

    @Override
    public boolean isPhase1Quorum() {
        return count() >= phase1Size;
    }

    @Override
    public boolean isPhase2Quorum() {
        return count() >= phase2Size;
    }

    @Override
    void cleared() {
        // Nothing of its own to clear.
    }
}
