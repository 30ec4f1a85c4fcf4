package io.synod.testkit;

import io.synod.api.Protocol;
import io.synod.testkit.kv.KvOp;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.util.List;

/**
 * The one conformance suite every replication protocol runs: a replicated key-value store,
 * checked for linearizability and for liveness after faults heal, under each standard
 * {@link FaultProfile}, with 3 and 5 replicas; and with local reads ({@link ReadMode#LOCAL}) at
 * any node, checked for sequential consistency with the log's order. Liveness is never vacuous:
 * a run in which no operation invoked after the heal completes fails (the simulator checks it).
 * A module runs it again with observers by overriding {@link #observers()}: every observer must
 * then learn the log too. A protocol module extends it in its tests:
 *
 * <pre>{@code
 * class MultiPaxosConformanceTest extends ReplicationConformanceSuite {
 *     protected Protocol protocol(int replicas) { return MultiPaxos.builder().build(); }
 *     protected List<Invariant> invariants(int replicas) { return List.of(PaxosInvariants.oneValuePerSlot()); }
 * }
 * }</pre>
 *
 * Each test runs {@code synod.seeds} seeds (default {@link #DEFAULT_SEEDS}) after the seeds of
 * the module's regression ledger; {@code -Dsynod.seed=N} replays one. A failure names the seed,
 * the profile and the one-line command that replays it.
 */
public abstract class ReplicationConformanceSuite {

    /** Seeds per test when {@code synod.seeds} is not set. */
    public static final int DEFAULT_SEEDS = 200;

    /**
     * The most seeds a local-read test runs when {@code synod.seeds} is not set: what it adds to
     * the profiles' own tests is the driver's read path and the sequential consistency check, not
     * new protocol behaviour.
     */
    public static final int LOCAL_READ_SEEDS = 50;

    /** The protocol under test, configured for {@code replicas} nodes. */
    protected abstract Protocol protocol(int replicas);

    /** The protocol's own safety checks, added to the generic ones. */
    protected List<Invariant> invariants(int replicas) {
        return List.of();
    }

    /** How clients read; override with {@link ReadMode#READ_INDEX} if the protocol serves ReadIndex reads. */
    protected ReadMode readMode() {
        return ReadMode.LOG;
    }

    /** How many observers each run has besides its replicas (numbered after them); none unless overridden. */
    protected int observers() {
        return 0;
    }

    /**
     * Whether the protocol claims to survive {@code profile}; unsupported profiles are skipped
     * (reported as such), never silently passed.
     */
    protected boolean supports(FaultProfile profile, int replicas) {
        return true;
    }

    /**
     * How many fresh seeds a test runs: {@code synod.seeds}, else {@link #DEFAULT_SEEDS}. A module
     * whose own tests already run many more seeds of a profile may lower the default for it (the
     * property still overrides).
     */
    protected int seeds(FaultProfile profile, int replicas) {
        return SeedRunner.seedCount(DEFAULT_SEEDS);
    }

    /** A hook to adjust the run (longer quiet period, more clients…). */
    protected SimulationConfig.Builder<KvOp, String> configure(SimulationConfig.Builder<KvOp, String> builder) {
        return builder;
    }

    /** Runs one profile with one cluster size for the configured seeds. */
    protected final void conform(FaultProfile profile, int replicas, TestInfo info) {
        conform(profile, replicas, info.getTestMethod().orElseThrow().getName());
    }

    /** Runs one profile with one cluster size for the configured seeds, as test method {@code method}. */
    protected final void conform(FaultProfile profile, int replicas, String method) {
        conform(profile, replicas, method, readMode());
    }

    /** Runs one profile with one cluster size and clients that read as {@code reads} say, as test method {@code method}. */
    protected final void conform(FaultProfile profile, int replicas, String method, ReadMode reads) {
        Assumptions.assumeTrue(supports(profile, replicas),
            () -> getClass().getSimpleName() + " does not claim to survive " + profile + " with " + replicas + " replicas");
        SimulationConfig<KvOp, String> config = configure(SimulationConfig.builder(protocol(replicas))
            .replicas(replicas).observers(observers()).faults(profile).readMode(reads).invariants(invariants(replicas))).build();
        Repro repro = Repro.of(getClass(), method);
        long localReads = 0;
        long observerReads = 0;
        int count = reads == ReadMode.LOCAL
            ? Math.min(seeds(profile, replicas), SeedRunner.seedCount(LOCAL_READ_SEEDS)) : seeds(profile, replicas);
        for (long seed : SeedRunner.seeds(count, repro)) {
            SimulationStats stats = SeedRunner.check(config.withSeed(seed), repro).stats();
            localReads += stats.localReads();
            observerReads += stats.observerReads();
        }
        // Not vacuous: local reads were served, and observers (if any) served some of them.
        if (config.readMode() == ReadMode.LOCAL && (localReads == 0 || (config.observers() > 0 && observerReads == 0))) {
            throw new AssertionError(method + ": " + localReads + " local reads, " + observerReads + " at observers:"
                + " the runs did not exercise what this test checks");
        }
    }

    @Test
    void noFaults3(TestInfo info) {
        conform(FaultProfile.NONE, 3, info);
    }

    @Test
    void noFaults5(TestInfo info) {
        conform(FaultProfile.NONE, 5, info);
    }

    @Test
    void dropDuplicateReorder3(TestInfo info) {
        conform(FaultProfile.DROP_DUPLICATE_REORDER, 3, info);
    }

    @Test
    void dropDuplicateReorder5(TestInfo info) {
        conform(FaultProfile.DROP_DUPLICATE_REORDER, 5, info);
    }

    @Test
    void partitions3(TestInfo info) {
        conform(FaultProfile.PARTITIONS, 3, info);
    }

    @Test
    void partitions5(TestInfo info) {
        conform(FaultProfile.PARTITIONS, 5, info);
    }

    @Test
    void crashes3(TestInfo info) {
        conform(FaultProfile.CRASHES, 3, info);
    }

    @Test
    void crashes5(TestInfo info) {
        conform(FaultProfile.CRASHES, 5, info);
    }

    @Test
    void swizzleClog3(TestInfo info) {
        conform(FaultProfile.SWIZZLE_CLOG, 3, info);
    }

    @Test
    void swizzleClog5(TestInfo info) {
        conform(FaultProfile.SWIZZLE_CLOG, 5, info);
    }

    @Test
    void mixed3(TestInfo info) {
        conform(FaultProfile.MIXED, 3, info);
    }

    @Test
    void mixed5(TestInfo info) {
        conform(FaultProfile.MIXED, 5, info);
    }

    @Test
    void overlapping3(TestInfo info) {
        conform(FaultProfile.OVERLAPPING, 3, info);
    }

    @Test
    void overlapping5(TestInfo info) {
        conform(FaultProfile.OVERLAPPING, 5, info);
    }

    /** Local reads at any replica (or observer), under mixed faults: sequentially consistent with the log. */
    @Test
    void localReadsMixed3(TestInfo info) {
        conform(FaultProfile.MIXED, 3, info.getTestMethod().orElseThrow().getName(), ReadMode.LOCAL);
    }

    /** Local reads with overlapping faults and damaged disks. */
    @Test
    void localReadsOverlapping5(TestInfo info) {
        conform(FaultProfile.OVERLAPPING, 5, info.getTestMethod().orElseThrow().getName(), ReadMode.LOCAL);
    }
}
