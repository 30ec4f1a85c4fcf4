package io.synod.examples.coordination.sim;

import io.synod.api.Protocol;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.testkit.Calibration;
import io.synod.testkit.Checks;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.SimulationConfig;
import io.synod.zab.Zab;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The checks of {@link TreeSimulationTest} catch a broken state machine, each by the check meant for
 * it, while the real one passes the seed that caught the broken one ({@link Calibration}).
 */
class TreeCalibrationTest {

    private static final int BUDGET = 200;

    private static Calibration.Catch caught(FlawedCoordination.Flaw flaw, Protocol protocol, FaultProfile faults, String check,
                                            String method) {
        return caught(flaw, TreeSimulationTest.config(protocol, faults, ReadMode.READ_INDEX), check, method);
    }

    private static Calibration.Catch caught(FlawedCoordination.Flaw flaw, SimulationConfig<TreeOp, TreeResult> control, String check,
                                            String method) {
        SimulationConfig<TreeOp, TreeResult> broken = control.toBuilder()
            .workload(() -> new FlawedCoordination(flaw), new TreeWorkload(), new TreeSpec()).build();
        Calibration.Catch c = Calibration.caught(broken, control, BUDGET, check, null, Repro.of(TreeCalibrationTest.class, method));
        assertEquals(check, c.check());
        System.out.println(flaw + " caught by '" + c.check() + "' at seed " + c.seed() + ", the " + c.tried() + ". seed tried");
        return c;
    }

    /** A sequence counter outside the replicated state shows once a replica starts from a snapshot. */
    @Test
    void unreplicatedSequenceCounterDivergesReplicas() {
        caught(FlawedCoordination.Flaw.UNREPLICATED_SEQUENCE, MultiPaxos.builder().build(), FaultProfile.CRASHES,
            ReplicaTrees.SAME_TREE, "unreplicatedSequenceCounterDivergesReplicas");
    }

    @Test
    void unreplicatedSequenceCounterDivergesReplicasOnZab() {
        caught(FlawedCoordination.Flaw.UNREPLICATED_SEQUENCE, Zab.builder().build(), FaultProfile.CRASHES,
            ReplicaTrees.SAME_TREE, "unreplicatedSequenceCounterDivergesReplicasOnZab");
    }

    /** Reads from a cache no write invalidates are not linearizable, though every replica holds the same tree. */
    @Test
    void staleReadsAreNotLinearizable() {
        // Short runs: a history that is not linearizable is searched through, then shrunk, and that
        // grows fast with its length (a correct one is linearized in a single pass).
        SimulationConfig<TreeOp, TreeResult> shortRuns = TreeSimulationTest.config(MultiPaxos.builder().build(), FaultProfile.NONE,
            ReadMode.READ_INDEX).toBuilder().chaosTicks(60).quietTicks(20).clients(3).build();
        caught(FlawedCoordination.Flaw.STALE_READS, shortRuns, Checks.LINEARIZABILITY, "staleReadsAreNotLinearizable");
    }

    /** The same cache behind local reads: a client sees older state than it saw or wrote before. */
    @Test
    void staleLocalReadsAreNotSequentiallyConsistent() {
        SimulationConfig<TreeOp, TreeResult> shortRuns = TreeSimulationTest.config(Zab.builder().build(), FaultProfile.NONE,
            ReadMode.LOCAL).toBuilder().chaosTicks(60).quietTicks(20).clients(3).build();
        caught(FlawedCoordination.Flaw.STALE_READS, shortRuns, Checks.SEQUENTIAL_CONSISTENCY, "staleLocalReadsAreNotSequentiallyConsistent");
    }

    @Test
    void ephemeralsThatOutliveTheirSessionAreCaught() {
        caught(FlawedCoordination.Flaw.EPHEMERALS_OUTLIVE_SESSION, Zab.builder().build(), FaultProfile.DROP_DUPLICATE_REORDER,
            ReplicaTrees.EPHEMERALS_END, "ephemeralsThatOutliveTheirSessionAreCaught");
    }
}
