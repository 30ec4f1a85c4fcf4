package io.synod.benchmarks.quorum;

import io.synod.quorum.QuorumSystem;

import java.util.HashMap;
import java.util.Map;

/** The configurations the benchmarks measure, by name. */
final class Systems {

    private Systems() {
    }

    static QuorumSystem build(String name) {
        switch (name) {
            case "majority-5":
                return QuorumSystem.majority(1, 2, 3, 4, 5);
            case "weighted-9":
                return QuorumSystem.weighted(weights(9));
            case "hierarchical-3x3":
                return QuorumSystem.hierarchical(new int[] {1, 2, 3}, new int[] {4, 5, 6}, new int[] {7, 8, 9});
            case "flexible-grid-3x3":
                return QuorumSystem.flexible(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}},
                    new int[][] {{1, 4, 7}, {2, 5, 8}, {3, 6, 9}});
            case "majority-16":
                return QuorumSystem.majority(range(16));
            case "majority-17":
                return QuorumSystem.majority(range(17));
            case "weighted-16":
                return QuorumSystem.weighted(weights(16));
            case "hierarchical-4x4":
                return QuorumSystem.hierarchical(new int[] {1, 2, 3, 4}, new int[] {5, 6, 7, 8},
                    new int[] {9, 10, 11, 12}, new int[] {13, 14, 15, 16});
            default:
                throw new IllegalArgumentException("unknown benchmark system " + name);
        }
    }

    private static int[] range(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
        }
        return ids;
    }

    private static Map<Integer, Long> weights(int n) {
        Map<Integer, Long> w = new HashMap<>();
        for (int i = 1; i <= n; i++) {
            w.put(i, (long) (i % 3 + 1));
        }
        return w;
    }
}
