package io.synod.testkit;

import io.synod.testkit.toy.ToyPrimaryBackup;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JUnit extension: one invocation per seed, the seed as a parameter. */
class SeedExtensionTest {

    private static final Set<Long> SEEN = new HashSet<>();

    @SimulationTest(seeds = 10)
    void runsOnceForEachSeed(long seed) {
        assertTrue(SEEN.add(seed), "seed " + seed + " ran twice");
        SimulationResult<?, ?> r = SeedRunner.check(SimulationConfig.builder(ToyPrimaryBackup.correct()).replicas(3)
            .faults(FaultProfile.DROP_DUPLICATE_REORDER).seed(seed).build(), null);
        assertTrue(r.history().size() > 0);
    }
}
