package io.synod.testkit;

import io.synod.testkit.lin.Operation;

/**
 * The figures a batch of seeds produced, gathered run by run and printed as one line: what a
 * README may quote, with the command that printed it. Liveness figures are about the quiet part
 * (after the heal): the slowest operation invoked there, the latest first completed write after
 * the heal, and the fewest operations completed there in any one run.
 *
 * <pre>{@code
 * RunFigures figures = new RunFigures("multi-paxos, mixed, 3 replicas");
 * for (long seed : seeds) {
 *     figures.add(SeedRunner.check(config.withSeed(seed), repro));
 * }
 * System.out.println(figures);
 * }</pre>
 */
public final class RunFigures {

    private final String label;
    private long runs;
    private long operations;
    private long afterHeal;
    private long fewestAfterHeal = Long.MAX_VALUE;
    private long slowestQuietTicks;
    private long latestFirstWriteTicks;
    private long crashes;
    private long suspicions;
    private long pauses;
    private long syncFailures;
    private long damagedDisks;
    private long partitioned;
    private long snapshotsInstalled;
    private long firstSeed = Long.MAX_VALUE;
    private long lastSeed = Long.MIN_VALUE;

    public RunFigures(String label) {
        this.label = label;
    }

    /** Takes in one run that passed. */
    public void add(SimulationResult<?, ?> result) {
        SimulationConfig<?, ?> c = result.config();
        long tick = c.tickMicros();
        long quietAt = c.chaosTicks() * tick;
        long completedAfterHeal = 0;
        long firstWrite = Long.MAX_VALUE;
        for (Operation<?, ?> op : result.history()) {
            if (op.invokeTime() < quietAt || op.isIndeterminate()) {
                continue;
            }
            completedAfterHeal++;
            slowestQuietTicks = Math.max(slowestQuietTicks, (op.responseTime() - op.invokeTime()) / tick);
            if (!isRead(c, op)) {
                firstWrite = Math.min(firstWrite, op.responseTime() - quietAt);
            }
        }
        if (firstWrite != Long.MAX_VALUE) {
            latestFirstWriteTicks = Math.max(latestFirstWriteTicks, firstWrite / tick);
        }
        runs++;
        operations += result.history().size();
        afterHeal += completedAfterHeal;
        fewestAfterHeal = Math.min(fewestAfterHeal, completedAfterHeal);
        SimulationStats s = result.stats();
        crashes += s.crashes();
        suspicions += s.suspicions();
        pauses += s.pauses();
        syncFailures += s.syncFailures();
        damagedDisks += s.damagedDisks();
        partitioned += s.partitioned();
        snapshotsInstalled += s.snapshotsInstalled();
        firstSeed = Math.min(firstSeed, result.seed());
        lastSeed = Math.max(lastSeed, result.seed());
    }

    @SuppressWarnings("unchecked")
    private static <I> boolean isRead(SimulationConfig<?, ?> c, Operation<?, ?> op) {
        return ((Workload<I, ?>) c.workload()).isRead((I) op.input());
    }

    public long runs() {
        return runs;
    }

    /** Snapshots streamed to a peer in chunks and installed there, over all runs. */
    public long snapshotsInstalled() {
        return snapshotsInstalled;
    }

    /** The slowest operation invoked after the heal, in ticks. */
    public long slowestQuietTicks() {
        return slowestQuietTicks;
    }

    /** Over all runs, the most ticks from the heal to the first completed write invoked after it. */
    public long latestFirstWriteTicks() {
        return latestFirstWriteTicks;
    }

    /** The fewest operations invoked and completed after the heal in one run. */
    public long fewestAfterHeal() {
        return runs == 0 ? 0 : fewestAfterHeal;
    }

    @Override
    public String toString() {
        return "[figures] " + label + ": " + runs + " seeds passed (" + firstSeed + "-" + lastSeed + "), " + operations
            + " operations, " + afterHeal + " completed after the heal (at least " + fewestAfterHeal() + " per run), slowest "
            + slowestQuietTicks + " ticks, first write after the heal within " + latestFirstWriteTicks + " ticks; "
            + crashes + " crashes (" + suspicions + " suspicions), " + pauses + " pauses, " + syncFailures + " sync failures, " + damagedDisks
            + " damaged disks, " + partitioned + " messages cut by partitions, " + snapshotsInstalled + " snapshots streamed and installed";
    }
}
