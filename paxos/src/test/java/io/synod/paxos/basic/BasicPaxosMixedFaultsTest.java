package io.synod.paxos.basic;

import io.synod.testkit.FaultProfile;
import io.synod.testkit.Repro;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.SimulationResult;
import io.synod.testkit.kv.KvOp;
import io.synod.testkit.lin.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At least {@value #MIN_SEEDS} seeds (more if {@code synod.seeds} asks) of the key-value store on
 * Basic Paxos under mixed faults — drops up to 20%, duplicates, reordering, partitions, swizzle
 * clogs, crashes (a majority too) with loss of unsynced writes and torn records — with 3 and 5
 * replicas. Every seed must keep agreement, validity, order, {@link ChosenStaysChosen} and a
 * linearizable history, and must be live once the faults heal: every operation invoked in the
 * quiet period completes within the run's liveness bound. The test also checks that the quiet
 * period of every seed did see operations complete, so the liveness check is never vacuous.
 *
 * <p>Soak: {@code mvn -pl paxos -am test -Dtest=BasicPaxosMixedFaultsTest -Dsynod.seeds=50000
 * -Dsurefire.failIfNoSpecifiedTests=false} (and {@code -Dsynod.seed.start=N} for fresh seeds).
 */
class BasicPaxosMixedFaultsTest {

    /** The least number of seeds per cluster size, whatever {@code synod.seeds} says. */
    static final int MIN_SEEDS = 1_000;

    @Test
    void mixedFaults1000Seeds3() {
        run(3, "mixedFaults1000Seeds3");
    }

    @Test
    void mixedFaults1000Seeds5() {
        run(5, "mixedFaults1000Seeds5");
    }

    private static void run(int replicas, String method) {
        SimulationConfig<KvOp, String> config = SimulationConfig.builder(BasicPaxos.defaults())
            .replicas(replicas).faults(FaultProfile.MIXED)
            .invariant(new ChosenStaysChosen(BasicPaxosConformanceTest.majority(replicas))).build();
        Repro repro = Repro.of(BasicPaxosMixedFaultsTest.class, method);
        long quietAt = (long) config.chaosTicks() * config.tickMicros();
        List<Long> seeds = SeedRunner.seeds(Math.max(MIN_SEEDS, SeedRunner.seedCount(MIN_SEEDS)), repro);
        long operations = 0;
        long quietCompleted = 0;
        long crashes = 0;
        long dropped = 0;
        for (long seed : seeds) {
            SimulationResult<KvOp, String> result = SeedRunner.check(config.withSeed(seed), repro);
            long completedInQuiet = 0;
            for (Operation<KvOp, String> op : result.history()) {
                if (op.invokeTime() >= quietAt && !op.isIndeterminate()) {
                    completedInQuiet++;
                }
            }
            assertTrue(completedInQuiet > 0, "seed " + seed + ": no operation was invoked and completed after the faults "
                + "healed, so liveness was not tested; replay: " + repro.command(seed));
            operations += result.history().size();
            quietCompleted += completedInQuiet;
            crashes += result.stats().crashes();
            dropped += result.stats().dropped();
        }
        System.out.printf("basic-paxos mixed faults, %d replicas: %d seeds passed, %d operations (%d completed after heal), "
            + "%d crashes, %d messages lost%n", replicas, seeds.size(), operations, quietCompleted, crashes, dropped);
    }
}
