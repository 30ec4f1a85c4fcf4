package io.synod.testkit.commit;

import io.synod.api.commit.Outcome;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;
import io.synod.testkit.Checks;
import io.synod.testkit.commit.AtomicityOracle.Blocked;
import io.synod.testkit.commit.AtomicityOracle.Breach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-made histories of one or two transactions whose verdict is known. */
class AtomicityOracleTest {

    private static final TransactionId T = new TransactionId(1, 1);
    private static final TransactionId U = new TransactionId(1, 2);

    private final AtomicityOracle oracle = new AtomicityOracle();

    private void fine(Optional<Breach> event) {
        assertEquals(Optional.empty(), event);
    }

    private Breach caught(Optional<Breach> event, String check) {
        assertTrue(event.isPresent(), "expected a breach of " + check);
        assertEquals(check, event.get().check(), event.get().toString());
        return event.get();
    }

    @Test
    void allYesThenCommitEverywhereIsFine() {
        fine(oracle.begun(T, new int[] {3, 2}, 0));
        fine(oracle.voted(T, 2, Vote.YES, 5));
        fine(oracle.voted(T, 3, Vote.YES, 6));
        fine(oracle.outcome(new Outcome.Committed(T), 10));
        fine(oracle.decided(T, 2, true, 12));
        fine(oracle.decided(T, 3, true, 14));
        fine(oracle.decided(T, 3, true, 30)); // re-applied after a restart
        assertEquals(Optional.of(true), oracle.decision(T));
        assertEquals(List.of(), oracle.stillBlocked(40));
    }

    @Test
    void aNoThenAbortEverywhereIsFineAndAbortNeedsNoVotes() {
        fine(oracle.begun(T, new int[] {2, 3}, 0));
        fine(oracle.voted(T, 2, Vote.no("busy"), 5));
        fine(oracle.decided(T, 3, false, 6)); // 3 never voted: abort is always allowed
        fine(oracle.outcome(new Outcome.Aborted(T, Outcome.Reason.VOTED_NO, 2, "busy"), 7));
        fine(oracle.decided(T, 2, false, 8));
    }

    @Test
    void committingWithoutEveryYesBreaksCommitValidity() {
        oracle.begun(T, new int[] {2, 3}, 0);
        oracle.voted(T, 2, Vote.YES, 5);
        Breach missing = caught(oracle.decided(T, 2, true, 9), Checks.COMMIT_VALIDITY);
        assertTrue(missing.detail().contains("participant 3 had not voted"), missing.detail());

        oracle.begun(U, new int[] {2, 3}, 0);
        oracle.voted(U, 2, Vote.YES, 5);
        oracle.voted(U, 3, Vote.no("insufficient funds"), 6);
        Breach no = caught(oracle.outcome(new Outcome.Committed(U), 9), Checks.COMMIT_VALIDITY);
        assertTrue(no.detail().contains("participant 3 voted no (insufficient funds)"), no.detail());
    }

    @Test
    void aYesIsNeverTakenBack() {
        oracle.begun(T, new int[] {2, 3}, 0);
        oracle.voted(T, 2, Vote.YES, 5);
        fine(oracle.voted(T, 2, Vote.YES, 6)); // the same vote again, after a restart
        caught(oracle.voted(T, 2, Vote.no("changed its mind"), 7), Checks.COMMIT_VALIDITY);
    }

    @Test
    void aCommitBesideAnAbortBreaksAtomicity() {
        oracle.begun(T, new int[] {2, 3}, 0);
        oracle.voted(T, 2, Vote.YES, 5);
        oracle.voted(T, 3, Vote.YES, 5);
        fine(oracle.decided(T, 3, false, 20)); // 3 timed out and aborted on its own
        Breach split = caught(oracle.decided(T, 2, true, 21), Checks.ATOMICITY);
        assertTrue(split.detail().contains("participant 2 committed at 21 but participant 3 aborted"), split.detail());
    }

    @Test
    void theCoordinatorsOutcomeMustAgreeWithTheParticipants() {
        oracle.begun(T, new int[] {2}, 0);
        oracle.voted(T, 2, Vote.YES, 5);
        fine(oracle.decided(T, 2, true, 8));
        caught(oracle.outcome(new Outcome.Aborted(T, Outcome.Reason.NO_VOTE, 2, "timed out"), 9), Checks.ATOMICITY);
    }

    @Test
    void oneParticipantCannotDecideBothWays() {
        oracle.begun(T, new int[] {2}, 0);
        oracle.decided(T, 2, false, 8);
        caught(oracle.decided(T, 2, true, 9), Checks.ATOMICITY);
    }

    @Test
    void eventsOutsideTheTransactionBreakTheContract() {
        caught(oracle.voted(T, 2, Vote.YES, 1), Checks.CONTRACT);
        oracle.begun(T, new int[] {2, 3}, 0);
        caught(oracle.decided(T, 4, true, 2), Checks.CONTRACT);
        caught(oracle.begun(T, new int[] {2}, 3), Checks.CONTRACT);
        caught(oracle.outcome(new Outcome.Committed(U), 4), Checks.CONTRACT);
    }

    @Test
    void uncertainParticipantsAreReportedWithHowLong() {
        oracle.begun(T, new int[] {2, 3, 4}, 0);
        oracle.voted(T, 2, Vote.YES, 10);
        oracle.voted(T, 3, Vote.YES, 12);
        oracle.voted(T, 4, Vote.no("locked"), 13);
        oracle.decided(T, 4, false, 13); // a no voter is never uncertain
        // The coordinator is gone: 2 and 3 wait. Later 2 learns the outcome.
        oracle.decided(T, 2, false, 110);
        List<Blocked> blocked = oracle.blocked(200);
        assertEquals(List.of(new Blocked(T, 3, 12, Blocked.ONGOING), new Blocked(T, 2, 10, 110)), blocked);
        assertEquals(188, blocked.get(0).duration(200));
        assertEquals(100, blocked.get(1).duration(200));
        assertEquals(List.of(new Blocked(T, 3, 12, Blocked.ONGOING)), oracle.stillBlocked(200));
    }
}
