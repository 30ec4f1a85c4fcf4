package io.synod.paxos.multi;

import io.synod.api.Recovered;
import io.synod.protocol.Ballot;

/**
 * Protocol-aware recovery of a replica whose log may have lost entries it had acknowledged
 * ({@link Recovered#suspectFrom()}; Alagappan et al., "Protocol-Aware Recovery for
 * Consensus-Based Storage", FAST 2018). Such a replica may have been one of the phase-2 quorum
 * that chose a value it no longer holds; if it promised a candidate, that candidate's phase 1
 * could miss the value and choose another. So until it has re-learned the chosen log it casts no
 * vote that counts: no promise, no campaign, no acceptance of a slot not yet chosen. It learns
 * meanwhile, taking from a leader only slots the leader says are chosen.
 *
 * <p><b>When it may vote again.</b> Its acceptances were all at ballots up to the one it had
 * promised when the damage was found ({@code above}), and it promises nothing while rejoining.
 * A leader at a ballot above that therefore won phase 1 with a quorum that did not include it;
 * any value chosen before was reported to that leader by a quorum member other than this replica
 * and re-proposed at or below the leader's horizon. Once this replica has learned the chosen log
 * through that horizon it holds every value it could have helped choose, and no value it lost
 * from above the horizon can be chosen any more (phase 1 of the higher ballot closed the older
 * ones). Then it votes again.
 *
 * <p>Storage reports a damaged tail only until the node writes again, so the rejoin ballot goes
 * into the hard state (see {@link HardState}) with the first batch, before any message leaves.
 */
final class Rejoin {

    /** While rejoining: the ballot a leader must be above; null once this replica votes. */
    private Ballot above;
    private boolean dirty;

    private Rejoin(Ballot above, boolean dirty) {
        this.above = above;
        this.dirty = dirty;
    }

    /** From the hard state's record, or a fresh start of rejoining if storage reports a suspect log. */
    static Rejoin recover(HardState hardState, Recovered recovered) {
        if (hardState.rejoinAbove() != null) {
            return new Rejoin(hardState.rejoinAbove(), false);
        }
        if (recovered.suspect()) {
            return new Rejoin(hardState.promised(), true);
        }
        return new Rejoin(null, false);
    }

    /** True when this replica may promise, campaign and accept. */
    boolean voting() {
        return above == null;
    }

    /** The ballot to store in the hard state: null when voting. */
    Ballot above() {
        return above;
    }

    /**
     * A leader at {@code ballot}, which re-proposed every possibly chosen slot up to
     * {@code horizon}, spoke, and this replica has learned the chosen log through
     * {@code chosenIndex}: if that settles it, this replica votes again.
     */
    void heardFrom(Ballot ballot, long horizon, long chosenIndex) {
        if (above != null && ballot.isAbove(above) && chosenIndex >= horizon) {
            above = null;
            dirty = true;
        }
    }

    /** True once after the rejoin state changed: the next batch must store it. */
    boolean takeDirty() {
        boolean was = dirty;
        dirty = false;
        return was;
    }

    boolean dirty() {
        return dirty;
    }
}
