package io.synod.testkit.local;

import io.synod.testkit.Calibration;
import io.synod.testkit.Checks;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.KvWorkload;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.Simulation;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.SimulationResult;
import io.synod.testkit.kv.KvOp;
import io.synod.testkit.kv.KvStateMachine;
import io.synod.testkit.lin.KvModel;
import io.synod.testkit.toy.ToyPrimaryBackup;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Local reads ({@link ReadMode#LOCAL}) at replicas and observers are checked for sequential
 * consistency with the log's order; the check is calibrated on a node that answers from a stale
 * restored state, with the correct store on the same seed as the control.
 */
class LocalReadsTest {

    private static final int SEEDS = 40;

    private static SimulationConfig.Builder<KvOp, String> localReads(FaultProfile faults) {
        return SimulationConfig.builder(ToyPrimaryBackup.correct()).replicas(3).observers(2).faults(faults)
            .readMode(ReadMode.LOCAL);
    }

    @Test
    void localReadsAtReplicasAndObserversAreSequentiallyConsistentUnderCrashesAndPartitions() {
        FaultProfile[] profiles = {FaultProfile.CRASHES, FaultProfile.PARTITIONS,
            FaultProfile.OVERLAPPING.toBuilder().name("overlapping-no-disk-faults").noDiskFaults().build()};
        for (FaultProfile profile : profiles) {
            long observerReads = 0;
            long placed = 0;
            long lagging = 0;
            for (long seed : SeedRunner.seeds(SEEDS, null)) {
                SimulationResult<KvOp, String> run = SeedRunner.check(localReads(profile).seed(seed).build(),
                    Repro.of(LocalReadsTest.class, "localReadsAtReplicasAndObserversAreSequentiallyConsistentUnderCrashesAndPartitions"));
                observerReads += run.stats().observerReads();
                placed += run.sequentialConsistency().placed();
                lagging += run.stats().laggingReads();
            }
            assertTrue(observerReads > 0, profile + ": observers answered no read, so they were not exercised");
            assertTrue(placed > 0, profile + ": no local read was placed on the log, so the check was vacuous");
            assertTrue(lagging > 0, profile + ": no local read was answered by a lagging node, so no read was ever stale"
                + " and the check was not put to the test");
        }
    }

    /** Calibration: a node restored from its snapshot that keeps answering from it is caught, by this check. */
    @Test
    void aNodeAnsweringFromAStaleRestoredStateIsCaught() {
        SimulationConfig<KvOp, String> broken = localReads(FaultProfile.CRASHES)
            .workload(StaleRestoreKv::new, new KvWorkload(5), new KvModel()).build();
        SimulationConfig<KvOp, String> control = localReads(FaultProfile.CRASHES)
            .workload(KvStateMachine::new, new KvWorkload(5), new KvModel()).build();
        Calibration.Catch c = Calibration.caught(broken, control, 20, Checks.SEQUENTIAL_CONSISTENCY, null,
            Repro.of(LocalReadsTest.class, "aNodeAnsweringFromAStaleRestoredStateIsCaught"));
        System.out.println("stale restored state caught at seed " + c.seed() + " after " + c.tried() + " seed(s):\n" + c.report());
        assertTrue(c.report().contains("went back in time"), c.report());
        // The same broken store passes when nothing restarts: only a restore makes it stale.
        SimulationResult<KvOp, String> calm = Simulation.run(localReads(FaultProfile.NONE)
            .workload(StaleRestoreKv::new, new KvWorkload(5), new KvModel()).seed(c.seed()).build());
        assertEquals(Optional.empty(), calm.failure());
    }

    /** Local reads are answered from the node's own state; writes still go through the log and must stay linearizable. */
    @Test
    void writesAreStillCheckedForLinearizability() {
        SimulationResult<KvOp, String> run = Simulation.run(localReads(FaultProfile.NONE).seed(3).build());
        assertEquals(Optional.empty(), run.failure());
        assertTrue(run.history().stream().anyMatch(op -> !op.input().isRead() && !op.isIndeterminate()), "the run wrote");
        assertTrue(run.logOrder().size() > 0, "writes were placed in the log");
    }
}
