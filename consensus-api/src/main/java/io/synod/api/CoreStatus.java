package io.synod.api;

/**
 * A protocol core's view of itself, for operators, tests and liveness checks.
 *
 * @param self        this node
 * @param role        the role the node plays now, in the protocol's own words ("leader", "follower", "looking"…)
 * @param leader      the node this one believes leads, or {@link #NO_LEADER}
 * @param term        the current ballot round or epoch
 * @param commitIndex the highest log index this node knows to be chosen
 */
public record CoreStatus(int self, String role, int leader, long term, long commitIndex) {

    /** No leader is known. */
    public static final int NO_LEADER = -1;

    public boolean isLeader() {
        return leader == self;
    }
}
