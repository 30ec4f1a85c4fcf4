package io.synod.examples.commit;

import io.synod.api.commit.CommitProtocol;
import io.synod.testkit.commit.CommitRun;
import io.synod.testkit.commit.CommitScenario;
import io.synod.testkit.commit.CommitSimulation;
import io.synod.testkit.commit.Partition;
import io.synod.testkit.commit.ScriptedFault;
import io.synod.testkit.trace.TraceRenderer;
import io.synod.threephase.ThreePhaseCommit;
import io.synod.twophase.TwoPhaseCommit;
import io.synod.twophase.paxoscommit.PaxosCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.LongStream;

/**
 * The commit experiment: every protocol through the same scenarios in the commit simulator, over
 * many seeds. One node coordinates (1) and three take part (2, 3, 4); messages take one or two
 * ticks; the faulty part lasts {@value #HORIZON} ticks, then everything heals and restarts.
 * For each scenario × protocol it reports whether atomicity held (or the first seed that broke it,
 * replayable), how often and how long participants were blocked at the horizon, and the fault-free
 * costs. It writes Markdown, JSON and one sequence diagram per cell.
 *
 * <pre>
 * mvn -pl examples -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=CommitExperimentTest#fullRun \
 *     -Dsynod.experiment.seeds=2000 -Dsynod.experiment.out=target/commit-experiment
 * </pre>
 */
public final class CommitExperiment {

    static final long HORIZON = 300;
    static final long QUIET = 300;
    static final int[] PARTICIPANTS = {2, 3, 4};

    /** A protocol and the names of its messages at the points the scenarios strike. */
    public record Contender(CommitProtocol protocol, String prepare, String vote, String secondPhase, String decision,
                            String coordinatorSecondRound) {
    }

    /** A scenario, built for a contender (the points are named by that protocol's messages) and a seed. */
    public record Setting(String name, boolean partitioned, BiFunction<Contender, Long, CommitScenario> build) {
    }

    /** The aggregate of one scenario × protocol. */
    public record Cell(String scenario, String protocol, int runs, int violations, long firstViolation, String violation,
                       int blockedRuns, int maxBlocked, long maxBlockTicks, int unresolvedRuns, double messages, double writes,
                       double outcomeDelays, double learnedDelays, double outcomeWrites, String diagram) {

        boolean atomic() {
            return violations == 0;
        }
    }

    public static List<Contender> contenders() {
        return List.of(
            new Contender(TwoPhaseCommit.defaults(), "Prepare", "Vote", "Decision", "Decision", "Decision"),
            new Contender(ThreePhaseCommit.defaults(), "CanCommit", "Vote", "PreCommit", "DoCommit", "PreCommit"),
            // the coordinator hears a vote as an acceptor's Phase2b (three acceptors a vote); the second phase is the votes' Phase2a
            new Contender(PaxosCommit.defaults(), "Prepare", "Phase2b", "Phase2a", "Decision", "Decision"));
    }

    private static CommitScenario.Builder base(String name) {
        return CommitScenario.builder(name).nodes(4).transaction(1, 1, 1, PARTICIPANTS).network(0, 0, 2).ticks(HORIZON, QUIET);
    }

    public static List<Setting> settings() {
        return List.of(
            new Setting("fault-free", false, (c, seed) -> base("fault-free").network(0, 0, 1).build()),
            new Setting("coordinator crash before the decision", false, (c, seed) -> base("coordinator crash before the decision")
                .fault(ScriptedFault.crashOnReceive(1, c.vote(), 3, ScriptedFault.FOREVER)).build()),
            new Setting("coordinator crash after sending the decision to one", false, (c, seed) -> base(
                "coordinator crash after sending the decision to one")
                .fault(ScriptedFault.crashOnSend(1, c.decision(), 1, 1, ScriptedFault.FOREVER)).build()),
            new Setting("participant crash in the vote phase", false, (c, seed) -> base("participant crash in the vote phase")
                .fault(ScriptedFault.crashOnReceive(3, c.prepare(), 1, 80)).build()),
            new Setting("participant crash in the second phase", false, (c, seed) -> base("participant crash in the second phase")
                .fault(ScriptedFault.crashOnReceive(3, c.secondPhase(), 1, 80)).build()),
            new Setting("participant crash at the decision", false, (c, seed) -> base("participant crash at the decision")
                .fault(ScriptedFault.crashOnReceive(3, c.decision(), 1, 80)).build()),
            new Setting("partition {1,2} from {3,4} at a random tick", true, (c, seed) -> base(
                "partition {1,2} from {3,4} at a random tick")
                .partition(new Partition(new int[] {3, 4}, 1 + new SplittableRandom(seed).nextLong(12), HORIZON)).build()),
            new Setting("partition during pre-commit", true, (c, seed) -> base("partition during pre-commit")
                .fault(ScriptedFault.partitionOnSend(1, c.coordinatorSecondRound(), new int[] {3, 4}, ScriptedFault.FOREVER)).build()));
    }

    /** The scenario for one seed (the random-tick partition draws its start from the seed). */
    static CommitScenario scenario(Setting setting, Contender contender, long seed) {
        return setting.build().apply(contender, seed);
    }

    /** Runs seeds 1..seeds of one cell; draws the diagram of the first violating seed (or seed 1) into {@code out} if given. */
    public static Cell cell(Setting setting, Contender contender, int seeds, Path out) {
        int violations = 0;
        int blockedRuns = 0;
        int maxBlocked = 0;
        int unresolvedRuns = 0;
        long maxBlockTicks = 0;
        long firstViolation = -1;
        String violation = "";
        double messages = 0;
        double writes = 0;
        double outcomeDelays = 0;
        double learnedDelays = 0;
        double outcomeWrites = 0;
        int costed = 0;
        for (long seed : LongStream.rangeClosed(1, seeds).toArray()) {
            CommitRun run = CommitSimulation.run(contender.protocol(), scenario(setting, contender, seed), seed, false);
            if (!run.atomic()) {
                violations++;
                if (firstViolation < 0) {
                    firstViolation = seed;
                    violation = run.breach().orElseThrow().toString();
                }
                continue;
            }
            unresolvedRuns += run.unresolved().isEmpty() ? 0 : 1;
            if (!run.stuckAtHorizon().isEmpty()) {
                blockedRuns++;
                maxBlocked = Math.max(maxBlocked, run.stuckAtHorizon().size());
                maxBlockTicks = Math.max(maxBlockTicks, run.longestBlockAtHorizon(HORIZON));
            }
            messages += run.messages();
            writes += run.writes();
            CommitRun.Cost cost = run.costs().values().stream().findFirst().orElse(null);
            if (cost != null && cost.outcomeDelays() >= 0) {
                outcomeDelays += cost.outcomeDelays();
                learnedDelays += cost.learnedDelays();
                outcomeWrites += cost.outcomeWrites();
                costed++;
            }
        }
        int clean = seeds - violations;
        String diagram = "";
        if (out != null) {
            long seed = firstViolation > 0 ? firstViolation : 1;
            CommitRun traced = CommitSimulation.run(contender.protocol(), scenario(setting, contender, seed), seed, true);
            Path file = out.resolve("diagrams").resolve(slug(setting.name()) + "--" + contender.protocol().name() + ".html");
            TraceRenderer.write(traced.trace(), 4, contender.protocol().name() + " / " + setting.name() + " / seed " + seed, 400, file);
            diagram = out.relativize(file).toString();
        }
        return new Cell(setting.name(), contender.protocol().name(), seeds, violations, firstViolation, violation, blockedRuns,
            maxBlocked, maxBlockTicks, unresolvedRuns, clean == 0 ? 0 : messages / clean, clean == 0 ? 0 : writes / clean,
            costed == 0 ? -1 : outcomeDelays / costed, costed == 0 ? -1 : learnedDelays / costed,
            costed == 0 ? -1 : outcomeWrites / costed, diagram);
    }

    public static List<Cell> runAll(int seeds, Path out) {
        List<Cell> cells = new ArrayList<>();
        for (Setting s : settings()) {
            for (Contender c : contenders()) {
                cells.add(cell(s, c, seeds, out));
            }
        }
        return cells;
    }

    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    public static String markdown(List<Cell> cells, int seeds, String command) {
        StringBuilder md = new StringBuilder("# Commit experiment\n\n");
        md.append("Seeds 1..").append(seeds).append(" per cell; coordinator 1, participants 2, 3, 4; messages take 1-2 ticks;")
            .append(" faulty part ").append(HORIZON).append(" ticks, then a quiet part of ").append(QUIET).append(".\n")
            .append("Reproduce: `").append(command).append("`\n\n");
        md.append("| scenario | protocol | atomicity | runs blocked at the horizon | most blocked | longest block (ticks) |")
            .append(" unresolved after quiet | msgs/txn | writes/txn | diagram |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Cell c : cells) {
            md.append("| ").append(c.scenario()).append(" | ").append(c.protocol()).append(" | ")
                .append(c.atomic() ? "held (" + c.runs() + ")" : "**violated** in " + c.violations() + "/" + c.runs()
                    + ", first seed " + c.firstViolation() + ": " + c.violation().replace("|", "/"))
                .append(" | ").append(c.blockedRuns()).append("/").append(c.runs() - c.violations())
                .append(" | ").append(c.maxBlocked()).append(" | ").append(c.maxBlockTicks())
                .append(" | ").append(c.unresolvedRuns())
                .append(" | ").append(String.format(Locale.ROOT, "%.1f", c.messages()))
                .append(" | ").append(String.format(Locale.ROOT, "%.1f", c.writes()))
                .append(" | ").append(c.diagram().isEmpty() ? "" : "[diagram](" + c.diagram() + ")").append(" |\n");
        }
        md.append("\n## Fault-free costs per transaction (N = 3 participants)\n\n")
            .append("| protocol | messages | stable-storage writes | message delays to the outcome | to every participant |")
            .append(" forced-write delays to the outcome |\n|---|---|---|---|---|---|\n");
        for (Cell c : cells) {
            if (c.scenario().equals("fault-free")) {
                md.append("| ").append(c.protocol()).append(" | ").append(String.format(Locale.ROOT, "%.0f", c.messages()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", c.writes()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", c.outcomeDelays()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", c.learnedDelays()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", c.outcomeWrites())).append(" |\n");
            }
        }
        return md.toString();
    }

    public static String json(List<Cell> cells, int seeds) {
        StringBuilder js = new StringBuilder("{\"seeds\":").append(seeds).append(",\"horizon\":").append(HORIZON)
            .append(",\"cells\":[\n");
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            js.append(String.format(Locale.ROOT, "{\"scenario\":\"%s\",\"protocol\":\"%s\",\"runs\":%d,\"violations\":%d,"
                    + "\"firstViolationSeed\":%d,\"violation\":\"%s\",\"blockedRuns\":%d,\"maxBlocked\":%d,\"maxBlockTicks\":%d,"
                    + "\"unresolvedRuns\":%d,\"messages\":%.2f,\"writes\":%.2f,\"outcomeDelays\":%.2f,\"learnedDelays\":%.2f,"
                    + "\"outcomeWriteDelays\":%.2f,\"diagram\":\"%s\"}",
                c.scenario(), c.protocol(), c.runs(), c.violations(), c.firstViolation(), c.violation().replace("\"", "'"),
                c.blockedRuns(), c.maxBlocked(), c.maxBlockTicks(), c.unresolvedRuns(), c.messages(), c.writes(),
                c.outcomeDelays(), c.learnedDelays(), c.outcomeWrites(), c.diagram()));
            js.append(i + 1 < cells.size() ? ",\n" : "\n");
        }
        return js.append("]}\n").toString();
    }

    /** Runs the grid and writes results.md, results.json and the diagrams under {@code out}. */
    public static List<Cell> write(int seeds, Path out, String command) {
        List<Cell> cells = runAll(seeds, out);
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("results.md"), markdown(cells, seeds, command));
            Files.writeString(out.resolve("results.json"), json(cells, seeds));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the experiment's results under " + out, e);
        }
        return cells;
    }
}
