package io.synod.quorum;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Counting votes is on every protocol's hot path, so trackers must not allocate. Measured with
 * the JVM's per-thread allocation counter: a tracker that allocated even one small object per
 * vote would show megabytes over the rounds below; the bound leaves room for the counter's own
 * noise only.
 */
class VoteTrackerAllocationTest {

    private static final int ROUNDS = 20_000;
    private static final long NOISE_BYTES = 64 * 1024;

    @Test
    void recordingAndAskingAllocateNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter unavailable");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
            "per-thread allocation counter disabled");

        Map<Integer, Long> weights = new HashMap<>();
        for (int id = 1; id <= 9; id++) {
            weights.put(id * 10, (long) id);
        }
        QuorumSystem[] systems = {
            QuorumSystem.majority(10, 20, 30, 40, 50),
            QuorumSystem.weighted(weights),
            QuorumSystem.hierarchical(new int[] {1, 2, 3}, new int[] {4, 5, 6}, new int[] {7, 8, 9}),
            QuorumSystem.flexible(4, 2, 1, 2, 3, 4, 5),
            QuorumSystem.flexible(new int[][] {{1, 2, 3}, {4, 5, 6}}, new int[][] {{1, 4}, {2, 5}, {3, 6}}),
            QuorumSystem.all(1, 2, 3),
        };
        for (QuorumSystem system : systems) {
            VoteTracker tracker = system.newTracker();
            int[] voters = system.members();
            long sink = exercise(tracker, voters, 1_000); // warm up: class loading, profiling
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            sink += exercise(tracker, voters, ROUNDS);
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertTrue(sink > 0, "the loop did its work");
            assertTrue(allocated < NOISE_BYTES, () -> system + ": " + allocated + " bytes allocated over " + ROUNDS + " rounds");
        }
    }

    private static long exercise(VoteTracker tracker, int[] voters, int rounds) {
        long quorums = 0;
        for (int r = 0; r < rounds; r++) {
            tracker.reset();
            for (int i = 0; i < voters.length; i++) {
                int v = voters[(i + r) % voters.length];
                tracker.record(v);
                tracker.record(v);
                tracker.record(-v - 1000);
                if (tracker.hasVoted(v) && tracker.isPhase1Quorum()) {
                    quorums++;
                }
                if (tracker.isPhase2Quorum()) {
                    quorums += tracker.count();
                }
            }
        }
        return quorums;
    }
}
