package io.synod.paxos.multi;

import io.synod.testkit.FaultProfile;
import io.synod.testkit.SeedRunner;

/**
 * The conformance suite again with two observers beside the replicas: observers receive the
 * leader's commits and catch up like followers but never vote; they are crashed, paused and
 * partitioned like any node, serve ReadIndex and local reads, and must learn the whole log once
 * the faults heal. A modest {@value #SEEDS} seeds per test ({@code synod.seeds} overrides): the
 * suite without observers runs the same profiles at full strength.
 *
 * <p>The tests and their assertions are inherited from the suite: each one fails, naming the seed
 * and a command that replays it, as soon as one seed breaks a check.
 */
class MultiPaxosObserverConformanceTest extends MultiPaxosConformanceTest {

    static final int SEEDS = 10;

    @Override
    protected int observers() {
        return 2;
    }

    @Override
    protected int seeds(FaultProfile profile, int replicas) {
        return SeedRunner.seedCount(SEEDS);
    }
}
