package io.synod.examples.coordination.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request latencies: ZooKeeper's min/avg/max (in ms, reset by {@code srst}) and a cumulative histogram with
 * fixed bounds for Prometheus (never reset: Prometheus counters only grow). Lock-free; written by the
 * client port's I/O thread, read by any.
 */
public final class LatencyStats {

    /** Upper bounds of the histogram's buckets, in seconds (the last, +Inf, is implied). */
    public static final double[] BUCKET_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private static final long[] BUCKET_NANOS = new long[BUCKET_SECONDS.length];

    static {
        for (int i = 0; i < BUCKET_SECONDS.length; i++) {
            BUCKET_NANOS[i] = (long) (BUCKET_SECONDS[i] * 1e9);
        }
    }

    private final AtomicLongArray buckets = new AtomicLongArray(BUCKET_SECONDS.length + 1);
    private final LongAdder totalCount = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong sumNanos = new AtomicLong();
    private final LongAccumulator min = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);
    private volatile long lastNanos;

    /** One request answered after {@code nanos}. */
    public void record(long nanos) {
        long n = Math.max(0, nanos);
        int bucket = 0;
        while (bucket < BUCKET_NANOS.length && n > BUCKET_NANOS[bucket]) {
            bucket++;
        }
        buckets.incrementAndGet(bucket);
        totalCount.increment();
        totalNanos.add(n);
        count.incrementAndGet();
        sumNanos.addAndGet(n);
        min.accumulate(n);
        max.accumulate(n);
        lastNanos = n;
    }

    /** ZooKeeper's {@code srst}/{@code crst}: min, avg and max start again (the histogram does not). */
    public void reset() {
        count.set(0);
        sumNanos.set(0);
        min.reset();
        max.reset();
        lastNanos = 0;
    }

    /** Smallest latency since the last reset, in ms (0 when none). */
    public long minMillis() {
        long m = min.get();
        return m == Long.MAX_VALUE ? 0 : TimeUnit.NANOSECONDS.toMillis(m);
    }

    /** Mean latency since the last reset, in ms, as ZooKeeper prints it (a fraction). */
    public double avgMillis() {
        long c = count.get();
        return c == 0 ? 0 : Math.round(sumNanos.get() / (double) c / 1e4) / 100.0;
    }

    public long maxMillis() {
        return TimeUnit.NANOSECONDS.toMillis(max.get());
    }

    public long lastMillis() {
        return TimeUnit.NANOSECONDS.toMillis(lastNanos);
    }

    /** Requests timed since the last reset. */
    public long count() {
        return count.get();
    }

    /** Requests timed since start, for the histogram. */
    public long totalCount() {
        return totalCount.sum();
    }

    public double totalSeconds() {
        return totalNanos.sum() / 1e9;
    }

    /** Requests at or under bound {@code i} of {@link #BUCKET_SECONDS} (cumulative, as Prometheus wants). */
    public long cumulativeCount(int i) {
        long sum = 0;
        for (int b = 0; b <= i; b++) {
            sum += buckets.get(b);
        }
        return sum;
    }
}
