package io.synod.twophase.paxoscommit;

import io.synod.api.commit.Outcome;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.testkit.Repro;
import io.synod.testkit.commit.CommitRun;
import io.synod.testkit.commit.CommitScenario;
import io.synod.testkit.commit.CommitSeeds;
import io.synod.testkit.commit.CommitSimulation;
import io.synod.testkit.commit.KvResource;
import io.synod.testkit.commit.Partition;
import io.synod.testkit.commit.ScriptedFault;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paxos Commit in the commit simulator: neither a coordinator crash blocks nor a partition splits. */
class PaxosCommitTest {

    private static final PaxosCommit PAXOS_COMMIT = PaxosCommit.defaults();
    private static final TransactionId T1 = new TransactionId(1, 1);

    private static CommitScenario.Builder oneTransaction(String name) {
        return CommitScenario.builder(name).nodes(4).transaction(1, 1, 1, 2, 3, 4).ticks(300, 300);
    }

    private static CommitRun run(CommitScenario s) {
        return CommitSimulation.run(PAXOS_COMMIT, s, 1, false);
    }

    @Test
    void faultFreeItCommitsInFourMessageDelays() {
        CommitRun run = run(oneTransaction("fault-free").build());
        assertTrue(run.passed(), run.toString());
        assertInstanceOf(Outcome.Committed.class, run.outcomes().get(T1));
        // 3 prepares, 3 x 2 proposals to the other acceptors, 3 x 3 acceptances to the coordinator, 3 decisions
        assertEquals(21, run.messages());
        assertEquals(new CommitRun.Cost(3, 2, 4, 3), run.costs().get(T1));
    }

    @Test
    void aNoVoteAborts() {
        CommitScenario s = CommitScenario.builder("a no").nodes(4).workload(r -> java.util.List.of(new CommitScenario.Begin(1,
            Transaction.of(T1, Map.of(2, KvResource.put("a", "1"), 3, KvResource.refuse("closed"), 4, KvResource.put("b", "1"))))))
            .build();
        CommitRun run = run(s);
        assertInstanceOf(Outcome.Aborted.class, run.outcomes().get(T1));
        assertTrue(run.passed(), run.toString());
    }

    @Test
    void aCoordinatorCrashAfterTheVotesBlocksNobody() {
        CommitRun run = run(oneTransaction("coordinator crash before the decision")
            .fault(ScriptedFault.crashOnReceive(1, "Phase2b", 3, ScriptedFault.FOREVER)).build());
        assertTrue(run.passed(), run.toString());
        assertTrue(run.stuckAtHorizon().isEmpty(), run.stuckAtHorizon().toString());
        assertTrue(run.longestUncertainty() <= 3L * PAXOS_COMMIT.uncertainTimeoutTicks(), run.uncertainty().toString());
    }

    @Test
    void aCoordinatorCrashMidPrepareIsEndedByAParticipantAsAnAbort() {
        CommitRun run = run(oneTransaction("coordinator crash after one prepare left")
            .fault(ScriptedFault.crashOnSend(1, "Prepare", 1, 1, ScriptedFault.FOREVER)).build());
        assertTrue(run.passed(), run.toString());
        assertTrue(run.stuckAtHorizon().isEmpty(), run.stuckAtHorizon().toString());
    }

    /** Where 3PC splits, the side without a majority of acceptors waits and the other decides: one outcome. */
    @Test
    void aPartitionDoesNotSplitTheDecision() {
        for (long start = 1; start <= 12; start++) {
            CommitRun run = CommitSimulation.run(PAXOS_COMMIT, oneTransaction("partition {1,2} from {3,4} at tick " + start)
                .network(0, 0, 2).partition(new Partition(new int[] {3, 4}, start, 300)).build(), start, false);
            assertTrue(run.passed(), run.toString());
            assertTrue(run.stuckAtHorizon().size() <= 1, "at most the participant cut off from a majority waits: " + run);
        }
    }

    static CommitScenario mixed() {
        return CommitScenario.builder("mixed faults").nodes(5)
            .workload(random -> IntStream.rangeClosed(1, 6).mapToObj(i -> new CommitScenario.Begin(1 + i * 9L,
                Transaction.of(new TransactionId(1 + random.nextInt(2), i), Map.of(
                    3, KvResource.put("k" + random.nextInt(3), "a" + i),
                    4, KvResource.put("k" + random.nextInt(3), "b" + i),
                    5, random.nextInt(6) == 0 ? KvResource.refuse("checks") : KvResource.put("j" + random.nextInt(2), "c" + i))))).toList())
            .network(0.1, 0.05, 3).randomCrashes(0.006, 40).partition(new Partition(new int[] {1, 3}, 60, 120)).ticks(250, 250).build();
    }

    @Test
    void atomicityHoldsUnderLossDelayDuplicationCrashesAndPartitions() {
        CommitSeeds.assertAtomic(PAXOS_COMMIT, mixed(), 500, Repro.of(getClass(), "atomicityHoldsUnderLossDelayDuplicationCrashesAndPartitions"));
    }

    @Test
    void everyTransactionIsResolvedOnceTheFaultsStop() {
        for (CommitRun run : CommitSeeds.runAll(PAXOS_COMMIT, mixed(), 100)) {
            assertTrue(run.unresolved().isEmpty(), run + ": " + run.unresolved());
        }
    }
}
