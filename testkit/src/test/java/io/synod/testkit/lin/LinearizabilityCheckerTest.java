package io.synod.testkit.lin;

import io.synod.testkit.kv.KvOp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-written histories whose verdict is known. */
class LinearizabilityCheckerTest {

    private final KvModel kv = new KvModel();

    private static Operation<KvOp, String> op(int id, long client, KvOp in, String out, long invoke, long response) {
        return Operation.completed(id, client, in, out, invoke, response);
    }

    private static Operation<KvOp, String> lost(int id, long client, KvOp in, long invoke) {
        return Operation.indeterminate(id, client, in, invoke);
    }

    private CheckResult.Verdict verdict(List<Operation<KvOp, String>> history) {
        return LinearizabilityChecker.check(kv, history).verdict();
    }

    @Test
    void aReadAfterACompletedWriteSeesIt() {
        assertEquals(CheckResult.Verdict.LINEARIZABLE, verdict(List.of(
            op(0, 1, KvOp.put("x", "1"), "ok", 0, 10),
            op(1, 2, KvOp.get("x"), "1", 20, 30))));
    }

    @Test
    void aStaleReadIsRejectedAndBothOperationsFormTheCounterexample() {
        List<Operation<KvOp, String>> history = List.of(
            op(0, 1, KvOp.put("x", "1"), "ok", 0, 10),
            op(1, 2, KvOp.get("x"), "", 20, 30));
        CheckResult<KvOp, String> result = LinearizabilityChecker.check(kv, history);
        assertEquals(CheckResult.Verdict.NOT_LINEARIZABLE, result.verdict());
        assertEquals(history, result.counterexample());
        assertTrue(result.report().contains("get(x)"), result.report());
    }

    @Test
    void aReadConcurrentWithAWriteMaySeeEitherValue() {
        for (String seen : new String[] {"", "1"}) {
            assertEquals(CheckResult.Verdict.LINEARIZABLE, verdict(List.of(
                op(0, 1, KvOp.put("x", "1"), "ok", 0, 30),
                op(1, 2, KvOp.get("x"), seen, 10, 20))), "read saw '" + seen + "'");
        }
    }

    @Test
    void anIndeterminateWriteMayHaveHappenedOrNot() {
        for (String seen : new String[] {"", "1"}) {
            assertEquals(CheckResult.Verdict.LINEARIZABLE, verdict(List.of(
                lost(0, 1, KvOp.put("x", "1"), 0),
                op(1, 2, KvOp.get("x"), seen, 100, 110))), "read saw '" + seen + "'");
        }
    }

    @Test
    void anIndeterminateWriteCannotTakeEffectBeforeItWasInvoked() {
        assertEquals(CheckResult.Verdict.NOT_LINEARIZABLE, verdict(List.of(
            op(0, 2, KvOp.get("x"), "1", 0, 10),
            lost(1, 1, KvOp.put("x", "1"), 20))));
    }

    @Test
    void aValueOnceSeenCannotVanish() {
        assertEquals(CheckResult.Verdict.NOT_LINEARIZABLE, verdict(List.of(
            lost(0, 1, KvOp.append("x", "a,"), 0),
            op(1, 2, KvOp.get("x"), "a,", 10, 20),
            op(2, 3, KvOp.get("x"), "", 30, 40))));
    }

    @Test
    void aRetriedAppendAppliedTwiceIsCaught() {
        assertEquals(CheckResult.Verdict.NOT_LINEARIZABLE, verdict(List.of(
            op(0, 1, KvOp.append("x", "a,"), "a,", 0, 10),
            op(1, 2, KvOp.get("x"), "a,a,", 20, 30))));
    }

    @Test
    void twoConcurrentIncrementsCannotBothSeeOne() {
        assertEquals(CheckResult.Verdict.NOT_LINEARIZABLE, verdict(List.of(
            op(0, 1, KvOp.increment("n"), "1", 0, 50),
            op(1, 2, KvOp.increment("n"), "1", 10, 40))));
        assertEquals(CheckResult.Verdict.LINEARIZABLE, verdict(List.of(
            op(0, 1, KvOp.increment("n"), "2", 0, 50),
            op(1, 2, KvOp.increment("n"), "1", 10, 40))));
    }

    @Test
    void keysAreCheckedApartAndTheFailingKeyIsReported() {
        CheckResult<KvOp, String> result = LinearizabilityChecker.check(kv, List.of(
            op(0, 1, KvOp.put("good", "1"), "ok", 0, 10),
            op(1, 1, KvOp.put("bad", "1"), "ok", 0, 10),
            op(2, 2, KvOp.get("good"), "1", 20, 30),
            op(3, 2, KvOp.get("bad"), "2", 20, 30)));
        assertFalse(result.isLinearizable());
        assertTrue(result.partition().stream().allMatch(o -> o.input().key().equals("bad")), result.report());
    }

    @Test
    void theCounterexampleDropsOperationsThatDoNotMatter() {
        List<Operation<KvOp, String>> history = List.of(
            op(0, 1, KvOp.put("x", "1"), "ok", 0, 10),
            op(1, 3, KvOp.get("x"), "1", 12, 14),
            op(2, 3, KvOp.get("x"), "1", 15, 18),
            op(3, 1, KvOp.put("x", "2"), "ok", 20, 30),
            op(4, 2, KvOp.get("x"), "1", 40, 50));
        CheckResult<KvOp, String> result = LinearizabilityChecker.check(kv, history);
        assertEquals(CheckResult.Verdict.NOT_LINEARIZABLE, result.verdict());
        // put(x, 2) completed between them, so a later read of 1 needs put(x, 1) after it: impossible.
        assertEquals(List.of(history.get(0), history.get(3), history.get(4)), result.counterexample(), result.report());
    }

    /**
     * A stale read, while an append is pending whose answer shows a write invoked after the read:
     * shrinking must not cut that later write (its effect is seen by an earlier operation), or the
     * pending append alone would look like the contradiction, and the read would go unblamed.
     */
    @Test
    void theCounterexampleKeepsALaterWriteThatAnEarlierAnswerShows() {
        List<Operation<KvOp, String>> history = List.of(
            op(0, 9, KvOp.put("a", "s;"), "ok", 0, 10),
            op(1, 1, KvOp.append("a", "1;"), "s;1;", 20, 30),
            op(2, 3, KvOp.append("a", "3;"), "s;1;2;3;", 25, 90),
            op(3, 1, KvOp.get("a"), "s;", 31, 33),
            op(4, 2, KvOp.append("a", "2;"), "s;1;2;", 40, 50));
        CheckResult<KvOp, String> result = LinearizabilityChecker.check(kv, history);
        assertEquals(CheckResult.Verdict.NOT_LINEARIZABLE, result.verdict());
        // The read of "s;" after append 1 completed is what cannot be: it and that append are the core.
        assertEquals(List.of(history.get(1), history.get(3)), result.counterexample(), result.report());
    }

    @Test
    void anExhaustedBudgetSaysUnknownNotLinearizable() {
        List<Operation<KvOp, String>> history = List.of(
            op(0, 1, KvOp.put("x", "1"), "ok", 0, 100),
            op(1, 2, KvOp.put("x", "2"), "ok", 0, 100),
            op(2, 3, KvOp.get("x"), "2", 0, 100));
        assertEquals(CheckResult.Verdict.UNKNOWN, LinearizabilityChecker.check(kv, history, 1).verdict());
    }

    @Test
    void anyModelPlugsIn() {
        Model<Long, Long, Long> counter = new Model<>() {
            @Override
            public Long init() {
                return 0L;
            }

            @Override
            public Optional<Long> step(Long state, Long add, Long out) {
                long next = state + add;
                return out == null || out == next ? Optional.of(next) : Optional.empty();
            }
        };
        assertTrue(LinearizabilityChecker.check(counter, List.of(
            Operation.completed(0, 1, 5L, 5L, 0, 10),
            Operation.completed(1, 2, 2L, 7L, 5, 20))).isLinearizable());
        assertFalse(LinearizabilityChecker.check(counter, List.of(
            Operation.completed(0, 1, 5L, 5L, 0, 10),
            Operation.completed(1, 2, 2L, 2L, 20, 30))).isLinearizable());
    }

    @Test
    void aHistoryRecorderReportsOpenOperationsAsIndeterminate() {
        History<KvOp, String> h = new History<>();
        int w = h.invoke(1, KvOp.put("x", "1"), 0);
        int r = h.invoke(2, KvOp.get("x"), 5);
        h.respond(r, "1", 9);
        assertTrue(h.operations().get(w).isIndeterminate());
        assertEquals("1", h.operations().get(r).output());
        assertTrue(LinearizabilityChecker.check(kv, h.operations()).isLinearizable());
    }
}
