package io.synod.api.role;

import io.synod.api.Command;
import io.synod.api.Effects;

/**
 * Puts values forward for acceptors to choose: the Paxos proposer, the ZAB leader's broadcast
 * side. It owns ballots (or epochs), gathers promises and acceptances from a phase-1 and a
 * phase-2 quorum, and re-proposes any value a promise reports before proposing its own.
 */
public interface Proposer extends Role {

    /** A client command to get chosen. */
    void propose(Command command, Effects effects);
}
