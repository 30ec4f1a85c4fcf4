package io.synod.paxos.basic;

import io.synod.api.Protocol;
import io.synod.quorum.QuorumSystem;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.Invariant;
import io.synod.testkit.ReplicationConformanceSuite;
import io.synod.testkit.SeedRunner;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Basic Paxos under the testkit's conformance suite: the replicated key-value store under every
 * fault profile, 3 and 5 replicas, reads through the log, with {@link ChosenStaysChosen} checked
 * after every event on top of the generic agreement, validity and order checks.
 *
 * <p>The tests and their assertions are inherited from the suite: each one fails, naming the seed
 * and a command that replays it, as soon as one seed breaks a check.
 */
class BasicPaxosConformanceTest extends ReplicationConformanceSuite {

    @Override
    protected Protocol protocol(int replicas) {
        return BasicPaxos.defaults();
    }

    @Override
    protected List<Invariant> invariants(int replicas) {
        return List.of(new ChosenStaysChosen(majority(replicas)));
    }

    /** The quorum system {@link BasicPaxos#defaults()} uses for nodes 1..replicas. */
    static QuorumSystem majority(int replicas) {
        return QuorumSystem.majority(IntStream.rangeClosed(1, replicas).toArray());
    }

    /**
     * {@link BasicPaxosMixedFaultsTest} runs at least 1,000 seeds each of the mixed and overlapping profiles with this
     * very configuration, so here they run {@value #OVERLAP_SEEDS} by default ({@code synod.seeds} still overrides).
     */
    @Override
    protected int seeds(FaultProfile profile, int replicas) {
        boolean coveredElsewhere = profile == FaultProfile.MIXED || profile == FaultProfile.OVERLAPPING;
        return SeedRunner.seedCount(coveredElsewhere ? OVERLAP_SEEDS : DEFAULT_SEEDS);
    }

    /** Seeds of the profiles the mixed-fault test covers. */
    static final int OVERLAP_SEEDS = 50;
}
