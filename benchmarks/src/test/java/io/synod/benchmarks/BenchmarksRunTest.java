package io.synod.benchmarks;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark still runs: one short, unforked iteration of each, with one set of parameters.
 * This proves the harness works (setup, the measured operation, teardown) and that each produces
 * a figure; it measures nothing, and asserts no speed.
 */
class BenchmarksRunTest {

    private static Collection<RunResult> runOnce(String include, String... params) throws RunnerException {
        OptionsBuilder builder = new OptionsBuilder();
        builder.include(include).forks(0).warmupIterations(0).measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(500)).shouldFailOnError(true);
        for (int i = 0; i < params.length; i += 2) {
            builder.param(params[i], params[i + 1]);
        }
        Options options = builder.build();
        return new Runner(options).run();
    }

    private static void assertEachProducedAFigure(Collection<RunResult> results) {
        assertFalse(results.isEmpty(), "the benchmark ran");
        for (RunResult r : results) {
            double score = r.getPrimaryResult().getScore();
            assertTrue(score > 0 && Double.isFinite(score), r.getParams().getBenchmark() + " scored " + score);
        }
    }

    @Test
    void theMultiPaxosThroughputBenchmarkCommitsCommands() throws RunnerException {
        assertEachProducedAFigure(runOnce("MultiPaxosBenchmark.throughput", "storage", "memory", "maxBatch", "1024", "clients", "64"));
    }

    @Test
    void theWriteAheadLogBenchmarkAppends() throws RunnerException {
        assertEachProducedAFigure(runOnce("LogAppendBenchmark.logOneAppender", "recordSize", "100"));
    }

    @Test
    void theQuorumBenchmarksCountVotes() throws RunnerException {
        assertEachProducedAFigure(runOnce("TrackerBenchmark", "system", "majority-5"));
    }
}
