package io.synod.paxos.multi;

import io.synod.api.Protocol;
import io.synod.testkit.Invariant;
import io.synod.testkit.ReadMode;
import io.synod.testkit.ReplicationConformanceSuite;

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
}
