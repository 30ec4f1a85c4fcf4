package io.synod.twophase;

import io.synod.api.commit.Outcome;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.testkit.Checks;
import io.synod.testkit.Repro;
import io.synod.testkit.commit.CommitRun;
import io.synod.testkit.commit.CommitScenario;
import io.synod.testkit.commit.CommitSeeds;
import io.synod.testkit.commit.CommitSimulation;
import io.synod.testkit.commit.KvResource;
import io.synod.testkit.commit.ScriptedFault;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two-phase commit in the commit simulator: the protocol's cases as transcripts, then many seeds. */
class TwoPhaseCommitTest {

    private static final TwoPhaseCommit TWO_PC = TwoPhaseCommit.defaults();
    private static final TransactionId T1 = new TransactionId(1, 1);

    private static CommitScenario.Builder oneTransaction(String name) {
        return CommitScenario.builder(name).nodes(4).transaction(1, 1, 1, 2, 3, 4).ticks(200, 200);
    }

    @Test
    void faultFreeItCommitsWithThreeMessageRoundsAndTwoForcedWritesBeforeTheOutcome() {
        CommitRun run = CommitSimulation.run(TWO_PC, oneTransaction("fault-free").build(), 1, false);
        assertTrue(run.atomic(), run.toString());
        assertInstanceOf(Outcome.Committed.class, run.outcomes().get(T1));
        assertEquals(12, run.messages(), "3 prepares, 3 votes, 3 commits, 3 acks");
        assertEquals(7, run.writes(), "3 prepared, 1 commit, 3 decided");
        CommitRun.Cost cost = run.costs().get(T1);
        assertEquals(new CommitRun.Cost(2, 2, 3, 3), cost);
    }

    @Test
    void aNoVoteAbortsWithTheResourcesReason() {
        CommitScenario s = CommitScenario.builder("a no").nodes(3).workload(r -> List.of(new CommitScenario.Begin(1,
            Transaction.of(T1, Map.of(2, KvResource.put("a", "1"), 3, KvResource.refuse("insufficient funids")))))).build();
        CommitRun run = CommitSimulation.run(TWO_PC, s, 1, false);
        Outcome.Aborted a = assertInstanceOf(Outcome.Aborted.class, run.outcomes().get(T1));
        assertEquals(Outcome.Reason.VOTED_NO, a.reason());
        assertEquals(3, a.participant());
        assertEquals("insufficient funids", a.detail());
        assertTrue(run.atomic() && run.unresolved().isEmpty(), run.toString());
    }

    @Test
    void aSilentParticipantTimesOutTheVote() {
        CommitScenario s = oneTransaction("participant 4 down").fault(ScriptedFault.crashOnReceive(4, "Prepare", 1, 100)).build();
        CommitRun run = CommitSimulation.run(TWO_PC, s, 1, false);
        Outcome.Aborted a = assertInstanceOf(Outcome.Aborted.class, run.outcomes().get(T1));
        assertEquals(Outcome.Reason.NO_VOTE, a.reason());
        assertEquals(4, a.participant());
        assertTrue(run.atomic() && run.unresolved().isEmpty(), run.toString());
    }

    /** The textbook weakness: every participant voted yes, the coordinator is gone, nobody may decide. */
    @Test
    void aCoordinatorCrashAfterTheVotesBlocksEveryParticipantUntilItReturns() {
        CommitScenario s = oneTransaction("coordinator crash as the last vote arrives")
            .fault(ScriptedFault.crashOnReceive(1, "Vote", 3, ScriptedFault.FOREVER)).build();
        CommitRun run = CommitSimulation.run(TWO_PC, s, 1, false);
        assertTrue(run.atomic(), run.toString());
        assertEquals(3, run.stuckAtHorizon().size(), "all uncertain, cooperative termination cannot help: " + run.stuckAtHorizon());
        assertTrue(run.longestBlockAtHorizon(200) >= 195, run.stuckAtHorizon().toString());
        assertTrue(run.unresolved().isEmpty(), "the returning coordinator finds no commit record: presumed abort");
    }

    /** Cooperative termination: a participant that never voted refuses, so the uncertain ones abort without the coordinator. */
    @Test
    void aCoordinatorCrashMidPrepareIsTerminatedByThePeers() {
        CommitScenario s = oneTransaction("coordinator crash after one prepare left")
            .fault(ScriptedFault.crashOnSend(1, "Prepare", 1, 1, ScriptedFault.FOREVER)).build();
        CommitRun run = CommitSimulation.run(TWO_PC, s, 1, false);
        assertTrue(run.atomic(), run.toString());
        assertTrue(run.stuckAtHorizon().isEmpty(), run.stuckAtHorizon().toString());
        assertTrue(run.longestUncertainty() <= TWO_PC.askPeersAfterTicks() + 3, "uncertain only until a peer refused: "
            + run.uncertainty());
    }

    @Test
    void aCoordinatorCrashAfterOneCommitLeftIsFinishedByThePeerThatKnows() {
        CommitScenario s = oneTransaction("coordinator crash after one commit left")
            .fault(ScriptedFault.crashOnSend(1, "Decision", 1, 1, ScriptedFault.FOREVER)).build();
        CommitRun run = CommitSimulation.run(TWO_PC, s, 1, false);
        assertTrue(run.atomic(), run.toString());
        assertTrue(run.stuckAtHorizon().isEmpty(), "a peer that committed tells the others: " + run.stuckAtHorizon());
    }

    static CommitScenario mixed() {
        return CommitScenario.builder("mixed faults").nodes(5)
            .workload(random -> IntStream.rangeClosed(1, 6).mapToObj(i -> new CommitScenario.Begin(1 + i * 9L,
                Transaction.of(new TransactionId(1 + random.nextInt(2), i), Map.of(
                    3, KvResource.put("k" + random.nextInt(3), "a" + i),
                    4, KvResource.put("k" + random.nextInt(3), "b" + i),
                    5, random.nextInt(6) == 0 ? KvResource.refuse("checks") : KvResource.put("j" + random.nextInt(2), "c" + i))))).toList())
            .network(0.1, 0.05, 3).randomCrashes(0.006, 40).ticks(250, 250).build();
    }

    @Test
    void atomicityHoldsUnderLossDelayDuplicationAndCrashes() {
        CommitSeeds.assertAtomic(TWO_PC, mixed(), 500, Repro.of(getClass(), "atomicityHoldsUnderLossDelayDuplicationAndCrashes"));
    }

    @Test
    void everyTransactionIsResolvedOnceTheFaultsStop() {
        for (CommitRun run : CommitSeeds.runAll(TWO_PC, mixed(), 100)) {
            assertTrue(run.unresolved().isEmpty(), run + ": " + run.unresolved());
        }
    }

    /**
     * Calibration: each flaw is caught, by the check that should catch it, and correct 2PC passes
     * the same seed. A forgotten yes breaks no decision outright: the participant, having
     * forgotten, never does its part of the commit, which the end-of-run liveness check sees.
     */
    @Test
    void theChecksCatchEachFlawAndCorrectTwoPhaseCommitPassesTheSameSeed() {
        Map<TwoPhaseCommit.Flaw, String> expected = Map.of(TwoPhaseCommit.Flaw.UNRECORDED_COMMIT, Checks.ATOMICITY,
            TwoPhaseCommit.Flaw.UNRECORDED_YES, Checks.LIVENESS, TwoPhaseCommit.Flaw.UNILATERAL_ABORT, Checks.ATOMICITY);
        for (TwoPhaseCommit.Flaw flaw : List.of(TwoPhaseCommit.Flaw.UNRECORDED_COMMIT, TwoPhaseCommit.Flaw.UNRECORDED_YES,
            TwoPhaseCommit.Flaw.UNILATERAL_ABORT)) {
            TwoPhaseCommit flawed = TWO_PC.withFlaw(flaw);
            CommitRun caught = CommitSeeds.firstFailure(flawed, mixed(), 2_000)
                .orElseThrow(() -> new AssertionError(flaw + " was not caught in 2,000 seeds"));
            assertEquals(expected.get(flaw), caught.caughtBy(), flaw + ": " + caught);
            CommitRun control = CommitSimulation.run(TWO_PC, mixed(), caught.seed(), false);
            assertTrue(control.passed(), control.toString());
            System.out.println(flaw + " caught at seed " + caught.seed() + ": " + caught);
        }
    }

    @Test
    void aCorruptRecordStopsTheNodeNamingTheRecord() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> TwoPhaseRecord.decode(7, new byte[] {9, 1, 2}));
        assertTrue(e.getMessage().contains("record 7"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
