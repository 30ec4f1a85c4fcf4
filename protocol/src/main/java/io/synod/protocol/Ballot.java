package io.synod.protocol;

/**
 * A ballot: a round number made unique by the node that starts the round, ordered by round, then
 * by node. Two proposers never share a ballot, so an acceptor's promise names exactly one of them.
 * Paxos numbers its rounds so; so will any protocol whose rounds may be started by several nodes
 * (a commit protocol's termination rounds, the acceptors of Paxos Commit).
 *
 * <p>A ballot packs into one {@code long} (round in the high 48 bits, node in the low 16), which
 * is what a {@link io.synod.api.LogEntry#term()} of a Paxos log holds; packed ballots order the
 * same way as ballots.
 *
 * @param round the round, from 0 ({@link #ZERO} is below every real ballot)
 * @param node  the proposer's node id, 0 to 65535
 */
public record Ballot(long round, int node) implements Comparable<Ballot> {

    /** Below every ballot a proposer uses: what an acceptor has promised before any prepare. */
    public static final Ballot ZERO = new Ballot(0, 0);

    private static final int NODE_BITS = 16;
    private static final long MAX_ROUND = (1L << (Long.SIZE - 1 - NODE_BITS)) - 1;

    public Ballot {
        if (round < 0 || round > MAX_ROUND) {
            throw new IllegalArgumentException("round out of range: " + round);
        }
        if (node < 0 || node > 0xFFFF) {
            throw new IllegalArgumentException("node id must fit 16 bits: " + node);
        }
    }

    /** The ballot a proposer at {@code node} uses to outbid {@code this}. */
    public Ballot next(int node) {
        return new Ballot(round + 1, node);
    }

    /** This ballot as one ordered {@code long}. */
    public long pack() {
        return (round << NODE_BITS) | node;
    }

    /** The ballot {@link #pack()} produced {@code packed} from. */
    public static Ballot unpack(long packed) {
        return new Ballot(packed >>> NODE_BITS, (int) (packed & 0xFFFF));
    }

    @Override
    public int compareTo(Ballot other) {
        int byRound = Long.compare(round, other.round);
        return byRound != 0 ? byRound : Integer.compare(node, other.node);
    }

    public boolean isAbove(Ballot other) {
        return compareTo(other) > 0;
    }

    public boolean isAtLeast(Ballot other) {
        return compareTo(other) >= 0;
    }

    @Override
    public String toString() {
        return round + "." + node;
    }
}
