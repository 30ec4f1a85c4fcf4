package io.synod.paxos.multi;

import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.RunFigures;
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
 * The acceptance runs of Multi-Paxos: at least {@value #MIN_SEEDS} seeds each of
 * {@link FaultProfile#MIXED} (drops up to 20%, duplicates, reordering, partitions incl. leader
 * isolation, swizzle-clogging, crash/restart with unsynced-write loss and torn records, snapshots
 * every 5 entries) and of {@link FaultProfile#OVERLAPPING} (partitions, pauses, crashes and quick
 * restarts that overlap; failed syncs that stop a node for good; damaged tail records and
 * snapshots), with 3 and 5 replicas, reads by ReadIndex — and both with leader leases on. Every run
 * must keep agreement, validity, gap-free commit order, the {@link PaxosInvariants} and the
 * {@link LeaseInvariant}, produce a linearizable history, and be live after the faults heal.
 *
 * <p><b>Liveness, with its bound.</b> A run is {@value #CHAOS_TICKS} ticks of faults, then
 * {@value #QUIET_TICKS} quiet ticks (partitions healed, links unclogged, pauses over, every node
 * restarted but those stopped by a failed sync, no losses), then a drain. Every operation a client
 * invokes in the quiet part must complete within {@value #LIVENESS_TICKS} ticks, and some must
 * (the testkit enforces both). Each run must also complete a write invoked after the heal within
 * {@value #LIVENESS_TICKS} ticks of the heal: the cluster commits again within that bound. Each
 * test prints the figures of its seeds ({@link RunFigures}): the slowest quiet-part operation and
 * the latest first write after the heal, which the bound must comfortably exceed.
 *
 * <p>Seeds: max(1000, {@code synod.seeds}); soak with {@code -Dsynod.seeds=20000} (see the module
 * README), replay one with {@code -Dsynod.seed=N}.
 */
class MultiPaxosMixedFaultsTest {

    static final int CHAOS_TICKS = 300;
    static final int QUIET_TICKS = 100;
    static final int LIVENESS_TICKS = 100;
    static final int MIN_SEEDS = 1000;
    static final MultiPaxos LEASED = MultiPaxos.builder().leaseTicks(5).build();

    static SimulationConfig<KvOp, String> mixed(int replicas) {
        return config(MultiPaxos.builder().build(), FaultProfile.MIXED, replicas);
    }

    static SimulationConfig<KvOp, String> config(MultiPaxos protocol, FaultProfile faults, int replicas) {
        return SimulationConfig.builder(protocol)
            .replicas(replicas)
            .faults(faults)
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
        run(mixed(3), info);
    }

    @Test
    void mixedFaults1000Seeds5(TestInfo info) {
        run(mixed(5), info);
    }

    @Test
    void overlappingFaults1000Seeds3(TestInfo info) {
        run(config(MultiPaxos.builder().build(), FaultProfile.OVERLAPPING, 3), info);
    }

    @Test
    void overlappingFaults1000Seeds5(TestInfo info) {
        run(config(MultiPaxos.builder().build(), FaultProfile.OVERLAPPING, 5), info);
    }

    /**
     * Leader leases (5 of the 10 election ticks) answer reads without a round while they hold;
     * the simulator's clocks tick at one rate, the assumption leases rest on. Reads must really
     * have been served from leases, or the run would prove nothing about them.
     */
    @Test
    void mixedFaultsWithLeases3(TestInfo info) {
        assertLeasesUsed(run(config(LEASED, FaultProfile.MIXED, 3), info));
    }

    /**
     * The same under overlapping faults: a follower that restarts moments after backing a lease
     * must not help elect another leader while that lease runs (the {@link LeaseInvariant}).
     */
    @Test
    void overlappingFaultsWithLeases3(TestInfo info) {
        assertLeasesUsed(run(config(LEASED, FaultProfile.OVERLAPPING, 3), info));
    }

    /**
     * In every run one replica's sync fails: it must stop for good (the simulator checks that it
     * sends nothing more and is never restarted) while the others stay safe and live.
     */
    @Test
    void aReplicaWhoseSyncFailsStopsAndTheOthersStayLive() {
        FaultProfile syncFails = FaultProfile.OVERLAPPING.toBuilder().name("overlapping, a sync fails in every run")
            .syncFailures(1.0).build();
        for (int replicas : new int[] {3, 5}) {
            Repro repro = Repro.of(getClass(), "aReplicaWhoseSyncFailsStopsAndTheOthersStayLive");
            RunFigures figures = new RunFigures("multi-paxos, " + syncFails + ", " + replicas + " replicas");
            long stopped = 0;
            for (long seed = 1; seed <= 200; seed++) {
                SimulationResult<KvOp, String> result = SeedRunner.check(config(MultiPaxos.builder().build(), syncFails,
                    replicas).withSeed(seed), repro);
                assertTrue(committedAfterHeal(result), "seed " + seed + ": no write after the heal");
                stopped += result.stats().syncFailures();
                figures.add(result);
            }
            System.out.println(figures);
            assertTrue(stopped >= 150, "a sync failure stopped a replica in only " + stopped + " of 200 runs");
        }
    }

    /** Leases off, nothing is served from one: the count above measures what it says. */
    @Test
    void withoutLeasesNoReadIsServedFromALease() {
        LeaseInvariant lease = new LeaseInvariant();
        long reads = 0;
        for (long seed = 1; seed <= 20; seed++) {
            SeedRunner.check(mixed(3).toBuilder().invariant(lease).seed(seed).build(), null);
            reads += lease.leaseReads();
        }
        assertTrue(reads == 0, reads + " lease reads with leases off");
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

    /** At least as many reads were served from leases as seeds ran (tens per run, measured): leases were in use. */
    private static void assertLeasesUsed(long[] readsAndRuns) {
        assertTrue(readsAndRuns[0] >= readsAndRuns[1], "leases served only " + readsAndRuns[0] + " reads in " + readsAndRuns[1]
            + " runs: they were hardly exercised");
    }

    /** Runs the seeds; returns the reads served from leases over all of them, and the number of runs. */
    private long[] run(SimulationConfig<KvOp, String> base, TestInfo info) {
        String method = info.getTestMethod().orElseThrow().getName();
        Repro repro = Repro.of(getClass(), method);
        LeaseInvariant lease = new LeaseInvariant();
        SimulationConfig<KvOp, String> config = base.toBuilder().invariant(lease).build();
        RunFigures figures = new RunFigures("multi-paxos " + method + " (" + config.faults() + ", " + config.replicas()
            + " replicas)");
        long leaseReads = 0;
        for (long seed : SeedRunner.seeds(Math.max(MIN_SEEDS, SeedRunner.seedCount(MIN_SEEDS)), repro)) {
            SimulationResult<KvOp, String> result = SeedRunner.check(config.withSeed(seed), repro);
            assertTrue(committedAfterHeal(result), () -> SeedRunner.report(result,
                "liveness: no write invoked after the faults healed completed within " + LIVENESS_TICKS
                    + " ticks of the heal",
                repro, null));
            figures.add(result);
            leaseReads += lease.leaseReads();
        }
        System.out.println(figures + (leaseReads > 0 ? "; " + leaseReads + " reads served from leases" : ""));
        // Snapshots reach lagging replicas the runtime's way, in chunks over the faulty network: not vacuously.
        assertTrue(figures.runs() < 100 || figures.snapshotsInstalled() > 0, "no run installed a snapshot streamed from a peer: " + figures);
        return new long[] {leaseReads, figures.runs()};
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
