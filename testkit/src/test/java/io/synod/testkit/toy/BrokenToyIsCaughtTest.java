package io.synod.testkit.toy;

import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.kv.KvOp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The simulator's reason to exist: deliberately broken replication must be caught within a
 * bounded number of seeds, with a seed that replays the failure.
 */
class BrokenToyIsCaughtTest {

    private static final int SEED_BOUND = 50;

    @Test
    void acknowledgingAfterOneReplicaIsCaughtUnderCrashes() {
        caught(ToyPrimaryBackup.acksAfterOneReplica(), FaultProfile.CRASHES, "acknowledgingAfterOneReplicaIsCaughtUnderCrashes");
    }

    @Test
    void failoverWithoutQuorumIsCaughtUnderPartitions() {
        caught(ToyPrimaryBackup.noQuorumFailover(), FaultProfile.PARTITIONS, "failoverWithoutQuorumIsCaughtUnderPartitions");
    }

    @Test
    void staleBackupReadsAreCaughtByTheLinearizabilityChecker() {
        String report = caught(ToyPrimaryBackup.staleBackupReads(), FaultProfile.DROP_DUPLICATE_REORDER,
            ReadMode.READ_INDEX, "staleBackupReadsAreCaughtByTheLinearizabilityChecker");
        assertTrue(report.contains("linearizability: NOT linearizable"), report);
        assertTrue(report.contains("minimal core"), report);
    }

    @Test
    void theBrokenSchemesPassWhenNothingGoesWrong() {
        for (ToyPrimaryBackup p : new ToyPrimaryBackup[] {ToyPrimaryBackup.acksAfterOneReplica(), ToyPrimaryBackup.noQuorumFailover()}) {
            for (long seed = 1; seed <= 5; seed++) {
                SeedRunner.check(SimulationConfig.builder(p).faults(FaultProfile.NONE).seed(seed).build(), null);
            }
        }
    }

    private static String caught(ToyPrimaryBackup protocol, FaultProfile profile, String method) {
        return caught(protocol, profile, ReadMode.LOG, method);
    }

    private static String caught(ToyPrimaryBackup protocol, FaultProfile profile, ReadMode reads, String method) {
        Repro repro = Repro.of(BrokenToyIsCaughtTest.class, method);
        SimulationConfig<KvOp, String> config = SimulationConfig.builder(protocol).replicas(3).faults(profile)
            .readMode(reads).build();
        for (long seed = 1; seed <= SEED_BOUND; seed++) {
            SimulationConfig<KvOp, String> run = config.withSeed(seed);
            AssertionError failure;
            try {
                SeedRunner.check(run, repro);
                continue;
            } catch (AssertionError e) {
                failure = e;
            }
            String report = failure.getMessage();
            System.out.println("caught " + protocol.name() + " under " + profile + " at seed " + seed + ":\n" + report);
            assertTrue(report.contains("seed " + seed), report);
            assertTrue(report.contains("-Dsynod.seed=" + seed), report);
            assertTrue(report.contains("fault schedule"), report);
            // The printed seed replays the same failure, word for word.
            AssertionError again = assertThrows(AssertionError.class, () -> SeedRunner.check(run, repro));
            assertEquals(report, again.getMessage());
            return report;
        }
        return fail(protocol.name() + " survived " + SEED_BOUND + " seeds of " + profile + ": the simulator missed a broken scheme");
    }
}
