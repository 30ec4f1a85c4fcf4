package io.synod.testkit;

import io.synod.testkit.trace.TraceRenderer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs a simulation for many seeds and turns the first failure into a report a person can act
 * on: the seed, the profile, the fault schedule, what went wrong and a one-line command that
 * replays exactly that run. This is the only place the testkit reads system properties:
 * <ul>
 *   <li>{@code synod.seeds} — how many seeds per test (CI: a few hundred; a soak run: tens of thousands);</li>
 *   <li>{@code synod.seed.start} — the first fresh seed (default 1), to explore new seeds in soak runs;</li>
 *   <li>{@code synod.seed} — replay only this seed;</li>
 *   <li>{@code synod.trace} — a path prefix: a failing (or replayed) seed's trace is written to
 *       {@code <prefix>-<seed>.jsonl} and drawn in {@code <prefix>-<seed>.html}.</li>
 * </ul>
 *
 * <pre>{@code
 * SeedRunner.run(SimulationConfig.builder(protocol).replicas(3).faults(FaultProfile.MIXED).build(),
 *     SeedRunner.seedCount(500), Repro.of(MyTest.class, "mixed"));
 * }</pre>
 */
public final class SeedRunner {

    /** Rows drawn in a sequence diagram. */
    private static final int DIAGRAM_ROWS = 6000;

    private SeedRunner() {
    }

    /** The number of seeds to run: {@code synod.seeds}, else {@code defaultCount}. */
    public static int seedCount(int defaultCount) {
        String value = System.getProperty("synod.seeds");
        if (value == null || value.isBlank()) {
            return defaultCount;
        }
        try {
            int count = Integer.parseInt(value.trim());
            if (count < 1) {
                throw new IllegalArgumentException("synod.seeds must be >= 1, was " + count);
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("synod.seeds must be a number, was '" + value + "'", e);
        }
    }

    /** The single seed to replay ({@code synod.seed}), if one was asked for. */
    public static OptionalLong replaySeed() {
        return longProperty("synod.seed");
    }

    private static long firstSeed() {
        return longProperty("synod.seed.start").orElse(1);
    }

    private static OptionalLong longProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'", e);
        }
    }

    /** Where traces go ({@code synod.trace}), if anywhere. */
    public static Optional<Path> tracePrefix() {
        String value = System.getProperty("synod.trace");
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** The seeds a test runs: the replayed one alone, or the ledger's and then {@code count} fresh ones. */
    public static List<Long> seeds(int count, Repro repro) {
        OptionalLong replay = replaySeed();
        if (replay.isPresent()) {
            return List.of(replay.getAsLong());
        }
        // A ledger seed that is also among the fresh ones runs once, first.
        Set<Long> seeds = new LinkedHashSet<>();
        if (repro != null) {
            seeds.addAll(RegressionLedger.seeds(repro.testClass(), repro.method()));
        }
        long first = firstSeed();
        for (long s = first; s < first + count; s++) {
            seeds.add(s);
        }
        return new ArrayList<>(seeds);
    }

    /**
     * Runs {@code config} for the seeds {@link #seeds} gives; throws an {@link AssertionError}
     * with a full report at the first failing seed.
     */
    public static <I, O> void run(SimulationConfig<I, O> config, int count, Repro repro) {
        for (long seed : seeds(count, repro)) {
            check(config.withSeed(seed), repro);
        }
    }

    /** Runs one seed; throws an {@link AssertionError} with a full report if it fails. */
    public static <I, O> SimulationResult<I, O> check(SimulationConfig<I, O> config, Repro repro) {
        boolean replaying = replaySeed().isPresent();
        boolean traced = replaying && tracePrefix().isPresent();
        SimulationResult<I, O> result = Simulation.run(config.withTrace(traced));
        Optional<String> failure = result.failure();
        if (traced || failure.isPresent()) {
            Optional<String> written = writeTrace(result, failure.isPresent());
            if (failure.isPresent()) {
                throw new AssertionError(report(result, failure.get(), repro, written.orElse(null)));
            }
        }
        return result;
    }

    private static <I, O> Optional<String> writeTrace(SimulationResult<I, O> result, boolean failed) {
        Optional<Path> prefix = tracePrefix();
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        SimulationResult<I, O> traced = result.trace().enabled() ? result : Simulation.run(result.config().withTrace(true));
        String base = prefix.get().toString() + "-" + result.seed();
        Path jsonl = Path.of(base + ".jsonl");
        Path html = Path.of(base + ".html");
        traced.trace().writeJsonLines(jsonl);
        SimulationConfig<I, O> c = result.config();
        TraceRenderer.write(traced.trace(), c.replicas() + c.observers(),
            c.protocol().name() + ", " + nodes(c) + ", faults " + c.faults() + ", seed " + c.seed()
                + (failed ? " (FAILED)" : ""), DIAGRAM_ROWS, html);
        return Optional.of(jsonl.toAbsolutePath() + " and " + html.toAbsolutePath());
    }

    private static String nodes(SimulationConfig<?, ?> c) {
        return c.replicas() + " replicas" + (c.observers() > 0 ? " + " + c.observers() + " observers" : "");
    }

    /** The failure report of a run. */
    public static <I, O> String report(SimulationResult<I, O> result, String failure, Repro repro, String traceFiles) {
        SimulationConfig<I, O> c = result.config();
        StringBuilder out = new StringBuilder();
        out.append("simulation failed: protocol ").append(c.protocol().name()).append(", ").append(nodes(c))
            .append(", faults ").append(c.faults()).append(", read mode ").append(c.readMode())
            .append(", seed ").append(c.seed()).append('\n');
        out.append(failure).append('\n');
        out.append("fault schedule (ticks of ").append(c.tickMicros()).append("us):\n").append(result.schedule().describe());
        out.append("run: ").append(result.stats()).append(", ").append(result.history().size()).append(" operations\n");
        if (repro != null) {
            out.append("replay: ").append(repro.command(c.seed())).append('\n');
            out.append("regression ledger line (src/test/resources/").append(RegressionLedger.RESOURCE).append("): ")
                .append(repro.ledgerLine(c.seed())).append('\n');
        }
        out.append(traceFiles != null ? "trace: " + traceFiles
            : "to draw the run, add -Dsynod.trace=target/sim-trace to the replay command");
        return out.toString();
    }
}
