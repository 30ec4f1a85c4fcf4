package io.synod.paxos.basic;

import io.synod.protocol.Ballot;
import io.synod.quorum.QuorumSystem;
import io.synod.quorum.VoteTracker;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A learner's count of {@code Accepted} messages for one slot, per ballot: a value is chosen
 * when the acceptors that accepted it under one ballot form a phase-2 quorum. Votes under
 * different ballots never add up, even for equal values, because only one ballot's acceptors
 * are known to have accepted together.
 */
final class SlotTally {

    private final QuorumSystem quorum;
    private final Map<Ballot, VoteTracker> votes = new HashMap<>(4);
    private final Map<Ballot, byte[]> values = new HashMap<>(4);

    SlotTally(QuorumSystem quorum) {
        this.quorum = quorum;
    }

    /**
     * Counts {@code acceptor}'s acceptance of {@code value} under {@code ballot}.
     *
     * @return true if that ballot's acceptors now form a phase-2 quorum
     * @throws IllegalStateException if {@code value} differs from another acceptor's under the
     *                               same ballot, which no correct proposer causes
     */
    boolean record(int acceptor, Ballot ballot, byte[] value) {
        byte[] known = values.putIfAbsent(ballot, value);
        if (known != null && !Arrays.equals(known, value)) {
            throw new IllegalStateException("two values accepted under ballot " + ballot
                + ": a proposer reused a ballot");
        }
        VoteTracker tracker = votes.computeIfAbsent(ballot, b -> quorum.newTracker());
        tracker.record(acceptor);
        return tracker.isPhase2Quorum();
    }
}
