package io.synod.paxos.basic;

import io.synod.testkit.FaultProfile;
import io.synod.testkit.Repro;
import io.synod.testkit.RunFigures;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.SimulationResult;
import io.synod.testkit.kv.KvOp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At least {@value #MIN_SEEDS} seeds (more if {@code synod.seeds} asks) of the key-value store on
 * Basic Paxos under {@link FaultProfile#MIXED} — drops up to 20%, duplicates, reordering,
 * partitions, swizzle clogs, crashes (a majority too) with loss of unsynced writes and torn
 * records — and under {@link FaultProfile#OVERLAPPING} — partitions, pauses, crashes and quick
 * restarts that overlap, failed syncs that stop a node for good, damaged tail records and
 * snapshots — with 3 and 5 replicas. Every seed must keep agreement, validity, order,
 * {@link ChosenStaysChosen} and a linearizable history, and must be live once the faults heal:
 * every operation invoked in the quiet period completes within the run's liveness bound, and some
 * do (the testkit fails a run in which none does). Each test prints its figures ({@link RunFigures}).
 *
 * <p>Soak: {@code mvn -pl paxos -am test -Dtest=BasicPaxosMixedFaultsTest -Dsynod.seeds=20000
 * -Dsurefire.failIfNoSpecifiedTests=false} (and {@code -Dsynod.seed.start=N} for fresh seeds).
 */
class BasicPaxosMixedFaultsTest {

    /** The least number of seeds per cluster size, whatever {@code synod.seeds} says. */
    static final int MIN_SEEDS = 1_000;

    @Test
    void mixedFaults1000Seeds3() {
        run(FaultProfile.MIXED, 3, "mixedFaults1000Seeds3");
    }

    @Test
    void mixedFaults1000Seeds5() {
        run(FaultProfile.MIXED, 5, "mixedFaults1000Seeds5");
    }

    @Test
    void overlappingFaults1000Seeds3() {
        run(FaultProfile.OVERLAPPING, 3, "overlappingFaults1000Seeds3");
    }

    @Test
    void overlappingFaults1000Seeds5() {
        run(FaultProfile.OVERLAPPING, 5, "overlappingFaults1000Seeds5");
    }

    /**
     * In every run one node's sync fails: it must stop for good (the simulator checks that it sends
     * nothing more and is never restarted) while the others stay safe and live.
     */
    @Test
    void aNodeWhoseSyncFailsStopsAndTheOthersStayLive() {
        FaultProfile syncFails = FaultProfile.OVERLAPPING.toBuilder().name("overlapping, a sync fails in every run")
            .syncFailures(1.0).build();
        for (int replicas : new int[] {3, 5}) {
            Repro repro = Repro.of(BasicPaxosMixedFaultsTest.class, "aNodeWhoseSyncFailsStopsAndTheOthersStayLive");
            RunFigures figures = new RunFigures("basic-paxos, " + syncFails + ", " + replicas + " replicas");
            long stopped = 0;
            for (long seed = 1; seed <= 200; seed++) {
                SimulationResult<KvOp, String> result = SeedRunner.check(config(syncFails, replicas).withSeed(seed), repro);
                stopped += result.stats().syncFailures();
                figures.add(result);
            }
            System.out.println(figures);
            assertTrue(stopped >= 150, "a sync failure stopped a node in only " + stopped + " of 200 runs");
        }
    }

    static SimulationConfig<KvOp, String> config(FaultProfile faults, int replicas) {
        return SimulationConfig.builder(BasicPaxos.defaults()).replicas(replicas).faults(faults)
            .invariant(new ChosenStaysChosen(BasicPaxosConformanceTest.majority(replicas))).build();
    }

    private static void run(FaultProfile faults, int replicas, String method) {
        SimulationConfig<KvOp, String> config = config(faults, replicas);
        Repro repro = Repro.of(BasicPaxosMixedFaultsTest.class, method);
        List<Long> seeds = SeedRunner.seeds(Math.max(MIN_SEEDS, SeedRunner.seedCount(MIN_SEEDS)), repro);
        RunFigures figures = new RunFigures("basic-paxos " + method + " (" + faults + ", " + replicas + " replicas)");
        for (long seed : seeds) {
            figures.add(SeedRunner.check(config.withSeed(seed), repro));
        }
        System.out.println(figures);
    }
}
