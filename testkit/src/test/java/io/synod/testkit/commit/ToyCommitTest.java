package io.synod.testkit.commit;

import io.synod.api.commit.Outcome;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.testkit.Checks;
import io.synod.testkit.commit.AtomicityOracle.Blocked;
import io.synod.testkit.commit.AtomicityOracle.Breach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.synod.testkit.commit.MapResource.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commit contract and the atomicity oracle, together: a toy two-phase commit run by a tiny
 * driver through the scenarios that matter — all yes, a no, a coordinator that crashes before or
 * after recording its decision, a participant that crashes after its yes — and two deliberately
 * broken variants that the oracle must catch, each beside the correct toy on the same script.
 * Node 1 coordinates; nodes 2, 3 and 4 take part.
 */
class ToyCommitTest {

    private static final TransactionId T = new TransactionId(1, 1);

    private static Transaction transfer(String third) {
        return Transaction.of(T, Map.of(2, part("a=1"), 3, part(third), 4, part("c=3")));
    }

    private static CommitLoop loop(ToyTwoPhase.Flaw flaw) {
        return new CommitLoop(new ToyTwoPhase(flaw), 4);
    }

    @Test
    void everyYesCommitsEverywhere() {
        CommitLoop loop = loop(ToyTwoPhase.Flaw.NONE);
        loop.begin(transfer("b=2"));
        loop.run(10);
        assertEquals(Optional.empty(), loop.breach());
        assertEquals(new Outcome.Committed(T), loop.outcome(T));
        assertEquals(List.of("1", "2", "3"), List.of(loop.resource(2).value("a"), loop.resource(3).value("b"), loop.resource(4).value("c")));
        assertEquals(List.of(), loop.oracle().stillBlocked(loop.now()));
        assertTrue(loop.oracle().blocked(loop.now()).stream().allMatch(b -> b.duration(loop.now()) <= 2),
            "uncertain for a round trip at most: " + loop.oracle().blocked(loop.now()));
    }

    @Test
    void oneNoAbortsEverywhereAndSaysWhy() {
        CommitLoop loop = loop(ToyTwoPhase.Flaw.NONE);
        loop.begin(transfer("no:insufficient funds"));
        loop.run(10);
        assertEquals(Optional.empty(), loop.breach());
        assertEquals(new Outcome.Aborted(T, Outcome.Reason.VOTED_NO, 3, "insufficient funds"), loop.outcome(T));
        assertNull(loop.resource(2).value("a"));
        assertFalse(loop.resource(2).locked("a") || loop.resource(4).locked("c"), "aborted parts release their locks");
    }

    /** 2PC's known weakness, reported rather than hidden: participants that voted yes wait for a coordinator that is gone. */
    @Test
    void aCoordinatorLostBeforeDecidingBlocksItsParticipantsUntilItReturnsAndPresumesAbort() {
        CommitLoop loop = loop(ToyTwoPhase.Flaw.NONE);
        loop.begin(transfer("b=2"));
        loop.run(1);   // prepares delivered, yes votes on their way
        loop.crash(1); // the votes are lost with it
        loop.run(30);
        List<Blocked> waiting = loop.oracle().stillBlocked(loop.now());
        assertEquals(List.of(2, 3, 4), waiting.stream().map(Blocked::participant).sorted().toList());
        assertTrue(waiting.stream().allMatch(b -> b.duration(loop.now()) == 30), waiting.toString());
        assertTrue(loop.resource(3).locked("b"), "an uncertain participant keeps its locks");
        assertEquals(Optional.empty(), loop.oracle().decision(T));

        loop.restart(1);
        loop.run(10);
        assertEquals(Optional.empty(), loop.breach());
        assertEquals(Optional.of(false), loop.oracle().decision(T), "no commit was recorded, so abort is presumed");
        assertEquals(List.of(), loop.oracle().stillBlocked(loop.now()));
        assertTrue(loop.oracle().blocked(loop.now()).stream().allMatch(b -> b.duration(loop.now()) >= 30));
        assertFalse(loop.resource(3).locked("b"));
    }

    @Test
    void aCommitRecordedBeforeTheCrashIsAnnouncedAfterTheRestart() {
        CommitLoop loop = loop(ToyTwoPhase.Flaw.NONE);
        loop.begin(transfer("b=2"));
        loop.run(1);
        loop.crashAfterNextPersist(1); // the commit record is durable, no decision left
        loop.run(5);
        assertFalse(loop.isUp(1));
        assertEquals(3, loop.oracle().stillBlocked(loop.now()).size());
        loop.restart(1);
        loop.run(10);
        assertEquals(Optional.empty(), loop.breach());
        assertEquals(Optional.of(true), loop.oracle().decision(T));
        assertEquals("2", loop.resource(3).value("b"));
        assertNull(loop.outcome(T), "the caller went down with the coordinator; the outcome is recorded, not reported twice");
    }

    @Test
    void aParticipantThatCrashesAfterRecordingItsYesHoldsItsLocksAgainAndFinishes() {
        CommitLoop loop = loop(ToyTwoPhase.Flaw.NONE);
        loop.begin(transfer("b=2"));
        loop.crashAfterNextPersist(3); // its prepared record is durable, its yes never left
        loop.run(3);
        assertFalse(loop.isUp(3));
        assertFalse(loop.resource(3).locked("b"), "the crash lost the lock");
        loop.restart(3);
        assertTrue(loop.resource(3).locked("b"), "the restarted participant restored what its yes promised");
        loop.run(20);
        assertEquals(Optional.empty(), loop.breach());
        boolean committed = loop.oracle().decision(T).orElseThrow();
        assertEquals(committed ? "2" : null, loop.resource(3).value("b"));
        assertFalse(loop.resource(3).locked("b"));
        assertEquals(List.of(), loop.oracle().stillBlocked(loop.now()));
    }

    /** The decision reaches 2 and 3; the link to 4 is cut until 4 has waited long enough to give up. */
    private static CommitLoop decisionCutOffFromParticipant4(ToyTwoPhase.Flaw flaw) {
        CommitLoop loop = loop(flaw);
        loop.begin(transfer("b=2"));
        loop.run(2); // votes in, commit recorded, decisions on the wire
        loop.cut(1, 4);
        loop.run(ToyParticipant.GIVE_UP_TICKS + 5);
        loop.heal();
        loop.run(10);
        return loop;
    }

    @Test
    void aParticipantThatAbortsOnItsOwnWhileUncertainIsCaught() {
        Breach split = decisionCutOffFromParticipant4(ToyTwoPhase.Flaw.UNILATERAL_ABORT).breach().orElseThrow(
            () -> new AssertionError("a participant aborted on its own beside a commit, and the oracle did not notice"));
        assertEquals(Checks.ATOMICITY, split.check(), split.toString());
        assertTrue(split.detail().contains("participant 4 aborted"), split.detail());

        CommitLoop control = decisionCutOffFromParticipant4(ToyTwoPhase.Flaw.NONE);
        assertEquals(Optional.empty(), control.breach());
        assertEquals("3", control.resource(4).value("c"), "the correct participant waited, then committed");
        Blocked longest = control.oracle().blocked(control.now()).get(0);
        assertEquals(4, longest.participant());
        assertTrue(longest.duration(control.now()) > ToyParticipant.GIVE_UP_TICKS, longest.toString());
    }

    @Test
    void aCoordinatorThatCommitsBeforeEveryYesIsCaught() {
        CommitLoop broken = loop(ToyTwoPhase.Flaw.COMMIT_ON_FIRST_YES);
        broken.begin(transfer("no:insufficient funds"));
        broken.run(10);
        Breach breach = broken.breach().orElseThrow(() -> new AssertionError("a commit beside a no vote went unnoticed"));
        assertEquals(Checks.COMMIT_VALIDITY, breach.check(), breach.toString());

        CommitLoop control = loop(ToyTwoPhase.Flaw.NONE);
        control.begin(transfer("no:insufficient funds"));
        control.run(10);
        assertEquals(Optional.empty(), control.breach());
        assertFalse(control.outcome(T).committed());
    }
}
