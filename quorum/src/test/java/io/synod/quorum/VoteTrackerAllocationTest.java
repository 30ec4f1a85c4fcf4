package io.synod.quorum;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Counting votes is on every protocol's hot path, so trackers must not allocate.
 *
 * <p>Measured with the JVM's per-thread allocation counter, which counts bytes exactly and only
 * this thread's, over many batches of rounds; the figure judged is the least any batch allocated.
 * Whatever else may allocate on this thread now and then (a deoptimisation that rematerialises
 * objects, class loading, the first call of something) adds bytes to some batches, never takes
 * bytes away, so the least batch is exact for a tracker that does not allocate, however loaded
 * the machine and whatever the JIT did: the bound needs no margin for timing. A tracker that
 * allocated per vote or per round allocates in every batch, at least 16 bytes (the smallest
 * object) each time, far above the bound; a tracker built to allocate per vote proves the
 * measure sees it.
 */
class VoteTrackerAllocationTest {

    private static final int WARM_UP_ROUNDS = 20_000;
    private static final int BATCHES = 50;
    private static final int ROUNDS_PER_BATCH = 1_000;
    /** Under one byte per round, where one object per round is at least 16. */
    private static final long BOUND_PER_BATCH = ROUNDS_PER_BATCH;
    /** Votes each round records: every member twice, and once a non-member. */
    private static final int RECORDS_PER_MEMBER = 3;
    private static final int SMALLEST_OBJECT_BYTES = 16;

    private static com.sun.management.ThreadMXBean threads;

    @BeforeAll
    static void allocationCounter() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter unavailable");
        threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
            "per-thread allocation counter disabled");
    }

    @Test
    void recordingAndAskingAllocateNothing() {
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
            long least = leastBytesOfABatch(system.newTracker(), system.members());
            assertTrue(least < BOUND_PER_BATCH, () -> system + ": every one of " + BATCHES + " batches of "
                + ROUNDS_PER_BATCH + " rounds allocated, the least " + least + " bytes");
        }
    }

    /** The control: the same measure, on a tracker that allocates one small array per vote, sees every one. */
    @Test
    void aTrackerThatAllocatesPerVoteIsSeen() {
        QuorumSystem system = QuorumSystem.majority(10, 20, 30, 40, 50);
        long least = leastBytesOfABatch(new AllocatingPerVote(system.newTracker()), system.members());
        long floor = (long) ROUNDS_PER_BATCH * system.members().length * RECORDS_PER_MEMBER * SMALLEST_OBJECT_BYTES;
        assertTrue(least >= floor, () -> "an allocating tracker's least batch: " + least + " bytes, below " + floor);
        assertTrue(least >= BOUND_PER_BATCH, "the bound separates it");
    }

    private static long leastBytesOfABatch(VoteTracker tracker, int[] voters) {
        long sink = exercise(tracker, voters, WARM_UP_ROUNDS); // class loading, profiling, compilation
        long least = Long.MAX_VALUE;
        for (int b = 0; b < BATCHES; b++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            sink += exercise(tracker, voters, ROUNDS_PER_BATCH);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            least = Math.min(least, allocated);
        }
        assertTrue(sink > 0, "the loop did its work");
        return least;
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

    /** A tracker with the defect the test guards against: each vote leaves an object behind. */
    private static final class AllocatingPerVote implements VoteTracker {
        private final VoteTracker counting;
        private int[] lastVote;

        AllocatingPerVote(VoteTracker counting) {
            this.counting = counting;
        }

        @Override
        public boolean record(int node) {
            lastVote = new int[] {node}; // stored in a field: it escapes, no compiler can drop it
            return counting.record(node);
        }

        @Override
        public boolean hasVoted(int node) {
            return counting.hasVoted(node) && lastVote != null;
        }

        @Override
        public int count() {
            return counting.count();
        }

        @Override
        public boolean isPhase1Quorum() {
            return counting.isPhase1Quorum();
        }

        @Override
        public boolean isPhase2Quorum() {
            return counting.isPhase2Quorum();
        }

        @Override
        public void reset() {
            counting.reset();
        }
    }
}
