package io.synod.testkit.commit;

import io.synod.api.commit.CommitProtocol;
import io.synod.testkit.Repro;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.trace.TraceRenderer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs a commit scenario over many seeds, as {@link SeedRunner} does for replication: the seeds
 * come from {@code synod.seeds} / {@code synod.seed.start} / {@code synod.seed} (replay), and a
 * failing seed is reported with the one-line command that replays it and, with
 * {@code synod.trace=<prefix>}, its sequence diagram.
 *
 * <pre>{@code
 * CommitSeeds.assertAtomic(TwoPhaseCommit.defaults(), scenario, 500, Repro.of(getClass(), "coordinatorCrash"));
 * }</pre>
 */
public final class CommitSeeds {

    private CommitSeeds() {
    }

    /** Runs {@code count} seeds (or the replayed one); throws naming the first seed that broke atomicity. */
    public static void assertAtomic(CommitProtocol protocol, CommitScenario scenario, int count, Repro repro) {
        for (long seed : SeedRunner.seeds(count, repro)) {
            CommitRun run = CommitSimulation.run(protocol, scenario, seed, false);
            if (!run.atomic()) {
                throw new AssertionError(report(protocol, scenario, run, repro));
            }
        }
    }

    /** The first of seeds 1..maxSeeds whose run broke a rule, or empty. */
    public static Optional<CommitRun> firstViolation(CommitProtocol protocol, CommitScenario scenario, int maxSeeds) {
        for (long seed = 1; seed <= maxSeeds; seed++) {
            CommitRun run = CommitSimulation.run(protocol, scenario, seed, false);
            if (!run.atomic()) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    /** The first of seeds 1..maxSeeds whose run broke a rule or left a transaction unresolved, or empty. */
    public static Optional<CommitRun> firstFailure(CommitProtocol protocol, CommitScenario scenario, int maxSeeds) {
        for (long seed = 1; seed <= maxSeeds; seed++) {
            CommitRun run = CommitSimulation.run(protocol, scenario, seed, false);
            if (!run.passed()) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    /** Runs seeds 1..count and returns every run. */
    public static List<CommitRun> runAll(CommitProtocol protocol, CommitScenario scenario, int count) {
        return java.util.stream.LongStream.rangeClosed(1, count)
            .mapToObj(seed -> CommitSimulation.run(protocol, scenario, seed, false)).toList();
    }

    /** What a failing seed prints: the breach, the replay command, the diagram if asked for. */
    public static String report(CommitProtocol protocol, CommitScenario scenario, CommitRun run, Repro repro) {
        String diagram = "";
        Optional<Path> prefix = SeedRunner.tracePrefix();
        if (prefix.isPresent()) {
            CommitRun traced = CommitSimulation.run(protocol, scenario, run.seed(), true);
            Path file = Path.of(prefix.get() + "-" + protocol.name() + "-seed" + run.seed() + ".html");
            TraceRenderer.write(traced.trace(), scenario.nodes(), run.toString(), 2_000, file);
            diagram = "\n  diagram: " + file;
        }
        return run + "\n  caught by: " + run.caughtBy() + "\n  replay: " + repro.command(run.seed()) + diagram;
    }
}
