package io.synod.testkit;

import io.synod.api.Command;
import io.synod.api.Protocol;
import io.synod.api.ProtocolCore;
import io.synod.testkit.kv.KvOp;
import io.synod.testkit.toy.ToyPrimaryBackup;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The liveness check cannot pass vacuously: a run in which clients stay stuck on operations from
 * the chaotic part — so that nothing is even invoked after the heal — fails liveness, although no
 * quiet-part operation was late.
 */
class VacuousLivenessTest {

    /** Primary-backup whose nodes silently swallow every client command: nothing ever completes. */
    private static final Protocol DEAF = ForwardingCore.protocol(ToyPrimaryBackup.correct(), "deaf to clients",
        core -> new ForwardingCore<ProtocolCore>(core) {
            @Override
            public void propose(Command command) {
            }

            @Override
            public void read(long readId) {
            }
        });

    @Test
    void aRunWhoseClientsNeverGetPastTheChaosFailsLiveness() {
        // Clients never give up within the run, so each stays on its first operation for good.
        SimulationResult<KvOp, String> run = Simulation.run(SimulationConfig.builder(DEAF).replicas(3)
            .giveUpTicks(100_000).seed(1).build());
        assertTrue(run.history().stream().allMatch(op -> op.invokeTime() < run.config().chaosTicks() * run.config().tickMicros()),
            "the scenario: every operation was invoked before the heal");
        assertEquals(Optional.of(Checks.LIVENESS), run.caughtBy());
        assertTrue(run.failure().orElse("").contains("no operation invoked after the heal completed"), run.failure().orElse(""));
    }

    @Test
    void aLiveRunPassesTheSameCheck() {
        SimulationResult<KvOp, String> run = Simulation.run(SimulationConfig.builder(ToyPrimaryBackup.correct()).replicas(3)
            .giveUpTicks(100_000).seed(1).build());
        assertEquals(Optional.empty(), run.failure());
    }
}
