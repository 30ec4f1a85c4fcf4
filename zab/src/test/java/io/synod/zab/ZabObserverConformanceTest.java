package io.synod.zab;

import io.synod.testkit.FaultProfile;
import io.synod.testkit.Invariant;
import io.synod.testkit.SeedRunner;

import java.util.List;

/**
 * The conformance suite again with two observers the simulator builds beside the voters: they
 * receive committed entries (INFORM) and catch up like followers but never vote; they are
 * crashed, paused and partitioned like any node, serve reads, and must learn the whole log once
 * the faults heal. A modest {@value #SEEDS} seeds per test ({@code synod.seeds} overrides):
 * {@link ZabMixedFaultsTest} runs observers under mixed and overlapping faults at length.
 */
class ZabObserverConformanceTest extends ZabConformanceTest {

    static final int SEEDS = 10;
    static final int OBSERVERS = 2;

    @Override
    protected int observers() {
        return OBSERVERS;
    }

    @Override
    protected List<Invariant> invariants(int replicas) {
        return List.of(ZabInvariants.forRun(replicas + OBSERVERS, replicas));
    }

    @Override
    protected int seeds(FaultProfile profile, int replicas) {
        return SeedRunner.seedCount(SEEDS);
    }
}
