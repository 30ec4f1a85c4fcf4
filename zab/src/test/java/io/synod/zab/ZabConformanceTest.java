package io.synod.zab;

import io.synod.api.Protocol;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.Invariant;
import io.synod.testkit.ReadMode;
import io.synod.testkit.ReplicationConformanceSuite;
import io.synod.testkit.SeedRunner;

import java.util.List;

/**
 * The testkit's conformance suite for ZAB: a replicated key-value store, linearizable reads
 * confirmed by the leader, under every standard fault profile with 3 and 5 voters, checked for
 * linearizability, liveness after the faults heal, the generic commit checks and
 * {@link ZabInvariants}. The assertions are the suite's: a failure names the seed and the command
 * that replays it.
 */
class ZabConformanceTest extends ReplicationConformanceSuite {

    /** Seeds of the profiles {@link ZabMixedFaultsTest} runs a thousand times each. */
    static final int OVERLAP_SEEDS = 50;
    /**
     * Seeds of the other profiles: half the suite's default, for the module's CI time (a no-fault
     * run of five voters keeps clients busy for its whole length and costs the most); soak with
     * {@code -Dsynod.seeds=N}.
     */
    static final int OTHER_SEEDS = 100;

    @Override
    protected Protocol protocol(int replicas) {
        return Zab.builder().build();
    }

    @Override
    protected List<Invariant> invariants(int replicas) {
        return ZabInvariants.all(replicas);
    }

    @Override
    protected ReadMode readMode() {
        return ReadMode.READ_INDEX;
    }

    @Override
    protected int seeds(FaultProfile profile, int replicas) {
        boolean coveredElsewhere = profile == FaultProfile.MIXED || profile == FaultProfile.OVERLAPPING;
        return SeedRunner.seedCount(coveredElsewhere ? OVERLAP_SEEDS : OTHER_SEEDS);
    }
}
