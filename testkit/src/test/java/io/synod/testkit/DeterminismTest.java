package io.synod.testkit;

import io.synod.testkit.kv.KvOp;
import io.synod.testkit.toy.ToyPrimaryBackup;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same seed gives a byte-identical trace; another seed gives another run. */
class DeterminismTest {

    private static SimulationConfig<KvOp, String> config(FaultProfile profile, long seed) {
        return SimulationConfig.builder(ToyPrimaryBackup.correct()).replicas(3).faults(profile)
            .readMode(ReadMode.READ_INDEX).seed(seed).trace(true).build();
    }

    @Test
    void oneSeedTwiceGivesTheSameTraceHash() {
        for (FaultProfile profile : FaultProfile.standard()) {
            // One configuration object run twice: nothing in it may carry state from run to run.
            SimulationConfig<KvOp, String> config = config(profile, 7);
            SimulationResult<KvOp, String> first = Simulation.run(config);
            SimulationResult<KvOp, String> second = Simulation.run(config);
            assertTrue(first.trace().events().size() > 1000, "a run of " + profile + " should do something");
            assertEquals(first.trace().hash(), second.trace().hash(), "trace of seed 7 under " + profile);
            assertEquals(first.history(), second.history());
        }
    }

    @Test
    void differentSeedsGiveDifferentRuns() {
        assertNotEquals(Simulation.run(config(FaultProfile.MIXED, 1)).trace().hash(),
            Simulation.run(config(FaultProfile.MIXED, 2)).trace().hash());
    }

    @Test
    void tracingDoesNotChangeTheRun() {
        SimulationResult<KvOp, String> traced = Simulation.run(config(FaultProfile.MIXED, 11));
        SimulationResult<KvOp, String> plain = Simulation.run(config(FaultProfile.MIXED, 11).withTrace(false));
        assertEquals(traced.history(), plain.history());
        assertEquals(traced.stats().toString(), plain.stats().toString());
        assertTrue(plain.trace().events().isEmpty());
    }
}
