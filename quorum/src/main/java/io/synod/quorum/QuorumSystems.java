package io.synod.quorum;

import java.util.Arrays;

/** Factories for the quorum systems. (Placeholder majority until the quorum module lands.) */
final class QuorumSystems {

    private QuorumSystems() {
    }

    static QuorumSystem majority(int... members) {
        int[] sorted = members.clone();
        Arrays.sort(sorted);
        int need = sorted.length / 2 + 1;
        return new QuorumSystem() {
            public int[] members() {
                return sorted.clone();
            }

            public boolean isMember(int node) {
                return Arrays.binarySearch(sorted, node) >= 0;
            }

            public boolean isPhase1Quorum(int[] votes) {
                return Arrays.stream(votes).distinct().filter(this::isMember).count() >= need;
            }

            public boolean isPhase2Quorum(int[] votes) {
                return isPhase1Quorum(votes);
            }

            public VoteTracker newTracker() {
                boolean[] voted = new boolean[sorted.length];
                return new VoteTracker() {
                    int count;

                    public boolean record(int node) {
                        int i = Arrays.binarySearch(sorted, node);
                        if (i < 0 || voted[i]) {
                            return false;
                        }
                        voted[i] = true;
                        count++;
                        return true;
                    }

                    public boolean hasVoted(int node) {
                        int i = Arrays.binarySearch(sorted, node);
                        return i >= 0 && voted[i];
                    }

                    public int count() {
                        return count;
                    }

                    public boolean isPhase1Quorum() {
                        return count >= need;
                    }

                    public boolean isPhase2Quorum() {
                        return count >= need;
                    }

                    public void reset() {
                        Arrays.fill(voted, false);
                        count = 0;
                    }
                };
            }
        };
    }
}
