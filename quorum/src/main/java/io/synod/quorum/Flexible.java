package io.synod.quorum;

/**
 * Flexible Paxos (Howard, Malkhi and Spiegelman, 2016): any {@code q1} members form a phase-1
 * quorum and any {@code q2} members a phase-2 quorum. Only phase-1 quorums need to meet
 * phase-2 quorums, so {@code q1 + q2 > n} suffices; a small {@code q2} makes the common case
 * (phase 2, every command) cheaper at the price of a larger phase-1 (leader change).
 */
final class Flexible extends AbstractQuorumSystem {

    private final int phase1Size;
    private final int phase2Size;

    private Flexible(Members members, int phase1Size, int phase2Size) {
        super(members);
        this.phase1Size = phase1Size;
        this.phase2Size = phase2Size;
    }

    static Flexible of(int phase1Size, int phase2Size, int... members) {
        return Intersection.verify(unchecked(phase1Size, phase2Size, members));
    }

    /** Builds without the intersection check (sizes and members are still validated). */
    static Flexible unchecked(int phase1Size, int phase2Size, int... members) {
        Members m = Members.of("flexible quorums", members);
        requireSize("phase-1", phase1Size, m);
        requireSize("phase-2", phase2Size, m);
        return new Flexible(m, phase1Size, phase2Size);
    }

    private static void requireSize(String phase, int size, Members members) {
        if (size < 1 || size > members.size()) {
            throw new IllegalArgumentException("flexible quorums of " + members + ": " + phase
                + " quorum size " + size + " must lie between 1 and the member count " + members.size());
        }
    }

    @Override
    boolean isPhase1(boolean[] present) {
        return Members.count(present) >= phase1Size;
    }

    @Override
    boolean isPhase2(boolean[] present) {
        return Members.count(present) >= phase2Size;
    }

    /** Pigeonhole: q1 + q2 &gt; n members cannot be placed without overlap; otherwise take both ends. */
    @Override
    Intersection.Witness disjointByArgument() {
        int n = members.size();
        if (phase1Size + phase2Size > n) {
            return null;
        }
        boolean[] first = new boolean[n];
        boolean[] last = new boolean[n];
        for (int p = 0; p < phase1Size; p++) {
            first[p] = true;
        }
        for (int p = n - phase2Size; p < n; p++) {
            last[p] = true;
        }
        return new Intersection.Witness(first, last);
    }

    @Override
    public VoteTracker newTracker() {
        return new CountingTracker(members, phase1Size, phase2Size);
    }

    @Override
    public String toString() {
        return "flexible quorums of " + members + " (phase-1 any " + phase1Size + ", phase-2 any " + phase2Size + ")";
    }
}
