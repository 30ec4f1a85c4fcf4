package io.synod.testkit.lin;

import io.synod.testkit.kv.KvOp;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Generated histories: those made by running operations atomically at one instant inside their
 * intervals must be accepted; single corruptions are rejected exactly when a brute-force search
 * over all real-time-respecting orders finds no legal one.
 */
class LinearizabilityProperties {

    private final KvModel kv = new KvModel();

    @Provide
    Arbitrary<List<KvOp>> ops() {
        Arbitrary<String> keys = Arbitraries.of("a", "b");
        Arbitrary<String> values = Arbitraries.of("1", "2", "x,");
        Arbitrary<KvOp> op = Arbitraries.oneOf(
            keys.map(KvOp::get),
            Combinators.combine(keys, values).as(KvOp::put),
            Combinators.combine(keys, values).as(KvOp::append),
            keys.map(KvOp::increment));
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    /** Runs ops sequentially on the model at the given instants and wraps each in an interval around it. */
    private List<Operation<KvOp, String>> linearizableHistory(List<KvOp> ops, long seed, boolean overlapping) {
        Random random = new Random(seed);
        List<Operation<KvOp, String>> history = new ArrayList<>();
        java.util.Map<String, String> state = new java.util.HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            KvOp op = ops.get(i);
            long point = 10L * i + 5;
            long invoke = overlapping ? point - random.nextInt(30) : point - 1;
            long response = overlapping ? point + random.nextInt(30) : point + 1;
            KvOp.Applied applied = op.apply(state.getOrDefault(op.key(), ""));
            state.put(op.key(), applied.next());
            if (overlapping && random.nextInt(10) == 0) {
                history.add(Operation.indeterminate(i, i % 3, op, invoke));
            } else {
                history.add(Operation.completed(i, i % 3, op, applied.output(), invoke, response));
            }
        }
        return history;
    }

    @Property(tries = 300)
    void sequentialHistoriesAreAccepted(@ForAll("ops") List<KvOp> ops) {
        assertEquals(CheckResult.Verdict.LINEARIZABLE,
            LinearizabilityChecker.check(kv, linearizableHistory(ops, 0, false)).verdict());
    }

    @Property(tries = 300)
    void concurrentHistoriesWithLinearizationPointsAreAccepted(@ForAll("ops") List<KvOp> ops, @ForAll long seed) {
        assertEquals(CheckResult.Verdict.LINEARIZABLE,
            LinearizabilityChecker.check(kv, linearizableHistory(ops, seed, true)).verdict());
    }

    @Property(tries = 300)
    void aWrongOutputInASequentialHistoryIsRejected(@ForAll("ops") List<KvOp> ops, @ForAll @IntRange(min = 0, max = 1000) int pick) {
        List<Operation<KvOp, String>> history = linearizableHistory(ops, 0, false);
        int i = pick % history.size();
        Operation<KvOp, String> o = history.get(i);
        history.set(i, Operation.completed(o.id(), o.clientId(), o.input(), o.output() + "?", o.invokeTime(), o.responseTime()));
        // With no two operations overlapping there is one order only, and it no longer fits.
        assertEquals(CheckResult.Verdict.NOT_LINEARIZABLE, LinearizabilityChecker.check(kv, history).verdict());
    }

    @Property(tries = 500)
    void corruptionsAreRejectedExactlyWhenNoOrderExplainsThem(@ForAll("ops") List<KvOp> all, @ForAll long seed,
                                                              @ForAll @IntRange(min = 0, max = 1000) int pick) {
        List<KvOp> ops = all.subList(0, Math.min(all.size(), 6));
        List<Operation<KvOp, String>> history = linearizableHistory(ops, seed, true);
        Operation<KvOp, String> o = history.get(pick % history.size());
        if (!o.isIndeterminate()) {
            String[] candidates = {"", "1", "2", "x,", "ok", "1x,", "x,x,"};
            String wrong = candidates[Math.floorMod(seed + pick, candidates.length)];
            history.set(pick % history.size(),
                Operation.completed(o.id(), o.clientId(), o.input(), wrong, o.invokeTime(), o.responseTime()));
        }
        boolean expected = BruteForce.linearizable(kv, history);
        CheckResult.Verdict verdict = LinearizabilityChecker.check(kv, history).verdict();
        assertEquals(expected ? CheckResult.Verdict.LINEARIZABLE : CheckResult.Verdict.NOT_LINEARIZABLE, verdict, history::toString);
    }

    /** Tries every order that respects real time, part by part; indeterminate operations may also be left out. */
    static final class BruteForce {
        static <S, I, O> boolean linearizable(Model<S, I, O> model, List<Operation<I, O>> history) {
            for (List<Operation<I, O>> part : model.partition(history)) {
                List<Operation<I, O>> ops = new ArrayList<>(part);
                ops.sort(Comparator.comparingLong(Operation::invokeTime));
                if (!search(model, ops, new boolean[ops.size()], model.init(), 0)) {
                    return false;
                }
            }
            return true;
        }

        private static <S, I, O> boolean search(Model<S, I, O> model, List<Operation<I, O>> ops, boolean[] used, S state, int done) {
            boolean anyDeterminateLeft = false;
            for (int i = 0; i < ops.size(); i++) {
                if (!used[i] && !ops.get(i).isIndeterminate()) {
                    anyDeterminateLeft = true;
                }
            }
            if (!anyDeterminateLeft) {
                return true; // the remaining indeterminate operations never took effect
            }
            for (int i = 0; i < ops.size(); i++) {
                if (used[i] || !minimal(ops, used, i)) {
                    continue;
                }
                Operation<I, O> op = ops.get(i);
                var next = model.step(state, op.input(), op.output());
                if (next.isPresent()) {
                    used[i] = true;
                    boolean ok = search(model, ops, used, next.get(), done + 1);
                    used[i] = false;
                    if (ok) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** No unused operation finished strictly before {@code i} began. */
        private static <I, O> boolean minimal(List<Operation<I, O>> ops, boolean[] used, int i) {
            for (int j = 0; j < ops.size(); j++) {
                if (!used[j] && j != i && ops.get(j).responseTime() < ops.get(i).invokeTime()) {
                    return false;
                }
            }
            return true;
        }
    }
}
