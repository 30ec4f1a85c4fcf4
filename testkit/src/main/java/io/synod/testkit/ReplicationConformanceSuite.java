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
 * {@link FaultProfile}, with 3 and 5 replicas. Liveness is never vacuous: a run in which no
 * operation invoked after the heal completes fails (the simulator checks it). A protocol module
 * extends it in its tests:
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
        Assumptions.assumeTrue(supports(profile, replicas),
            () -> getClass().getSimpleName() + " does not claim to survive " + profile + " with " + replicas + " replicas");
        SimulationConfig<KvOp, String> config = configure(SimulationConfig.builder(protocol(replicas))
            .replicas(replicas).faults(profile).readMode(readMode()).invariants(invariants(replicas))).build();
        SeedRunner.run(config, seeds(profile, replicas), Repro.of(getClass(), method));
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
}
