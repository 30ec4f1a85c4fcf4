package io.synod.paxos.basic;

import io.synod.testkit.FaultProfile;
import io.synod.testkit.SeedRunner;

/**
 * The conformance suite again with two observers beside the replicas. Basic Paxos makes an
 * observer a learner only (no proposer, no acceptor): it learns each slot's decision from the
 * acceptors' Accepted messages or by catching up, serves local reads, and sends writes away with
 * a hint. Observers are crashed, paused and partitioned like any node and must learn the whole
 * log once the faults heal. A modest {@value #SEEDS} seeds per test ({@code synod.seeds} overrides).
 *
 * <p>The tests and their assertions are inherited from the suite: each one fails, naming the seed
 * and a command that replays it, as soon as one seed breaks a check.
 */
class BasicPaxosObserverConformanceTest extends BasicPaxosConformanceTest {

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
