package io.synod.examples.snapshot;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;

/**
 * An idle strategy that also records how long each of the replica thread's duty cycles took:
 * the time from one return to the idle strategy to the next call, which is exactly one
 * {@code doWork()}. Long cycles are kept with their start, so that a test can ask for the longest
 * one within a window (while a snapshot was written, say).
 */
final class DutyCycleGaps implements IdleStrategy {

    /** Cycles shorter than this are not kept (most are microseconds). */
    private static final long KEEP_NANOS = 200_000;

    private final IdleStrategy delegate = new BackoffIdleStrategy(1, 10, 1_000, 100_000);
    private final List<long[]> cycles = new ArrayList<>();
    private long lastReturn;

    @Override
    public void idle(int workCount) {
        long now = System.nanoTime();
        record(now);
        delegate.idle(workCount);
        lastReturn = System.nanoTime();
    }

    @Override
    public void idle() {
        long now = System.nanoTime();
        record(now);
        delegate.idle();
        lastReturn = System.nanoTime();
    }

    private void record(long now) {
        if (lastReturn != 0 && now - lastReturn >= KEEP_NANOS) {
            synchronized (cycles) {
                cycles.add(new long[] {lastReturn, now});
            }
        }
    }

    @Override
    public void reset() {
        delegate.reset();
    }

    /** The longest duty cycle that overlapped {@code [from, to]} (nanoTime), in nanoseconds; 0 if none was kept. */
    long longestWithin(long from, long to) {
        long longest = 0;
        synchronized (cycles) {
            for (long[] cycle : cycles) {
                if (cycle[1] >= from && cycle[0] <= to) {
                    longest = Math.max(longest, cycle[1] - cycle[0]);
                }
            }
        }
        return longest;
    }
}
