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
    int snapshotEvery) {

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

    /** The six profiles the conformance suite runs, mildest first. */
    public static FaultProfile[] standard() {
        return new FaultProfile[] {NONE, DROP_DUPLICATE_REORDER, PARTITIONS, CRASHES, SWIZZLE_CLOG, MIXED};
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

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        return new Builder(name).drops(dropProbability).randomDrops(randomDrops).duplicates(duplicateProbability)
            .delay(minDelayMicros, meanExtraDelayMicros).partitions(partitionEveryTicks, partitionTicks)
            .crashes(crashEveryTicks, downTicks).crashMajority(crashMajority).tornWrites(tornWrites)
            .clogs(clogEveryTicks).snapshotEvery(snapshotEvery);
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

        public FaultProfile build() {
            return new FaultProfile(name, drop, randomDrops, duplicate, minDelay, meanExtraDelay, partitionEvery,
                partitionTicks, crashEvery, downTicks, crashMajority, tornWrites, clogEvery, snapshotEvery);
        }
    }
}
