package io.synod.testkit.commit;

import io.synod.api.commit.TransactionId;
import io.synod.testkit.Checks;
import io.synod.testkit.Repro;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commit simulator, driven by the toy two-phase commit: its faults, its measures and its oracle wiring. */
class CommitSimulationTest {

    private static final ToyTwoPhase TOY = new ToyTwoPhase(ToyTwoPhase.Flaw.NONE);
    private static final TransactionId T1 = new TransactionId(1, 1);

    private static CommitScenario.Builder oneTransaction(String name) {
        return CommitScenario.builder(name).nodes(4).transaction(1, 1, 1, 2, 3, 4).ticks(100, 100);
    }

    @Test
    void aFaultFreeRunCountsMessagesWritesAndMessageDelays() {
        CommitRun run = CommitSimulation.run(TOY, oneTransaction("fault-free").build(), 1, false);
        assertTrue(run.atomic(), run.toString());
        assertTrue(run.outcomes().get(T1).committed());
        // 3 prepares, 3 votes, 3 decisions, 3 acks, and the toy re-announces at its third tick, the one it decides in
        // (3 decisions, 3 acks more); 3 prepared + 1 commit + 3 decided + 1 end records, one write each
        assertEquals(18, run.messages());
        assertEquals(8, run.records());
        assertEquals(8, run.writes());
        CommitRun.Cost cost = run.costs().get(T1);
        assertEquals(2, cost.outcomeDelays(), "prepare, vote: the coordinator knows");
        assertEquals(2, cost.outcomeWrites(), "prepared record, then the commit record");
        assertEquals(3, cost.learnedDelays(), "then the decision reaches the participants");
        assertEquals(3, cost.learnedWrites());
        assertTrue(run.stuckAtHorizon().isEmpty());
    }

    @Test
    void oneSeedReplaysTheSameRunByteForByte() {
        CommitScenario lossy = oneTransaction("lossy").network(0.2, 0.1, 4).randomCrashes(0.01, 20).build();
        CommitRun a = CommitSimulation.run(TOY, lossy, 42, true);
        CommitRun b = CommitSimulation.run(TOY, lossy, 42, true);
        CommitRun c = CommitSimulation.run(TOY, lossy, 43, true);
        assertEquals(a.trace().hash(), b.trace().hash());
        assertNotEquals(a.trace().hash(), c.trace().hash(), "another seed, another run");
    }

    @Test
    void aCoordinatorCrashBetweenRecordingAndAnnouncingBlocksTheParticipantsUntilItReturns() {
        CommitScenario s = oneTransaction("coordinator crash after the decision is recorded")
            .fault(ScriptedFault.crashOnSend(1, "Decision", 1, 0, ScriptedFault.FOREVER)).build();
        CommitRun run = CommitSimulation.run(TOY, s, 1, false);
        assertTrue(run.atomic(), run.toString());
        assertEquals(3, run.stuckAtHorizon().size(), "all three voted yes and wait: " + run.stuckAtHorizon());
        assertTrue(run.longestBlockAtHorizon(100) >= 95, "blocked from the vote to the horizon: " + run.stuckAtHorizon());
        assertTrue(run.unresolved().isEmpty(), "after the coordinator returns, the recorded commit is re-announced");
        assertTrue(run.uncertainty().stream().noneMatch(AtomicityOracle.Blocked::ongoing));
    }

    @Test
    void aCrashAfterPartOfTheBatchLeftLetsOnlyThatPartOut() {
        CommitScenario s = oneTransaction("coordinator crash after one decision left")
            .fault(ScriptedFault.crashOnSend(1, "Decision", 1, 1, ScriptedFault.FOREVER)).build();
        CommitRun run = CommitSimulation.run(TOY, s, 1, false);
        assertTrue(run.atomic(), run.toString());
        assertEquals(2, run.stuckAtHorizon().size(), "one participant heard the decision: " + run.stuckAtHorizon());
    }

    @Test
    void aPartitionCutsTheNamedSidesOnly() {
        CommitScenario s = oneTransaction("participant 4 cut off").partition(new Partition(new int[] {4}, 0, 100)).build();
        CommitRun run = CommitSimulation.run(TOY, s, 1, false);
        assertTrue(run.atomic(), run.toString());
        assertFalse(run.outcomes().get(T1).committed(), "4 never voted: the coordinator times out and aborts");
    }

    /** Calibration: a participant that aborts on its own after voting yes is caught by atomicity, the correct toy passes the same seeds. */
    @Test
    void theOracleCatchesAUnilateralAbortAndTheCorrectToyPassesTheSameSeed() {
        CommitScenario s = oneTransaction("coordinator away after the vote")
            .fault(ScriptedFault.crashOnSend(1, "Decision", 1, 1, 60)).build();
        CommitRun flawed = CommitSeeds.firstViolation(new ToyTwoPhase(ToyTwoPhase.Flaw.UNILATERAL_ABORT), s, 20).orElseThrow();
        assertEquals(Checks.ATOMICITY, flawed.caughtBy(), flawed.toString());
        CommitRun control = CommitSimulation.run(TOY, s, flawed.seed(), false);
        assertTrue(control.atomic(), control.toString());
        String report = CommitSeeds.report(TOY, s, flawed, Repro.of(getClass(), "x"));
        assertTrue(report.contains("-Dsynod.seed=" + flawed.seed()), report);
    }

    @Test
    void theToyKeepsAtomicityUnderLossDelayDuplicationAndCrashes() {
        CommitScenario s = CommitScenario.builder("mixed").nodes(5)
            .workload(random -> java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(i -> new CommitScenario.Begin(1 + i * 7L,
                io.synod.api.commit.Transaction.of(new TransactionId(1 + random.nextInt(2), i), java.util.Map.of(
                    3, KvResource.put("k" + random.nextInt(3), "a" + i), 4, KvResource.put("k" + random.nextInt(3), "b" + i),
                    5, random.nextInt(5) == 0 ? KvResource.refuse("checks") : KvResource.put("j", "c" + i))))).toList())
            .network(0.1, 0.05, 3).randomCrashes(0.005, 30).ticks(200, 200).build();
        CommitSeeds.assertAtomic(TOY, s, 100, Repro.of(getClass(), "theToyKeepsAtomicityUnderLossDelayDuplicationAndCrashes"));
    }
}
