package io.synod.benchmarks.zookeeper;

import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * One workload run against one system: operations per second of each measured iteration, and the latency
 * (microseconds, from request to reply) of every operation completed in the measured iterations, and the processor time spent on them ({@link CpuUse}). Merged over
 * rounds, {@code roundMedians} keeps each round's median ops/s so that ratios can pair the systems' figures
 * of one round, measured minutes apart at most.
 */
public record LoadResult(SystemKind system, Workload workload, double[] opsPerSecond, Histogram latencyMicros,
                         long errors, double[] roundMedians, CpuUse cpu) {

    /** One round's result. */
    public LoadResult(SystemKind system, Workload workload, double[] opsPerSecond, Histogram latencyMicros, long errors,
                      CpuUse cpu) {
        this(system, workload, opsPerSecond, latencyMicros, errors, new double[] {Stats.median(opsPerSecond)}, cpu);
    }

    public double minOps() {
        return Arrays.stream(opsPerSecond).min().orElse(0);
    }

    public double maxOps() {
        return Arrays.stream(opsPerSecond).max().orElse(0);
    }

    public double medianOps() {
        return Stats.median(opsPerSecond);
    }

    public double p50() {
        return latencyMicros.getValueAtPercentile(50);
    }

    public double p99() {
        return latencyMicros.getValueAtPercentile(99);
    }

    public double p999() {
        return latencyMicros.getValueAtPercentile(99.9);
    }
}
