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
 * <p>When a part fails, its counterexample is shrunk: reads invoked after the point where the
 * search got stuck are cut and later writes made indeterminate, if the part still fails (a later
 * write may have taken effect before an earlier operation returned, so it is never cut); then,
 * from the last to the first, each
 * completed operation is made indeterminate (a weaker observation; a read is dropped outright)
 * and kept so when the part still fails. What remains is a set of observations that cannot all
 * be true, with everything else allowed to happen at any time. Shrinking has its own bounded
 * budget, so a huge part may keep more operations than strictly needed.
 */
public final class LinearizabilityChecker {

    /** Search steps allowed per part before the verdict is {@code UNKNOWN}. */
    public static final long DEFAULT_BUDGET = 20_000_000;

    private static final int SHRINK_LIMIT = 400;
    private static final long SHRINK_BUDGET = 100_000;
    private static final long SHRINK_TOTAL = 3_000_000;

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
                return new CheckResult<>(CheckResult.Verdict.NOT_LINEARIZABLE, part, shrink(model, part, search.blockingTime()),
                    search.explain());
            }
            if (outcome == WingGongSearch.Outcome.UNKNOWN && unknown == null) {
                unknown = new CheckResult<>(CheckResult.Verdict.UNKNOWN, part, List.of(),
                    "a part of " + part.size() + " operations needs more than " + budget + " search steps");
            }
        }
        return unknown != null ? unknown : CheckResult.linearizable();
    }

    private static <S, I, O> List<Operation<I, O>> shrink(Model<S, I, O> model, List<Operation<I, O>> part, long blockedAt) {
        List<Operation<I, O>> current = new ArrayList<>(part);
        // Operations invoked after the search got stuck rarely matter: try without what they
        // observed first. A later write is kept, unobserved, not cut: it may still have taken
        // effect before an earlier operation returned, and an answer that shows it must not
        // become a contradiction of the shrinking's own making.
        List<Operation<I, O>> prefix = new ArrayList<>();
        boolean weakened = false;
        for (Operation<I, O> op : part) {
            if (op.invokeTime() <= blockedAt) {
                prefix.add(op);
            } else {
                weakened = true;
                if (!model.readOnly(op.input())) {
                    prefix.add(op.isIndeterminate() ? op : op.forgetOutcome());
                }
            }
        }
        if (weakened && fails(model, prefix, SHRINK_BUDGET)) {
            current = prefix;
        }
        if (current.size() <= SHRINK_LIMIT) {
            long spent = 0;
            for (int i = current.size() - 1; i >= 0 && spent < SHRINK_TOTAL; i--) {
                Operation<I, O> op = current.get(i);
                if (op.isIndeterminate()) {
                    continue;
                }
                List<Operation<I, O>> weaker = new ArrayList<>(current);
                if (model.readOnly(op.input())) {
                    weaker.remove(i);
                } else {
                    weaker.set(i, op.forgetOutcome());
                }
                WingGongSearch<S, I, O> search = new WingGongSearch<>(model, weaker, SHRINK_BUDGET);
                if (search.run() == WingGongSearch.Outcome.NOT_LINEARIZABLE) {
                    current = weaker;
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

    private static <S, I, O> boolean fails(Model<S, I, O> model, List<Operation<I, O>> ops, long budget) {
        return new WingGongSearch<>(model, ops, budget).run() == WingGongSearch.Outcome.NOT_LINEARIZABLE;
    }
}
