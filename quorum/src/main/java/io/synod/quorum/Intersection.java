package io.synod.quorum;

/**
 * Checks that every phase-1 quorum of a system meets every phase-2 quorum, and finds two that
 * do not when it fails.
 *
 * <p><b>Method.</b> Because quorums are monotone, some phase-1 quorum misses some phase-2
 * quorum exactly when some phase-1 quorum's complement is itself a phase-2 quorum. Up to
 * {@link #EXHAUSTIVE_LIMIT} members the check enumerates every subset, smallest first, so the
 * phase-1 witness it reports is a smallest phase-1 quorum; both witnesses are then shrunk to
 * minimal quorums, so the message names no bystanders. At 16 members that is 65,536 subsets:
 * 2 to 10 ms once per configuration ({@code ConstructionBenchmark}), and doubling with each
 * member more, hence the bound. Beyond the limit each system answers by its own
 * argument ({@link AbstractQuorumSystem#disjointByArgument()}): for majority, weighted and
 * hierarchical systems two quorums each hold more than half of something finite and so
 * overlap; for flexible sizes q1 + q2 &gt; n is the pigeonhole bound; for explicit families
 * the listed quorums are compared pairwise.
 */
final class Intersection {

    /** Up to this many members intersection is checked by enumerating every subset. */
    static final int EXHAUSTIVE_LIMIT = 16;

    private Intersection() {
    }

    /**
     * Two quorums that share no member, as position masks.
     *
     * @param phase1 a phase-1 quorum
     * @param phase2 a phase-2 quorum disjoint from it
     */
    record Witness(boolean[] phase1, boolean[] phase2) {
    }

    /**
     * Refuses {@code system} unless it has a quorum of each phase and all its quorums intersect.
     *
     * @return {@code system}, accepted
     * @throws DisjointQuorumsException naming two quorums that miss each other
     * @throws IllegalArgumentException if some phase has no quorum at all
     */
    static <S extends AbstractQuorumSystem> S verify(S system) {
        boolean[] everyone = new boolean[system.size()];
        java.util.Arrays.fill(everyone, true);
        // Monotone: if all members together are no quorum, no set is, and nothing could be chosen.
        if (!system.isPhase1(everyone) || !system.isPhase2(everyone)) {
            throw new IllegalArgumentException(system + ": even all members " + system.members
                + " together form no phase-" + (system.isPhase1(everyone) ? 2 : 1) + " quorum");
        }
        Witness witness = system.size() <= EXHAUSTIVE_LIMIT ? search(system) : system.disjointByArgument();
        if (witness != null) {
            throw new DisjointQuorumsException(system.toString(),
                system.members.idsOf(shrink(witness.phase1(), system, 1)),
                system.members.idsOf(shrink(witness.phase2(), system, 2)));
        }
        return system;
    }

    /**
     * Enumerates every subset of {@code system}'s members (at most {@link #EXHAUSTIVE_LIMIT}).
     *
     * @return null if all quorums intersect, else two minimal quorums that do not
     */
    static Witness search(AbstractQuorumSystem system) {
        int n = system.size();
        if (n > EXHAUSTIVE_LIMIT) {
            throw new IllegalArgumentException("exhaustive intersection search is bounded to "
                + EXHAUSTIVE_LIMIT + " members, " + system + " has " + n);
        }
        boolean[] candidate = new boolean[n];
        boolean[] complement = new boolean[n];
        long all = (1L << n) - 1;
        for (int k = 1; k <= n; k++) {
            for (long mask = (1L << k) - 1; mask <= all; mask = nextWithSameBitCount(mask)) {
                fill(candidate, mask);
                if (system.isPhase1(candidate)) {
                    fill(complement, all & ~mask);
                    if (system.isPhase2(complement)) {
                        return new Witness(shrink(candidate, system, 1), shrink(complement, system, 2));
                    }
                }
            }
        }
        return null;
    }

    /** Removes members, lowest position first, while what is left stays a quorum of {@code phase}. */
    static boolean[] shrink(boolean[] quorum, AbstractQuorumSystem system, int phase) {
        boolean[] q = quorum.clone();
        for (int p = 0; p < q.length; p++) {
            if (q[p]) {
                q[p] = false;
                if (!(phase == 1 ? system.isPhase1(q) : system.isPhase2(q))) {
                    q[p] = true;
                }
            }
        }
        return q;
    }

    private static void fill(boolean[] present, long mask) {
        for (int p = 0; p < present.length; p++) {
            present[p] = (mask & (1L << p)) != 0;
        }
    }

    // Gosper's hack: the next larger integer with the same number of one bits.
    private static long nextWithSameBitCount(long mask) {
        long lowest = mask & -mask;
        long ripple = mask + lowest;
        return (((ripple ^ mask) >>> 2) / lowest) | ripple;
    }
}
