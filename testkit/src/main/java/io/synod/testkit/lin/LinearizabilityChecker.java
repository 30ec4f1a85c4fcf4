package io.synod.testkit.lin;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a history of concurrent operations is linearizable with respect to a
 * {@link Model}: whether each operation can be given one instant between its invocation and its
 * response such that the outputs match the model run sequentially in that order.
 *
 * <p>The search is Wing and Gong's, with Lowe's memoisation, as Porcupine runs it: walk the
 * invocation/response events in time order, tentatively linearize a pending operation whose
 * output the model accepts, backtrack at a response whose operation was not linearized in time,
 * and never revisit a (set of linearized operations, state) pair. The history is first split
 * into the model's independent parts (per key), which keeps the search small.
 *
 * <p>When a part fails, its counterexample is shrunk: each completed operation in turn is made
 * indeterminate (a weaker observation), and kept so when the part still fails. What remains is a
 * set of observations that cannot all be true, with everything else allowed to happen at any time.
 */
public final class LinearizabilityChecker {

    /** Search steps allowed per part before the verdict is {@code UNKNOWN}. */
    public static final long DEFAULT_BUDGET = 20_000_000;

    private static final int SHRINK_LIMIT = 400;
    private static final long SHRINK_BUDGET = 4_000_000;

    private LinearizabilityChecker() {
    }

    /** Checks {@code history} with the default budget. */
    public static <S, I, O> CheckResult<I, O> check(Model<S, I, O> model, List<Operation<I, O>> history) {
        return check(model, history, DEFAULT_BUDGET);
    }

    /** Checks {@code history}, allowing {@code budget} search steps per part. */
    public static <S, I, O> CheckResult<I, O> check(Model<S, I, O> model, List<Operation<I, O>> history, long budget) {
        CheckResult<I, O> unknown = null;
        for (List<Operation<I, O>> part : model.partition(history)) {
            WingGongSearch<S, I, O> search = new WingGongSearch<>(model, part, budget);
            WingGongSearch.Outcome outcome = search.run();
            if (outcome == WingGongSearch.Outcome.NOT_LINEARIZABLE) {
                return new CheckResult<>(CheckResult.Verdict.NOT_LINEARIZABLE, part, shrink(model, part), search.explain());
            }
            if (outcome == WingGongSearch.Outcome.UNKNOWN && unknown == null) {
                unknown = new CheckResult<>(CheckResult.Verdict.UNKNOWN, part, List.of(),
                    "a part of " + part.size() + " operations needs more than " + budget + " search steps");
            }
        }
        return unknown != null ? unknown : CheckResult.linearizable();
    }

    private static <S, I, O> List<Operation<I, O>> shrink(Model<S, I, O> model, List<Operation<I, O>> part) {
        List<Operation<I, O>> current = new ArrayList<>(part);
        if (current.size() <= SHRINK_LIMIT) {
            long spent = 0;
            for (int i = 0; i < current.size() && spent < SHRINK_BUDGET * 4; i++) {
                Operation<I, O> op = current.get(i);
                if (op.isIndeterminate()) {
                    continue;
                }
                current.set(i, op.forgetOutcome());
                WingGongSearch<S, I, O> search = new WingGongSearch<>(model, current, SHRINK_BUDGET);
                if (search.run() != WingGongSearch.Outcome.NOT_LINEARIZABLE) {
                    current.set(i, op);
                }
                spent += search.steps();
            }
        }
        List<Operation<I, O>> core = new ArrayList<>();
        for (Operation<I, O> op : current) {
            if (!op.isIndeterminate()) {
                core.add(op);
            }
        }
        return core;
    }
}
