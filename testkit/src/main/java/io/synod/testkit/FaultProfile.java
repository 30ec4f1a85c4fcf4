package io.synod.testkit;

/**
 * What may go wrong during the chaotic part of a simulated run, as an immutable value. The
 * named profiles are the ones the conformance suite runs; build variants with {@link #toBuilder()}.
 * Durations are in protocol ticks, probabilities per message.
 *
 * @param name                 a short name for reports
 * @param dropProbability      chance that a message between two nodes is lost; in
 *                             {@link #randomDrops} runs, the upper bound of a rate drawn per run
 * @param randomDrops          draw the drop rate per run from [0, dropProbability]
 * @param duplicateProbability chance that a message is delivered twice
 * @param minDelayMicros       the least time a message spends on the wire
 * @param meanExtraDelayMicros the mean of an exponential delay added to it (0: fixed delay, FIFO)
 * @param partitionEveryTicks  mean ticks between partition episodes (0: none)
 * @param partitionTicks       mean length of a partition episode
 * @param crashEveryTicks      mean ticks between crashes (0: none)
 * @param downTicks            mean ticks a crashed node stays down
 * @param crashMajority        whether more than a minority may be down at once
 * @param tornWrites           whether a crash mid-persist may tear (and so lose) the last record
 * @param clogEveryTicks       mean ticks between swizzle-clog episodes (0: none)
 * @param snapshotEvery        snapshot and compact the log every so many applied entries (0: never)
 * @param overlappingPartitions whether a partition may start while others still hold (each heals
 *                             on its own); otherwise one heals before the next is drawn
 * @param pauseEveryTicks      mean ticks between pauses (0: none): a paused node keeps its memory
 *                             but processes nothing; when it resumes it first sees every tick it
 *                             missed, then the messages and requests that waited for it
 * @param pauseTicks           mean length of a pause
 * @param restartEveryTicks    mean ticks between quick restarts (0: none): a node crashes and,
 *                             as a process supervisor would, comes back within one or two ticks —
 *                             while whatever it promised or acknowledged in memory is gone
 * @param syncFailureChance    chance per run that one node's {@code sync} fails: the node stops for
 *                             good (fail-stop), keeping only part of that batch on disk
 * @param damageChance         chance per crash that the node's disk is found damaged at restart:
 *                             the last durable log record (or, one time in four, the snapshot) fails
 *                             its checksum, and recovery reports {@code Recovered.suspectFrom}
 */
public record FaultProfile(
    String name,
    double dropProbability,
    boolean randomDrops,
    double duplicateProbability,
    long minDelayMicros,
    long meanExtraDelayMicros,
    int partitionEveryTicks,
    int partitionTicks,
    int crashEveryTicks,
    int downTicks,
    boolean crashMajority,
    boolean tornWrites,
    int clogEveryTicks,
    int snapshotEvery,
    boolean overlappingPartitions,
    int pauseEveryTicks,
    int pauseTicks,
    int restartEveryTicks,
    double syncFailureChance,
    double damageChance) {

    /** A perfect network with a fixed delay (messages stay in order), no crashes. */
    public static final FaultProfile NONE = builder("none").build();

    /** Lossy, duplicating network with widely varying delays, so messages overtake each other. */
    public static final FaultProfile DROP_DUPLICATE_REORDER = builder("drop-duplicate-reorder")
        .drops(0.05).duplicates(0.05).delay(200, 3_000).build();

    /** Symmetric, asymmetric, leader-isolating, split-brain and bridge partitions that come and heal. */
    public static final FaultProfile PARTITIONS = builder("partitions")
        .delay(200, 1_500).partitions(40, 25).build();

    /** Nodes crash at random moments (also between persist and send), losing unsynced writes. */
    public static final FaultProfile CRASHES = builder("crashes")
        .delay(200, 1_500).crashes(35, 20).tornWrites(true).snapshotEvery(7).build();

    /** FoundationDB's swizzle-clogging: links clog one by one, then unclog in another order. */
    public static final FaultProfile SWIZZLE_CLOG = builder("swizzle-clog")
        .delay(200, 1_500).clogs(50).build();

    /** Everything at once: up to 20% drops, duplicates, reordering, partitions, crashes. */
    public static final FaultProfile MIXED = builder("mixed")
        .drops(0.20).randomDrops(true).duplicates(0.05).delay(200, 3_000).partitions(60, 25)
        .crashes(45, 20).crashMajority(true).tornWrites(true).clogs(90).snapshotEvery(5).build();

    /**
     * Faults that overlap instead of taking turns: partitions that start while others hold and
     * heal one by one; pauses (a node stalls, then sees every tick it missed); crashes with down
     * times of up to 16 ticks and quick restarts of one or two, so that a node comes back while
     * the partition that cut off another still holds; swizzle-clogs; up to 10% drops, duplicates
     * and reordering; and disk faults on a minority of nodes: a failed {@code sync} stops a node
     * for good, and a crash may leave a damaged tail record or snapshot that recovery reports as
     * suspect.
     */
    public static final FaultProfile OVERLAPPING = builder("overlapping")
        .drops(0.10).randomDrops(true).duplicates(0.03).delay(200, 2_000).partitions(35, 30).overlappingPartitions(true)
        .pauses(40, 8).crashes(30, 8).quickRestarts(12).crashMajority(true).tornWrites(true).clogs(120).snapshotEvery(5)
        .syncFailures(0.25).damage(0.1).build();

    public FaultProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a fault profile needs a name");
        }
        probability(name, "dropProbability", dropProbability);
        probability(name, "duplicateProbability", duplicateProbability);
        nonNegative(name, "minDelayMicros", minDelayMicros);
        nonNegative(name, "meanExtraDelayMicros", meanExtraDelayMicros);
        nonNegative(name, "partitionEveryTicks", partitionEveryTicks);
        nonNegative(name, "crashEveryTicks", crashEveryTicks);
        nonNegative(name, "clogEveryTicks", clogEveryTicks);
        nonNegative(name, "snapshotEvery", snapshotEvery);
        nonNegative(name, "pauseEveryTicks", pauseEveryTicks);
        nonNegative(name, "restartEveryTicks", restartEveryTicks);
        probability(name, "syncFailureChance", syncFailureChance);
        probability(name, "damageChance", damageChance);
        if (pauseEveryTicks > 0 && pauseTicks < 1) {
            throw new IllegalArgumentException(name + ": pauseTicks must be >= 1, was " + pauseTicks);
        }
        if (partitionEveryTicks > 0 && partitionTicks < 1) {
            throw new IllegalArgumentException(name + ": partitionTicks must be >= 1, was " + partitionTicks);
        }
        if (crashEveryTicks > 0 && downTicks < 1) {
            throw new IllegalArgumentException(name + ": downTicks must be >= 1, was " + downTicks);
        }
    }

    private static void probability(String name, String field, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + ": " + field + " must lie in [0, 1], was " + p);
        }
    }

    private static void nonNegative(String name, String field, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + ": " + field + " must be >= 0, was " + v);
        }
    }

    /** The seven profiles the conformance suite runs, mildest first. */
    public static FaultProfile[] standard() {
        return new FaultProfile[] {NONE, DROP_DUPLICATE_REORDER, PARTITIONS, CRASHES, SWIZZLE_CLOG, MIXED, OVERLAPPING};
    }

    public boolean partitions() {
        return partitionEveryTicks > 0;
    }

    public boolean crashes() {
        return crashEveryTicks > 0;
    }

    public boolean clogs() {
        return clogEveryTicks > 0;
    }

    public boolean pauses() {
        return pauseEveryTicks > 0;
    }

    public boolean quickRestarts() {
        return restartEveryTicks > 0;
    }

    /** True when some node's disk may fail its sync or be found damaged. */
    public boolean diskFaults() {
        return syncFailureChance > 0 || damageChance > 0;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        return new Builder(name).drops(dropProbability).randomDrops(randomDrops).duplicates(duplicateProbability)
            .delay(minDelayMicros, meanExtraDelayMicros).partitions(partitionEveryTicks, partitionTicks)
            .crashes(crashEveryTicks, downTicks).crashMajority(crashMajority).tornWrites(tornWrites)
            .clogs(clogEveryTicks).snapshotEvery(snapshotEvery).overlappingPartitions(overlappingPartitions)
            .pauses(pauseEveryTicks, pauseTicks).quickRestarts(restartEveryTicks).syncFailures(syncFailureChance)
            .damage(damageChance);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds a {@link FaultProfile}; starts from no faults, a 1 ms fixed delay and snapshots every 50 entries. */
    public static final class Builder {
        private String name;
        private double drop;
        private boolean randomDrops;
        private double duplicate;
        private long minDelay = 1_000;
        private long meanExtraDelay;
        private int partitionEvery;
        private int partitionTicks;
        private int crashEvery;
        private int downTicks;
        private boolean crashMajority;
        private boolean tornWrites;
        private int clogEvery;
        private int snapshotEvery = 50;
        private boolean overlappingPartitions;
        private int pauseEvery;
        private int pauseTicks;
        private int restartEvery;
        private double syncFailureChance;
        private double damageChance;

        private Builder(String name) {
            this.name = name;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder drops(double probability) {
            this.drop = probability;
            return this;
        }

        public Builder randomDrops(boolean perRun) {
            this.randomDrops = perRun;
            return this;
        }

        public Builder duplicates(double probability) {
            this.duplicate = probability;
            return this;
        }

        public Builder delay(long minMicros, long meanExtraMicros) {
            this.minDelay = minMicros;
            this.meanExtraDelay = meanExtraMicros;
            return this;
        }

        public Builder partitions(int everyTicks, int lengthTicks) {
            this.partitionEvery = everyTicks;
            this.partitionTicks = lengthTicks;
            return this;
        }

        public Builder crashes(int everyTicks, int downTicks) {
            this.crashEvery = everyTicks;
            this.downTicks = downTicks;
            return this;
        }

        public Builder crashMajority(boolean allowed) {
            this.crashMajority = allowed;
            return this;
        }

        public Builder tornWrites(boolean torn) {
            this.tornWrites = torn;
            return this;
        }

        public Builder clogs(int everyTicks) {
            this.clogEvery = everyTicks;
            return this;
        }

        public Builder snapshotEvery(int entries) {
            this.snapshotEvery = entries;
            return this;
        }

        public Builder overlappingPartitions(boolean overlap) {
            this.overlappingPartitions = overlap;
            return this;
        }

        public Builder pauses(int everyTicks, int lengthTicks) {
            this.pauseEvery = everyTicks;
            this.pauseTicks = lengthTicks;
            return this;
        }

        /** Quick restarts: a node crashes and is back within one or two ticks, about every {@code everyTicks}. */
        public Builder quickRestarts(int everyTicks) {
            this.restartEvery = everyTicks;
            return this;
        }

        /** The chance per run that one node's sync fails (and it stops for good). */
        public Builder syncFailures(double chancePerRun) {
            this.syncFailureChance = chancePerRun;
            return this;
        }

        /** The chance per crash that the node restarts from a damaged tail record or snapshot. */
        public Builder damage(double chancePerCrash) {
            this.damageChance = chancePerCrash;
            return this;
        }

        /** No disk faults: neither sync failures nor damage. */
        public Builder noDiskFaults() {
            return syncFailures(0).damage(0);
        }

        public FaultProfile build() {
            return new FaultProfile(name, drop, randomDrops, duplicate, minDelay, meanExtraDelay, partitionEvery,
                partitionTicks, crashEvery, downTicks, crashMajority, tornWrites, clogEvery, snapshotEvery,
                overlappingPartitions, pauseEvery, pauseTicks, restartEvery, syncFailureChance, damageChance);
        }
    }
}
