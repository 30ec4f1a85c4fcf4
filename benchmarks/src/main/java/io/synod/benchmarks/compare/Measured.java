package io.synod.benchmarks.compare;

import java.util.List;

/**
 * What one scenario gave: operations per second of each measured iteration, latency percentiles
 * over all measured operations (microseconds, HdrHistogram), and per-operation counts under load
 * (messages, bytes where the network counts them, fsyncs). {@code error} is set, and the figures
 * empty, when the scenario could not run.
 *
 * @param baselineRatio median throughput over the baseline's median in the same run, or NaN
 */
public record Measured(Scenario scenario, List<Double> opsPerSecond, double p50Micros, double p99Micros, double p999Micros,
                       double maxMicros, long operations, double messagesPerOp, double bytesPerOp, double fsyncsPerOp,
                       long leaderChanges, long failures, double baselineRatio, String error) {

    /** A scenario that failed to run. */
    static Measured failed(Scenario scenario, String error) {
        return new Measured(scenario, List.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN,
            Double.NaN, 0, 0, Double.NaN, error);
    }

    /** True when the scenario ran. */
    public boolean ok() {
        return error == null;
    }

    /** The spread of the iterations' throughput. */
    public Spread throughput() {
        return Spread.of(opsPerSecond);
    }

    /** The same result, with its ratio to the baseline. */
    Measured withBaselineRatio(double ratio) {
        return new Measured(scenario, opsPerSecond, p50Micros, p99Micros, p999Micros, maxMicros, operations, messagesPerOp,
            bytesPerOp, fsyncsPerOp, leaderChanges, failures, ratio, error);
    }
}
