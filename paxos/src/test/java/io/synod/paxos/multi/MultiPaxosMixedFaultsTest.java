package io.synod.paxos.multi;

import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.Simulation;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.SimulationResult;
import io.synod.testkit.kv.KvOp;
import io.synod.testkit.lin.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5's acceptance run: at least 1,000 seeds of Multi-Paxos under {@link FaultProfile#MIXED}
 * (drops up to 20%, duplicates, reordering, partitions incl. leader isolation, swizzle-clogging,
 * crash/restart with unsynced-write loss and torn records, snapshots every 5 entries) with 3 and
 * with 5 replicas, reads by ReadIndex. Every run must keep agreement, validity, gap-free commit
 * order and the {@link PaxosInvariants}, produce a linearizable history, and be live after the
 * faults heal.
 *
 * <p><b>Liveness, with its bound.</b> A run is {@value #CHAOS_TICKS} ticks of faults, then
 * {@value #QUIET_TICKS} quiet ticks (partitions healed, links unclogged, every node restarted, no
 * losses), then a drain. Every operation a client invokes in the quiet part must complete within
 * {@value #LIVENESS_TICKS} ticks, or the run fails (the testkit enforces it). So that this cannot
 * pass vacuously — clients still retrying chaos-era operations issue nothing new — each run must
 * also complete a write invoked after the heal within {@value #LIVENESS_TICKS} ticks of the heal:
 * the cluster commits again within that bound. It allows for an election (timeouts of 10 to 20
 * ticks, perhaps a duel) and a client's timeout or two (15 ticks each); measured over
 * 2,000 seeds each, the worst quiet-part operation took 31 ticks (3 replicas) and 43 (5), and the
 * first write after the heal completed at most 41 and 49 ticks after it: twice that fits.
 *
 * <p>Seeds: max(1000, {@code synod.seeds}); soak with {@code -Dsynod.seeds=50000} (see the
 * module README), replay one with {@code -Dsynod.seed=N}.
 */
class MultiPaxosMixedFaultsTest {

    static final int CHAOS_TICKS = 300;
    static final int QUIET_TICKS = 100;
    static final int LIVENESS_TICKS = 100;
    static final int MIN_SEEDS = 1000;

    static SimulationConfig<KvOp, String> mixed(int replicas) {
        return mixed(MultiPaxos.builder().build(), replicas);
    }

    static SimulationConfig<KvOp, String> mixed(MultiPaxos protocol, int replicas) {
        return SimulationConfig.builder(protocol)
            .replicas(replicas)
            .faults(FaultProfile.MIXED)
            .readMode(ReadMode.READ_INDEX)
            .invariants(PaxosInvariants.all(replicas))
            .chaosTicks(CHAOS_TICKS)
            .quietTicks(QUIET_TICKS)
            .livenessTicks(LIVENESS_TICKS)
            .expectLiveness(true)
            .build();
    }

    @Test
    void mixedFaults1000Seeds3(TestInfo info) {
        run(3, info);
    }

    @Test
    void mixedFaults1000Seeds5(TestInfo info) {
        run(5, info);
    }

    /**
     * Leader leases (5 of the 10 election ticks) answer reads without a round while they hold;
     * the simulator's clocks tick at one rate, the assumption leases rest on.
     */
    @Test
    void mixedFaultsWithLeases3(TestInfo info) {
        run(mixed(MultiPaxos.builder().leaseTicks(5).build(), 3), info);
    }

    @Test
    void theLivenessBoundBites() {
        // The same seed, once with elections that fit the bound and once with an election timeout
        // (400 to 800 ticks) longer than the whole quiet part and drain: the second must fail liveness.
        SimulationConfig<KvOp, String> live = mixed(3).withSeed(7);
        assertTrue(Simulation.run(live).failure().isEmpty(), "seed 7 passes with the default configuration");
        SimulationConfig<KvOp, String> slow = SimulationConfig.builder(MultiPaxos.builder().electionTicks(400).build())
            .replicas(3).faults(FaultProfile.MIXED).readMode(ReadMode.READ_INDEX).chaosTicks(CHAOS_TICKS)
            .quietTicks(QUIET_TICKS).livenessTicks(LIVENESS_TICKS).seed(7).build();
        SimulationResult<KvOp, String> result = Simulation.run(slow);
        assertTrue(result.failure().orElse("").startsWith("liveness"), () -> "expected a liveness failure, got "
            + result.failure());
        assertFalse(committedAfterHeal(result));
    }

    private void run(int replicas, TestInfo info) {
        run(mixed(replicas), info);
    }

    private void run(SimulationConfig<KvOp, String> config, TestInfo info) {
        Repro repro = Repro.of(getClass(), info.getTestMethod().orElseThrow().getName());
        for (long seed : SeedRunner.seeds(Math.max(MIN_SEEDS, SeedRunner.seedCount(MIN_SEEDS)), repro)) {
            SimulationResult<KvOp, String> result = SeedRunner.check(config.withSeed(seed), repro);
            assertTrue(committedAfterHeal(result), () -> SeedRunner.report(result,
                "liveness: no write invoked after the faults healed completed within " + LIVENESS_TICKS
                    + " ticks of the heal",
                repro, null));
        }
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
