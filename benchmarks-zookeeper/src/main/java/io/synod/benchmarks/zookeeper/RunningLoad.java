package io.synod.benchmarks.zookeeper;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A load in flight: operations completed, their latencies and errors, counted by whoever completes them.
 * {@link #measure} cuts it into iterations of wall time: warm-ups are thrown away, each measured iteration
 * gives one ops/s figure, and their latencies are merged.
 */
abstract class RunningLoad implements AutoCloseable {

    /** Latencies up to one minute in microseconds, three significant digits. */
    private final Recorder recorder = new Recorder(TimeUnit.MINUTES.toMicros(1), 3);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    protected volatile boolean running = true;

    /** Counts one completed operation issued at {@code startNanos}; {@code ok} false counts it as an error too. */
    protected final void completed(long startNanos, boolean ok) {
        long micros = (System.nanoTime() - startNanos) / 1_000;
        recorder.recordValue(Math.min(Math.max(micros, 0), TimeUnit.MINUTES.toMicros(1)));
        completed.incrementAndGet();
        if (!ok) {
            errors.incrementAndGet();
        }
    }

    /** Starts issuing requests. */
    abstract void begin();

    /** Stops issuing and waits for what is in flight; afterwards {@link #close()} undoes the setup. */
    abstract void end();

    /** Runs the load; {@code serverCpuNanos} reads the servers' processor time so far. */
    LoadResult measure(SystemKind system, Workload workload, LoadSpec spec, LongSupplier serverCpuNanos) {
        begin();
        List<Double> ops = new ArrayList<>();
        Histogram all = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        long errorsBefore = 0;
        long completedBefore = 0;
        long serverBefore = 0;
        long driverBefore = 0;
        CpuUse cpu = CpuUse.NONE;
        try {
            for (int i = 0; i < spec.warmups() + spec.iterations(); i++) {
                boolean measured = i >= spec.warmups();
                if (i == spec.warmups()) {
                    errorsBefore = errors.get();
                    completedBefore = completed.get();
                    serverBefore = serverCpuNanos.getAsLong();
                    driverBefore = CpuUse.ownNanos();
                }
                long c0 = completed.get();
                long t0 = System.nanoTime();
                recorder.getIntervalHistogram();
                sleep(spec.iteration().toMillis());
                long c1 = completed.get();
                long t1 = System.nanoTime();
                Histogram h = recorder.getIntervalHistogram();
                if (measured) {
                    ops.add((c1 - c0) * 1e9 / (t1 - t0));
                    all.add(h);
                }
            }
            cpu = new CpuUse(serverCpuNanos.getAsLong() - serverBefore, CpuUse.ownNanos() - driverBefore,
                completed.get() - completedBefore);
        } finally {
            running = false;
            end();
        }
        return new LoadResult(system, workload, ops.stream().mapToDouble(Double::doubleValue).toArray(), all,
            errors.get() - errorsBefore, cpu);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public abstract void close();
}
