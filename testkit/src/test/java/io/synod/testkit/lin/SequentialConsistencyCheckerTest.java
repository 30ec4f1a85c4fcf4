package io.synod.testkit.lin;

import io.synod.testkit.kv.KvOp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-written histories whose verdict is known. Updates take effect where {@link LogOrder} says;
 * gets are local reads the checker must place on a prefix of the log.
 */
class SequentialConsistencyCheckerTest {

    private final KvModel kv = new KvModel();
    private final LogOrder log = new LogOrder();

    private static Operation<KvOp, String> op(int id, long client, KvOp in, String out, long invoke, long response) {
        return Operation.completed(id, client, in, out, invoke, response);
    }

    private Operation<KvOp, String> logged(int id, long client, KvOp in, String out, long invoke, long response, long index) {
        log.tookEffect(id, index, 0);
        return op(id, client, in, out, invoke, response);
    }

    private SequentialConsistencyResult<KvOp, String> check(List<Operation<KvOp, String>> history) {
        return SequentialConsistencyChecker.check(kv, history, log, KvOp::isRead);
    }

    @Test
    void aStaleReadByAnotherClientIsSequentiallyConsistentThoughNotLinearizable() {
        List<Operation<KvOp, String>> history = List.of(
            logged(0, 1, KvOp.put("x", "1"), "ok", 0, 10, 1),
            op(1, 2, KvOp.get("x"), "", 20, 30),
            op(2, 2, KvOp.get("x"), "1", 40, 50));
        SequentialConsistencyResult<KvOp, String> result = check(history);
        assertTrue(result.consistent(), result.report());
        assertEquals(2, result.placed());
        assertFalse(LinearizabilityChecker.check(kv, history).isLinearizable(), "the same history is not linearizable");
    }

    @Test
    void aClientThatSawNewStateNeverSeesOlderAgain() {
        SequentialConsistencyResult<KvOp, String> result = check(List.of(
            logged(0, 1, KvOp.put("x", "1"), "ok", 0, 10, 1),
            op(1, 2, KvOp.get("x"), "1", 20, 30),
            op(2, 2, KvOp.get("x"), "", 40, 50)));
        assertFalse(result.consistent());
        assertTrue(result.explanation().startsWith("read #2 went back in time"), result.explanation());
        assertTrue(result.explanation().contains("(in #1)"), result.explanation());
        assertEquals(List.of(2, 1), result.witnesses().stream().map(Operation::id).toList());
    }

    @Test
    void aClientReadsItsOwnWrites() {
        SequentialConsistencyResult<KvOp, String> result = check(List.of(
            logged(0, 1, KvOp.put("x", "1"), "ok", 0, 10, 1),
            logged(1, 2, KvOp.put("x", "2"), "ok", 0, 15, 2),
            op(2, 2, KvOp.get("x"), "1", 20, 30)));
        assertFalse(result.consistent());
        assertTrue(result.explanation().contains("went back in time") && result.explanation().contains("log index 2"),
            result.explanation());
    }

    @Test
    void aValueNoPrefixHoldsIsReportedSo() {
        SequentialConsistencyResult<KvOp, String> result = check(List.of(
            logged(0, 1, KvOp.put("x", "1"), "ok", 0, 10, 1),
            op(1, 2, KvOp.get("x"), "7", 20, 30)));
        assertFalse(result.consistent());
        assertTrue(result.explanation().contains("which no prefix of the log gives"), result.explanation());
    }

    @Test
    void readsOfDifferentKeysShareOneClockPerClient() {
        // x changes at 1, y at 2: having seen y's new value, the client cannot see x's old one.
        SequentialConsistencyResult<KvOp, String> result = check(List.of(
            logged(0, 1, KvOp.put("x", "1"), "ok", 0, 10, 1),
            logged(1, 1, KvOp.put("y", "1"), "ok", 11, 20, 2),
            op(2, 2, KvOp.get("y"), "1", 30, 40),
            op(3, 2, KvOp.get("x"), "", 50, 60)));
        assertFalse(result.consistent());
        assertTrue(result.explanation().startsWith("read #3 went back in time"), result.explanation());
    }

    @Test
    void anUpdateCannotTakeEffectBeforeStateItsClientHadAlreadyRead() {
        SequentialConsistencyResult<KvOp, String> result = check(List.of(
            logged(0, 1, KvOp.put("x", "1"), "ok", 0, 10, 1),
            logged(1, 1, KvOp.put("y", "1"), "ok", 11, 20, 3),
            op(2, 2, KvOp.get("y"), "1", 30, 40),
            logged(3, 2, KvOp.put("x", "2"), "ok", 50, 60, 2)));
        assertFalse(result.consistent());
        assertTrue(result.explanation().contains("#3 took effect at log index 2, yet its client had seen log index 3"),
            result.explanation());
    }

    @Test
    void anUpdateMustAnswerWhatItsPlaceInTheLogGives() {
        SequentialConsistencyResult<KvOp, String> result = check(List.of(
            logged(0, 1, KvOp.append("x", "a"), "a", 0, 10, 1),
            logged(1, 2, KvOp.append("x", "b"), "b", 0, 10, 2)));
        assertFalse(result.consistent());
        assertTrue(result.explanation().contains("#1 took effect at log index 2 but answered b"), result.explanation());
    }

    @Test
    void anAnsweredUpdateMissingFromTheLogIsReported() {
        SequentialConsistencyResult<KvOp, String> result = check(List.of(op(0, 1, KvOp.put("x", "1"), "ok", 0, 10)));
        assertFalse(result.consistent());
        assertTrue(result.explanation().contains("never took effect"), result.explanation());
    }

    @Test
    void anIndeterminateUpdateCountsWhereTheLogPutsItAndNowhereElse() {
        log.tookEffect(0, 2, 0);
        SequentialConsistencyResult<KvOp, String> seen = check(List.of(
            Operation.indeterminate(0, 1, KvOp.put("x", "late"), 0),
            Operation.indeterminate(1, 1, KvOp.put("x", "never"), 5),
            logged(2, 1, KvOp.put("y", "1"), "ok", 6, 9, 1),
            op(3, 2, KvOp.get("x"), "", 20, 30),
            op(4, 2, KvOp.get("x"), "late", 40, 50)));
        assertTrue(seen.consistent(), seen.report());
        SequentialConsistencyResult<KvOp, String> never = check(List.of(
            Operation.indeterminate(0, 1, KvOp.put("x", "late"), 0),
            Operation.indeterminate(1, 1, KvOp.put("x", "never"), 5),
            op(3, 2, KvOp.get("x"), "never", 20, 30)));
        assertFalse(never.consistent(), "a write that never took effect cannot be read");
    }

    @Test
    void readsAtTheSamePrefixInAnyNumberAreFine() {
        SequentialConsistencyResult<KvOp, String> result = check(List.of(
            logged(0, 1, KvOp.append("x", "a"), "a", 0, 10, 1),
            op(1, 1, KvOp.get("x"), "a", 11, 12),
            op(2, 1, KvOp.get("x"), "a", 13, 14),
            logged(3, 1, KvOp.append("x", "b"), "ab", 15, 20, 2),
            op(4, 1, KvOp.get("x"), "ab", 21, 22)));
        assertTrue(result.consistent(), result.report());
        assertEquals(3, result.placed());
    }
}
