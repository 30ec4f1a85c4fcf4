package io.synod.testkit.local;

import io.synod.testkit.Calibration;
import io.synod.testkit.Checks;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.Simulation;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.SimulationResult;
import io.synod.testkit.kv.KvOp;
import io.synod.testkit.toy.ToyPrimaryBackup;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Observers run in the simulator: numbered after the voters, told to the protocol as observers,
 * struck by faults like any node, and held to learning the log — a protocol that leaves them
 * behind fails the run's liveness check, while the correct one passes the same seed.
 */
class ObserversTest {

    private static SimulationConfig.Builder<KvOp, String> withObservers(ToyPrimaryBackup protocol, FaultProfile faults) {
        return SimulationConfig.builder(protocol).replicas(3).observers(2).faults(faults).readMode(ReadMode.LOCAL);
    }

    @Test
    void observersAreToldToTheProtocolAndLearnTheLog() {
        SimulationResult<KvOp, String> run = Simulation.run(withObservers(ToyPrimaryBackup.correct(), FaultProfile.NONE).seed(5).build());
        assertEquals(Optional.empty(), run.failure());
        assertTrue(run.stats().observerReads() > 0, "observers served local reads");
        assertTrue(run.schedule().actions().isEmpty());
    }

    @Test
    void faultsStrikeObserversToo() {
        boolean observerCrashed = false;
        for (long seed = 1; seed <= 20 && !observerCrashed; seed++) {
            SimulationResult<KvOp, String> run = Simulation.run(withObservers(ToyPrimaryBackup.correct(), FaultProfile.CRASHES)
                .seed(seed).trace(true).build());
            assertEquals(Optional.empty(), run.failure(), "seed " + seed);
            observerCrashed = run.trace().events().stream().anyMatch(e -> e.kind() == io.synod.testkit.trace.TraceEvent.Kind.CRASH
                && e.node() > 3);
        }
        assertTrue(observerCrashed, "no observer crashed in 20 seeds of the crash profile");
    }

    /** Calibration: observers that never learn are caught by the liveness check, which names them. */
    @Test
    void aProtocolThatLeavesObserversBehindIsCaught() {
        Calibration.Catch c = Calibration.caught(withObservers(ToyPrimaryBackup.forgetsObservers(), FaultProfile.NONE).build(),
            withObservers(ToyPrimaryBackup.correct(), FaultProfile.NONE).build(), 5, Checks.LIVENESS, null,
            Repro.of(ObserversTest.class, "aProtocolThatLeavesObserversBehindIsCaught"));
        System.out.println("observers left behind caught at seed " + c.seed() + " after " + c.tried() + " seed(s)");
        assertTrue(c.report().contains("observer 4 learned the log through index 0 only"), c.report());
    }
}
