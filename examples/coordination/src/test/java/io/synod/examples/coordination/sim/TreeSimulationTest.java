package io.synod.examples.coordination.sim;

import io.synod.api.Protocol;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.SimulationConfig;
import io.synod.zab.Zab;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The coordination tree under the simulator: three replicas of the service's state machine on
 * Multi-Paxos and on ZAB, clients issuing tree operations in replicated sessions (some of which
 * expire), under every fault profile. Each run must keep the simulator's own checks (agreement,
 * validity, order, sessions, liveness after the heal), keep every replica's tree identical at
 * equal applied index, drop an expired session's ephemerals where it expires, and give a history
 * that {@link TreeSpec} linearizes.
 *
 * <p>Seeds: {@value #SEEDS} per protocol (or {@code -Dsynod.seeds=N}), split evenly over the
 * profiles; reads alternate between ReadIndex and the log from profile to profile. Replay one seed
 * (on every profile) with {@code -Dsynod.seed=N}.
 */
class TreeSimulationTest {

    static final int SEEDS = 525;
    static final List<FaultProfile> PROFILES = List.of(FaultProfile.NONE, FaultProfile.DROP_DUPLICATE_REORDER,
        FaultProfile.PARTITIONS, FaultProfile.CRASHES, FaultProfile.SWIZZLE_CLOG, FaultProfile.MIXED, FaultProfile.OVERLAPPING);

    /** Reads through the leader's ReadIndex, through the log, or locally (ZooKeeper's own reads). */
    static final List<ReadMode> READ_MODES = List.of(ReadMode.READ_INDEX, ReadMode.LOG, ReadMode.LOCAL);

    static SimulationConfig<TreeOp, TreeResult> config(Protocol protocol, FaultProfile faults, ReadMode reads) {
        ReplicaTrees trees = new ReplicaTrees();
        return SimulationConfig.builder(protocol)
            .replicas(3)
            .faults(faults)
            .readMode(reads)
            .workload(ObservedCoordination::new, new TreeWorkload(), new TreeSpec())
            .invariant(trees.sameTree())
            .invariant(trees.ephemeralsEnd())
            .build();
    }

    @Test
    void multiPaxos() {
        everyProfile(MultiPaxos.builder().build(), "multiPaxos");
    }

    @Test
    void zab() {
        everyProfile(Zab.builder().build(), "zab");
    }

    private static void everyProfile(Protocol protocol, String method) {
        int perProfile = Math.max(1, (SeedRunner.seedCount(SEEDS) + PROFILES.size() - 1) / PROFILES.size());
        for (int i = 0; i < PROFILES.size(); i++) {
            ReadMode reads = READ_MODES.get(i % READ_MODES.size());
            SeedRunner.run(config(protocol, PROFILES.get(i), reads), perProfile, Repro.of(TreeSimulationTest.class, method));
        }
    }
}
