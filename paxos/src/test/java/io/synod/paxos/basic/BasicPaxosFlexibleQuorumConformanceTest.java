package io.synod.paxos.basic;

import io.synod.api.Protocol;
import io.synod.quorum.QuorumSystem;
import io.synod.testkit.Invariant;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.Repro;
import io.synod.testkit.ReplicationConformanceSuite;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.SimulationConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The conformance suite with Flexible Paxos quorums (Howard, Malkhi, Spiegelman 2016): phase 1
 * needs {@code q1} acceptors and phase 2 only {@code q2}, safe because {@code q1 + q2 > n}. With 5
 * replicas q1 = 4, q2 = 2; with 3 replicas the extreme q1 = 3, q2 = 1, where one acceptance
 * chooses a value and phase 1 must hear from every acceptor. {@link ChosenStaysChosen} judges
 * "chosen" by the same phase-2 quorums.
 */
class BasicPaxosFlexibleQuorumConformanceTest extends ReplicationConformanceSuite {

    static QuorumSystem flexible(int replicas) {
        int[] members = IntStream.rangeClosed(1, replicas).toArray();
        return replicas == 5 ? QuorumSystem.flexible(4, 2, members) : QuorumSystem.flexible(replicas, 1, members);
    }

    @Override
    protected Protocol protocol(int replicas) {
        return BasicPaxos.builder().quorum(flexible(replicas)).build();
    }

    @Override
    protected List<Invariant> invariants(int replicas) {
        return List.of(new ChosenStaysChosen(flexible(replicas)));
    }

    /**
     * With 3 replicas phase 1 needs every acceptor, so one node stopped for good by a failed sync
     * stops the cluster for good: safe, but not live, and not claimed. (With 5, q1 = 4 survives it.)
     */
    @Override
    protected boolean supports(FaultProfile profile, int replicas) {
        return replicas != 3 || !profile.diskFaults();
    }

    /**
     * Proof that the small phase-2 quorums really decide: across some partitioned runs, a slot is
     * committed while only {@code q2} acceptors (fewer than a majority) hold its value; with
     * majority quorums the same runs never commit on fewer than a majority.
     */
    @Test
    void phase2QuorumsSmallerThanAMajorityDecide() {
        for (int replicas : new int[] {3, 5}) {
            int q2 = replicas == 5 ? 2 : 1;
            assertEquals(q2, fewestAcceptorsAtCommit(BasicPaxos.builder().quorum(flexible(replicas)).build(),
                new ChosenStaysChosen(flexible(replicas)), replicas), "flexible quorums, " + replicas + " replicas");
            assertEquals(replicas / 2 + 1, fewestAcceptorsAtCommit(BasicPaxos.defaults(),
                new ChosenStaysChosen(BasicPaxosConformanceTest.majority(replicas)), replicas), "majority, " + replicas + " replicas");
        }
    }

    private static int fewestAcceptorsAtCommit(Protocol protocol, ChosenStaysChosen witness, int replicas) {
        SimulationConfig<?, ?> config = SimulationConfig.builder(protocol).replicas(replicas)
            .faults(FaultProfile.PARTITIONS).invariant(witness).build();
        for (long seed = 1; seed <= 30; seed++) {
            SeedRunner.check(config.withSeed(seed), Repro.of(BasicPaxosFlexibleQuorumConformanceTest.class,
                "phase2QuorumsSmallerThanAMajorityDecide"));
        }
        return witness.fewestAcceptorsAtCommit();
    }
}
