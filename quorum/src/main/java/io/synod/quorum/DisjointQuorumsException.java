package io.synod.quorum;

import java.util.Arrays;

/**
 * A quorum configuration was refused because a phase-1 quorum and a phase-2 quorum share no
 * member: a value chosen by the one could go unseen by the other, and two different values
 * could be chosen. The two quorums are available for tools that want to show them.
 */
public final class DisjointQuorumsException extends IllegalArgumentException {

    private final String configuration;
    private final int[] phase1Quorum;
    private final int[] phase2Quorum;

    /**
     * @param configuration the refused configuration, as its {@code toString()} reads
     * @param phase1Quorum  the ids of a phase-1 quorum
     * @param phase2Quorum  the ids of a phase-2 quorum that shares no member with it
     */
    public DisjointQuorumsException(String configuration, int[] phase1Quorum, int[] phase2Quorum) {
        super("phase-1 quorum " + Arrays.toString(phase1Quorum) + " and phase-2 quorum "
            + Arrays.toString(phase2Quorum) + " share no member, in " + configuration);
        this.configuration = configuration;
        this.phase1Quorum = phase1Quorum.clone();
        this.phase2Quorum = phase2Quorum.clone();
    }

    /** The refused configuration, as its {@code toString()} reads. */
    public String configuration() {
        return configuration;
    }

    /** The ids of a minimal phase-1 quorum, ascending. */
    public int[] phase1Quorum() {
        return phase1Quorum.clone();
    }

    /** The ids of a minimal phase-2 quorum that shares no member with {@link #phase1Quorum()}, ascending. */
    public int[] phase2Quorum() {
        return phase2Quorum.clone();
    }
}
