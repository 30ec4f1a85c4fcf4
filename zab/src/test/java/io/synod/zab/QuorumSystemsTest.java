package io.synod.zab;

import io.synod.quorum.QuorumSystem;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Repro;
import io.synod.testkit.SeedRunner;
import io.synod.testkit.SimulationConfig;
import io.synod.testkit.kv.KvOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ZAB counts every vote and acknowledgement with the {@code quorum} module, so ZooKeeper's weighted
 * and hierarchical quorums work: mixed-fault runs with each, the invariants judging commits by the
 * same quorum system; and a transcript where a heavy voter and one other commit without the rest.
 */
class QuorumSystemsTest {

    static final int SEEDS = 150;

    /** Node 1 weighs 3 of 7: it and any one other node are a quorum. */
    static final QuorumSystem WEIGHTED = QuorumSystem.weighted(Map.of(1, 3L, 2, 1L, 3, 1L, 4, 1L, 5, 1L));
    /** Two sites: a quorum holds a majority of each (groups {1,2,3} and {4,5}). */
    static final QuorumSystem HIERARCHICAL = QuorumSystem.hierarchical(new int[] {1, 2, 3}, new int[] {4, 5});

    @Test
    void weightedQuorumsUnderMixedFaults(TestInfo info) {
        run(WEIGHTED, info);
    }

    @Test
    void hierarchicalQuorumsUnderMixedFaults(TestInfo info) {
        run(HIERARCHICAL, info);
    }

    private void run(QuorumSystem quorum, TestInfo info) {
        Repro repro = Repro.of(getClass(), info.getTestMethod().orElseThrow().getName());
        SimulationConfig<KvOp, String> config = SimulationConfig.builder(Zab.builder().quorum(quorum).build())
            .replicas(5).faults(FaultProfile.MIXED).readMode(ReadMode.READ_INDEX)
            .invariant(ZabInvariants.forRun(5, quorum)).build();
        SeedRunner.run(config, SeedRunner.seedCount(SEEDS), repro);
    }

    @Test
    void aHeavyVoterAndOneOtherCommitWithoutTheRest() {
        Harness h = new Harness(Zab.builder().quorum(WEIGHTED).build(), new int[] {1, 2, 3, 4, 5});
        h.startAll();
        assertTrue(h.tickUntil(() -> h.leader() > 0, 200));
        for (int id = 3; id <= 5; id++) {
            if (id != h.leader()) {
                h.crash(id);
            }
        }
        if (h.leader() != 1 && h.leader() != 2) {
            h.crash(h.leader());
        }
        assertTrue(h.tickUntil(() -> h.leader() == 1 || h.leader() == 2, 200), "nodes 1 and 2 (weight 4 of 7) elect a leader");
        int leader = h.leader();
        h.propose(leader, "w");
        assertTrue(h.tickUntil(() -> h.committedPayloads(1).contains("w") && h.committedPayloads(2).contains("w"), 200));
    }

    @Test
    void aQuorumSystemOverOtherMembersIsRefused() {
        Harness h = new Harness(Zab.builder().quorum(QuorumSystem.majority(1, 2, 4)).build(), new int[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.start(1));
        assertEquals("quorum system members [1, 2, 4] differ from the cluster's members [1, 2, 3]", e.getMessage());
    }
}
