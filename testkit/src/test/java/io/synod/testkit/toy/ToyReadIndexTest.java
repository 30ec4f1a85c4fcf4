package io.synod.testkit.toy;

import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.SimulationTest;

/**
 * ReadIndex reads (half of them sent to backups, which refuse) stay linearizable under every fault
 * at once. {@code SeedRunner.check} is the assertion: it fails the test with a full report (seed,
 * fault schedule, shrunk counterexample, replay command) when a run breaks a check.
 */
class ToyReadIndexTest {

    @SimulationTest(seeds = 100)
    void readIndexReadsAreLinearizableUnderMixedFaults(long seed) {
        SeedRunner.check(SimulationConfig.builder(ToyPrimaryBackup.correct()).replicas(3).faults(FaultProfile.MIXED)
                .readMode(ReadMode.READ_INDEX).seed(seed).build(),
            Repro.of(ToyReadIndexTest.class, "readIndexReadsAreLinearizableUnderMixedFaults"));
    }
}
