package io.synod.testkit.toy;

import io.synod.testkit.Calibration;
import io.synod.testkit.Checks;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.Simulation;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.SimulationResult;
import io.synod.testkit.kv.KvOp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator's reason to exist: deliberately broken replication must be caught within a
 * bounded number of seeds, by the check meant to catch it, with a seed that replays the failure
 * word for word — while the correct scheme passes that very seed.
 */
class BrokenToyIsCaughtTest {

    private static final int SEED_BOUND = 50;

    @Test
    void acknowledgingAfterOneReplicaIsCaughtUnderCrashes() {
        caught(ToyPrimaryBackup.acksAfterOneReplica(), FaultProfile.CRASHES, ReadMode.LOG, Checks.AGREEMENT,
            "acknowledgingAfterOneReplicaIsCaughtUnderCrashes");
    }

    @Test
    void failoverWithoutQuorumIsCaughtUnderPartitions() {
        caught(ToyPrimaryBackup.noQuorumFailover(), FaultProfile.PARTITIONS, ReadMode.LOG, Checks.AGREEMENT,
            "failoverWithoutQuorumIsCaughtUnderPartitions");
    }

    @Test
    void staleBackupReadsAreCaughtByTheLinearizabilityChecker() {
        String report = caught(ToyPrimaryBackup.staleBackupReads(), FaultProfile.DROP_DUPLICATE_REORDER, ReadMode.READ_INDEX,
            Checks.LINEARIZABILITY, "staleBackupReadsAreCaughtByTheLinearizabilityChecker");
        assertTrue(report.contains("minimal core"), report);
    }

    /**
     * A hard state that vouches for the log, stored before it: a crash between the two steps of a
     * Ready's persist leaves it vouching for entries the disk lost (the simulator crashes there).
     * Stored after the log, the same seed passes.
     */
    @Test
    void aHardStateStoredBeforeTheLogItVouchesForIsCaughtUnderCrashes() {
        Repro repro = Repro.of(BrokenToyIsCaughtTest.class, "aHardStateStoredBeforeTheLogItVouchesForIsCaughtUnderCrashes");
        SimulationConfig<KvOp, String> broken = SimulationConfig.builder(ToyPrimaryBackup.vouchesBeforeLog()).replicas(3)
            .faults(FaultProfile.CRASHES).build();
        SimulationConfig<KvOp, String> correct = SimulationConfig.builder(ToyPrimaryBackup.vouchesAfterLog()).replicas(3)
            .faults(FaultProfile.CRASHES).build();
        Calibration.Catch c = Calibration.caught(broken, correct, SEED_BOUND, Checks.EXCEPTION, null, repro);
        assertTrue(c.report().contains("the hard state was stored before the log it vouches for"), c.report());
        System.out.println("caught toy-vouches-before-log at seed " + c.seed() + " by " + c.check() + ":\n" + c.report());
    }

    @Test
    void theBrokenSchemesPassWhenNothingGoesWrong() {
        for (ToyPrimaryBackup p : new ToyPrimaryBackup[] {ToyPrimaryBackup.acksAfterOneReplica(), ToyPrimaryBackup.noQuorumFailover()}) {
            for (long seed = 1; seed <= 5; seed++) {
                SeedRunner.check(SimulationConfig.builder(p).faults(FaultProfile.NONE).seed(seed).build(), null);
            }
        }
    }

    private static String caught(ToyPrimaryBackup protocol, FaultProfile profile, ReadMode reads, String check, String method) {
        Repro repro = Repro.of(BrokenToyIsCaughtTest.class, method);
        SimulationConfig<KvOp, String> broken = SimulationConfig.builder(protocol).replicas(3).faults(profile)
            .readMode(reads).build();
        SimulationConfig<KvOp, String> correct = SimulationConfig.builder(ToyPrimaryBackup.correct()).replicas(3)
            .faults(profile).readMode(reads).build();
        Calibration.Catch c = Calibration.caught(broken, correct, SEED_BOUND, check, null, repro);
        System.out.println("caught " + protocol.name() + " under " + profile + " at seed " + c.seed() + " by " + c.check()
            + ":\n" + c.report());
        assertTrue(c.report().contains("seed " + c.seed()), c.report());
        assertTrue(c.report().contains("-Dsynod.seed=" + c.seed()), c.report());
        assertTrue(c.report().contains("fault schedule"), c.report());
        // The printed seed replays the same failure, word for word.
        SimulationResult<KvOp, String> again = Simulation.run(broken.withSeed(c.seed()));
        assertEquals(c.report(), SeedRunner.report(again, again.failure().orElse("passed"), repro, null));
        return c.report();
    }
}
