package io.synod.paxos.multi;

import io.synod.api.Protocol;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.Invariant;
import io.synod.testkit.ReadMode;
import io.synod.testkit.ReplicationConformanceSuite;
import io.synod.testkit.SeedRunner;

import java.util.List;

/**
 * The testkit's conformance suite for Multi-Paxos: a replicated key-value store, reads by
 * ReadIndex, under every standard fault profile with 3 and 5 replicas, checked for
 * linearizability, liveness after the faults heal, the generic commit checks and the Paxos
 * invariants of {@link PaxosInvariants}.
 *
 * <p>The tests and their assertions are inherited from the suite: each one fails, naming the seed
 * and a command that replays it, as soon as one seed breaks a check.
 */
class MultiPaxosConformanceTest extends ReplicationConformanceSuite {

    @Override
    protected Protocol protocol(int replicas) {
        return MultiPaxos.builder().build();
    }

    @Override
    protected List<Invariant> invariants(int replicas) {
        return PaxosInvariants.all(replicas);
    }

    @Override
    protected ReadMode readMode() {
        return ReadMode.READ_INDEX;
    }

    /**
     * {@link MultiPaxosMixedFaultsTest} runs at least 1,000 seeds each of the mixed and overlapping profiles with this
     * configuration (and a tighter liveness bound), so here they run {@value #OVERLAP_SEEDS} by default
     * ({@code synod.seeds} still overrides).
     */
    @Override
    protected int seeds(FaultProfile profile, int replicas) {
        boolean coveredElsewhere = profile == FaultProfile.MIXED || profile == FaultProfile.OVERLAPPING;
        return SeedRunner.seedCount(coveredElsewhere ? OVERLAP_SEEDS : DEFAULT_SEEDS);
    }

    /** Seeds of the profiles the mixed-fault test covers. */
    static final int OVERLAP_SEEDS = 50;
}
