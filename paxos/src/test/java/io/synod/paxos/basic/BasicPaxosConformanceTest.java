package io.synod.paxos.basic;

import io.synod.api.Protocol;
import io.synod.quorum.QuorumSystem;
import io.synod.testkit.Invariant;
import io.synod.testkit.ReplicationConformanceSuite;

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
}
