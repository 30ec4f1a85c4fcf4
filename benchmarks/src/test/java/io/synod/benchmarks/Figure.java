package io.synod.benchmarks;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one short run of one benchmark reported (one fork, one measurement iteration), read as the
 * counts a plausibility rule reasons about: operations, auxiliary counters as totals, samples,
 * and the wall-clock time the whole run took, which no figure of it can exceed.
 *
 * @param benchmark the benchmark's full name
 * @param run       JMH's result of the run
 * @param wallNanos the wall-clock time of the whole run, set-up included
 */
record Figure(String benchmark, RunResult run, long wallNanos) {

    IterationResult iteration() {
        List<IterationResult> iterations = run.getBenchmarkResults().stream()
            .flatMap(b -> b.getIterationResults().stream()).toList();
        assertEquals(1, iterations.size(), benchmark + ": one measurement iteration");
        return iterations.get(0);
    }

    double score() {
        return run.getPrimaryResult().getScore();
    }

    String unit() {
        return run.getPrimaryResult().getScoreUnit();
    }

    Mode mode() {
        return run.getParams().getMode();
    }

    /** Operations timed in the measurement (JMH already multiplied them by operations per invocation). */
    long measuredOps() {
        return iteration().getMetadata().getMeasuredOps();
    }

    /** Operations run in the iteration, including the few run while threads start and stop together. */
    long allOps() {
        return iteration().getMetadata().getAllOps();
    }

    /** The samples of a {@link Mode#SampleTime} run, in {@link #unit()}. */
    Statistics samples() {
        return run.getPrimaryResult().getStatistics();
    }

    /**
     * An {@code @AuxCounters(OPERATIONS)} counter's ratio to the score. JMH divides both by the same
     * iteration time, so for a single benchmark thread this is the counter's total per measured
     * operation, exactly; summed over many threads it is close to that.
     */
    double perOp(String counter) {
        Result<?> aux = iteration().getSecondaryResults().get(counter);
        assertNotNull(aux, () -> benchmark + " reports no counter '" + counter + "'; it has " + iteration().getSecondaryResults().keySet());
        return aux.getScore() / iteration().getPrimaryResult().getScore();
    }

    /**
     * An auxiliary counter's value at the end of a single-threaded iteration (what the benchmark
     * counted, over whichever operations it counts), rounded to the whole count it must be.
     */
    long total(String counter) {
        return Math.round(perOp(counter) * measuredOps());
    }

    /**
     * The checks every figure passes, whatever it measures: it exists, is finite and positive, and
     * the time it implies fits in the wall-clock time the run took (a unit or counting slip, for
     * instance ops counted per batch but timed per call, breaks this).
     */
    void checkAgreesWithTheStopwatch() {
        double score = score();
        assertTrue(score > 0 && Double.isFinite(score), () -> this + ": no positive finite score");
        assertTrue(measuredOps() >= 1, () -> this + ": no operation measured");
        double nanosPerUnit = run.getParams().getTimeUnit().toNanos(1);
        double impliedNanos = switch (mode()) {
            case Throughput -> measuredOps() / score * nanosPerUnit;
            case AverageTime -> measuredOps() * score * nanosPerUnit;
            case SampleTime -> samples().getMax() * nanosPerUnit;
            case SingleShotTime -> measuredOps() * score * nanosPerUnit;
            default -> throw new AssertionError(this + ": no stopwatch check for mode " + mode());
        };
        assertTrue(impliedNanos <= wallNanos, () -> String.format(
            "%s: implies %.0f ns of measured time, but the whole run took %d ns", this, impliedNanos, wallNanos));
    }

    @Override
    public String toString() {
        return String.format("%s %s = %.4g %s (%d ops)", benchmark, paramsText(), score(), unit(),
            iteration().getMetadata().getMeasuredOps());
    }

    private String paramsText() {
        StringBuilder text = new StringBuilder("{");
        for (Object key : run.getParams().getParamsKeys()) {
            text.append(text.length() > 1 ? ", " : "").append(key).append('=').append(run.getParams().getParam((String) key));
        }
        return text.append('}').toString();
    }
}
