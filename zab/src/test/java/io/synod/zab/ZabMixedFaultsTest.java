package io.synod.zab;

import io.synod.api.Protocol;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.RunFigures;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.SimulationResult;
import io.synod.testkit.kv.KvOp;
import io.synod.testkit.lin.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance runs of ZAB: at least {@value #MIN_SEEDS} seeds each of {@link FaultProfile#MIXED}
 * and {@link FaultProfile#OVERLAPPING} (partitions, pauses, crashes and quick restarts that
 * overlap; failed syncs that stop a peer for good; damaged tail records and snapshots) with 3 and
 * 5 voters, reads confirmed by the leader; and runs with 3 voters and 2 observers. Every run must
 * keep the generic commit checks and {@link ZabInvariants} after every event, produce a
 * linearizable history, and be live after the faults heal: each must complete a write invoked
 * after the heal within {@value #LIVENESS_TICKS} ticks of it.
 *
 * <p>Seeds: max({@value #MIN_SEEDS}, {@code synod.seeds}); soak with {@code -Dsynod.seeds=50000}
 * (see the module README); replay one with {@code -Dsynod.seed=N}.
 */
class ZabMixedFaultsTest {

    static final int CHAOS_TICKS = 300;
    static final int QUIET_TICKS = 100;
    static final int LIVENESS_TICKS = 100;
    static final int MIN_SEEDS = 1000;
    /** Observer runs: the simulator's disk faults strike up to (n-1)/2 of all five nodes, more than 3 voters survive. */
    static final FaultProfile OVERLAPPING_NO_DISK = FaultProfile.OVERLAPPING.toBuilder().name("overlapping, no disk faults")
        .noDiskFaults().build();

    static SimulationConfig<KvOp, String> config(Protocol protocol, FaultProfile faults, int nodes, int voters) {
        return SimulationConfig.builder(protocol)
            .replicas(nodes)
            .faults(faults)
            .readMode(ReadMode.READ_INDEX)
            .invariant(ZabInvariants.forRun(nodes, voters))
            .chaosTicks(CHAOS_TICKS)
            .quietTicks(QUIET_TICKS)
            .livenessTicks(LIVENESS_TICKS)
            .expectLiveness(true)
            .build();
    }

    static SimulationConfig<KvOp, String> config(FaultProfile faults, int voters) {
        return config(Zab.builder().build(), faults, voters, voters);
    }

    @Test
    void mixedFaults3(TestInfo info) {
        run(config(FaultProfile.MIXED, 3), MIN_SEEDS, info);
    }

    @Test
    void mixedFaults5(TestInfo info) {
        run(config(FaultProfile.MIXED, 5), MIN_SEEDS, info);
    }

    @Test
    void overlappingFaults3(TestInfo info) {
        run(config(FaultProfile.OVERLAPPING, 3), MIN_SEEDS, info);
    }

    @Test
    void overlappingFaults5(TestInfo info) {
        run(config(FaultProfile.OVERLAPPING, 5), MIN_SEEDS, info);
    }

    /** Three voters and two observers under mixed faults: observers learn, forward and read, and never vote. */
    @Test
    void mixedFaultsWithTwoObservers(TestInfo info) {
        run(config(new WithObservers(Zab.builder().build(), 3, 2), FaultProfile.MIXED, 5, 3), OBSERVER_SEEDS, info);
    }

    @Test
    void overlappingFaultsWithTwoObservers(TestInfo info) {
        run(config(new WithObservers(Zab.builder().build(), 3, 2), OVERLAPPING_NO_DISK, 5, 3), OBSERVER_SEEDS, info);
    }

    static final int OBSERVER_SEEDS = 300;

    private void run(SimulationConfig<KvOp, String> config, int minSeeds, TestInfo info) {
        String method = info.getTestMethod().orElseThrow().getName();
        Repro repro = Repro.of(getClass(), method);
        RunFigures figures = new RunFigures("zab " + method + " (" + config.faults() + ", " + config.replicas() + " nodes)");
        for (long seed : SeedRunner.seeds(Math.max(minSeeds, SeedRunner.seedCount(minSeeds)), repro)) {
            SimulationResult<KvOp, String> result = SeedRunner.check(config.withSeed(seed), repro);
            assertTrue(committedAfterHeal(result), () -> SeedRunner.report(result,
                "liveness: no write invoked after the faults healed completed within " + LIVENESS_TICKS + " ticks of the heal",
                repro, null));
            figures.add(result);
        }
        System.out.println(figures);
    }

    /** True if a write invoked after the heal completed within {@value #LIVENESS_TICKS} ticks of the heal. */
    static boolean committedAfterHeal(SimulationResult<KvOp, String> result) {
        long tick = result.config().tickMicros();
        long quietAt = result.config().chaosTicks() * tick;
        for (Operation<KvOp, String> op : result.history()) {
            if (op.invokeTime() >= quietAt && !op.isIndeterminate() && !op.input().isRead()
                && op.responseTime() - quietAt <= LIVENESS_TICKS * tick) {
                return true;
            }
        }
        return false;
    }
}
