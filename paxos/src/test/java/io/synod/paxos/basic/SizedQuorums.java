package io.synod.paxos.basic;

import io.synod.quorum.QuorumSystem;
import io.synod.quorum.VoteTracker;

import java.util.Arrays;

/**
 * Flexible Paxos quorums by size, for tests: any {@code q1} members form a phase-1 quorum, any
 * {@code q2} a phase-2 quorum, with {@code q1 + q2 > n} so that every pair intersects.
 */
record SizedQuorums(int q1, int q2, int[] nodes) implements QuorumSystem {

    SizedQuorums {
        if (q1 + q2 <= nodes.length) {
            throw new IllegalArgumentException("phase-1 size " + q1 + " and phase-2 size " + q2 + " miss each other in " + nodes.length);
        }
        nodes = nodes.clone();
        Arrays.sort(nodes);
    }

    @Override
    public int[] members() {
        return nodes.clone();
    }

    @Override
    public boolean isMember(int node) {
        return Arrays.binarySearch(nodes, node) >= 0;
    }

    private int count(int[] votes) {
        return (int) Arrays.stream(votes).distinct().filter(this::isMember).count();
    }

    @Override
    public boolean isPhase1Quorum(int[] votes) {
        return count(votes) >= q1;
    }

    @Override
    public boolean isPhase2Quorum(int[] votes) {
        return count(votes) >= q2;
    }

    @Override
    public VoteTracker newTracker() {
        return new VoteTracker() {
            private final boolean[] voted = new boolean[nodes.length];
            private int count;

            @Override
            public boolean record(int node) {
                int i = Arrays.binarySearch(nodes, node);
                if (i < 0 || voted[i]) {
                    return false;
                }
                voted[i] = true;
                count++;
                return true;
            }

            @Override
            public boolean hasVoted(int node) {
                int i = Arrays.binarySearch(nodes, node);
                return i >= 0 && voted[i];
            }

            @Override
            public int count() {
                return count;
            }

            @Override
            public boolean isPhase1Quorum() {
                return count >= q1;
            }

            @Override
            public boolean isPhase2Quorum() {
                return count >= q2;
            }

            @Override
            public void reset() {
                Arrays.fill(voted, false);
                count = 0;
            }
        };
    }
}
