package io.synod.benchmarks;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every benchmark method runs, once, and reports a plausible figure. The benchmarks are
 * discovered (by reflection and from JMH's generated list, which must agree), not named here, so a
 * new one cannot be forgotten: without a rule in {@link PlausibleFigures} it fails this test.
 * Each runs unforked, without warm-up, for one short iteration with its smallest parameters; the
 * figure is checked against the wall clock and against its rule's physical bounds and exact
 * counts. Nothing here asserts a speed.
 */
class BenchmarksRunTest {

    private static final TimeValue ITERATION = TimeValue.milliseconds(300);

    @Test
    void reflectionAndJmhListTheSameBenchmarksAndEachHasARule() {
        SortedSet<String> declared = DeclaredBenchmarks.byReflection();
        assertTrue(declared.size() >= 2, () -> "too few benchmarks found to trust the search: " + declared);
        assertEquals(declared, DeclaredBenchmarks.inJmhList(),
            "the @Benchmark methods and the JMH-generated list disagree; rebuild with the annotation processor");
        assertEquals(declared, new TreeSet<>(PlausibleFigures.rules().keySet()),
            "each benchmark needs exactly one rule in PlausibleFigures (parameters, unit, plausible bounds)");
    }

    @Test
    void everyBenchmarkRunsOnceAndReportsAPlausibleFigure() throws RunnerException {
        SortedSet<String> declared = DeclaredBenchmarks.byReflection();
        SortedSet<String> judged = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        for (String benchmark : DeclaredBenchmarks.inJmhList()) {
            PlausibleFigures.Rule rule = PlausibleFigures.rules().get(benchmark);
            if (rule == null) {
                failures.add(benchmark + ": no rule in PlausibleFigures");
                continue;
            }
            Figure figure = runOnce(benchmark, rule.params());
            try {
                assertEquals(rule.unit(), figure.unit(), figure + ": the rule's bounds assume " + rule.unit());
                figure.checkAgreesWithTheStopwatch();
                rule.check().accept(figure);
                judged.add(benchmark);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " implausible figure(s):\n  " + String.join("\n  ", failures));
        }
        assertEquals(declared, judged, "every @Benchmark method ran and its figure was judged");
    }

    private static Figure runOnce(String benchmark, Map<String, String> params) throws RunnerException {
        // JMH's machine-wide lock guards the accuracy of real measurements; this smoke test judges
        // counts and physical bounds, so it must not fail because a benchmark runs elsewhere.
        System.setProperty("jmh.ignoreLock", "true");
        // Nor does it need a warmed-up JIT: no untimed warm-up before the one short iteration.
        System.setProperty("synod.bench.warmup", "0");
        OptionsBuilder options = new OptionsBuilder();
        options.include("^" + Pattern.quote(benchmark) + "$")
            .forks(0).warmupIterations(0).measurementIterations(1).measurementTime(ITERATION)
            .shouldFailOnError(true);
        params.forEach(options::param);
        long start = System.nanoTime();
        Collection<RunResult> results = new Runner(options.build()).run();
        long wallNanos = System.nanoTime() - start;
        assertEquals(1, results.size(), () -> benchmark + ": one run expected, so every parameter must be pinned; got " + results.size());
        return new Figure(benchmark, results.iterator().next(), wallNanos);
    }
}
