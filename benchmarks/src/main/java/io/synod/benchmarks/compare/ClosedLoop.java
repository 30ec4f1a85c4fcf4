package io.synod.benchmarks.compare;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A closed loop of {@code clients} outstanding operations from one thread: each completion, taken
 * oldest first, lets the next operation in. Iterations of a fixed length, warm-ups first; each
 * operation's latency (submit to completion, on the thread that completes it) goes into an
 * HdrHistogram over the measured iterations only.
 */
final class ClosedLoop {

    /** An operation that takes longer than this fails the scenario rather than hang the run. */
    private static final long STUCK_SECONDS = 30;

    private final Target target;
    private final int clients;
    private final Recorder recorder = new Recorder(3);
    private final CompletableFuture<?>[] ring;
    private int next;
    private long failures;

    ClosedLoop(Target target, int clients) {
        this.target = target;
        this.clients = clients;
        this.ring = new CompletableFuture<?>[clients];
    }

    Measured run(Scenario scenario, int warmups, int iterations, long iterationMillis) throws Exception {
        for (int i = 0; i < clients; i++) {
            ring[i] = timed();
        }
        for (int i = 0; i < warmups; i++) {
            iteration(iterationMillis);
            target.followLeader();
        }
        recorder.getIntervalHistogram(); // forget the warm-up's latencies
        Histogram latency = new Histogram(3);
        List<Double> rates = new ArrayList<>();
        long messages0 = target.messages();
        long bytes0 = target.bytes();
        long fsyncs0 = target.fsyncs();
        long leaders0 = target.leaderChanges();
        long failures0 = failures;
        long operations = 0;
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            long done = iteration(iterationMillis);
            rates.add(done * 1e9 / (System.nanoTime() - t0));
            operations += done;
            latency.add(recorder.getIntervalHistogram());
            target.followLeader();
        }
        double ops = Math.max(1, operations);
        double messages = (target.messages() - messages0) / ops;
        double bytes = bytes0 < 0 ? -1 : (target.bytes() - bytes0) / ops;
        double fsyncs = (target.fsyncs() - fsyncs0) / ops;
        long leaders = target.leaderChanges() - leaders0;
        drain();
        return new Measured(scenario, rates, micros(latency, 50), micros(latency, 99), micros(latency, 99.9),
            latency.getMaxValue() / 1e3, operations, messages, bytes, fsyncs, leaders, failures - failures0, Double.NaN, null);
    }

    private static double micros(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }

    /** Operations completed in one iteration. */
    private long iteration(long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long done = 0;
        do {
            await(ring[next]);
            done++;
            ring[next] = timed();
            next = next + 1 == ring.length ? 0 : next + 1;
        } while (System.nanoTime() - deadline < 0);
        return done;
    }

    private CompletableFuture<?> timed() {
        long start = System.nanoTime();
        CompletableFuture<?> f = target.submit();
        f.whenComplete((r, e) -> {
            if (e == null) {
                recorder.recordValue(System.nanoTime() - start);
            }
        });
        return f;
    }

    private void await(CompletableFuture<?> f) throws Exception {
        try {
            f.get(STUCK_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (failures++ == 0) {
                System.out.println("    first failed operation: " + e.getCause());
            }
            // Leadership moved, the replica refused, or a transaction aborted: counted, and clients follow the leader.
            target.followLeader();
        } catch (TimeoutException e) {
            throw new IllegalStateException("an operation did not complete within " + STUCK_SECONDS + " s", e);
        }
    }

    private void drain() {
        for (CompletableFuture<?> f : ring) {
            try {
                f.get(STUCK_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                // The measurement is over; what is left only has to finish before the group closes.
            }
        }
    }
}
