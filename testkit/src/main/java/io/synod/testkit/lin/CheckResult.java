package io.synod.testkit.lin;

import java.util.List;

/**
 * The linearizability checker's verdict on a history.
 *
 * @param verdict        linearizable, not, or unknown (the search ran out of budget)
 * @param partition      the operations of the part that failed (empty unless it failed)
 * @param counterexample the completed operations of a small sub-history that still cannot be
 *                       linearized when every other operation of the part is made
 *                       indeterminate (may take effect at any time after its invocation, or never)
 * @param explanation    where the search got stuck, in words
 * @param <I>            the model's input type
 * @param <O>            the model's output type
 */
public record CheckResult<I, O>(Verdict verdict, List<Operation<I, O>> partition,
                                List<Operation<I, O>> counterexample, String explanation) {

    /** What the checker found. */
    public enum Verdict { LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN }

    public CheckResult {
        partition = List.copyOf(partition);
        counterexample = List.copyOf(counterexample);
    }

    static <I, O> CheckResult<I, O> linearizable() {
        return new CheckResult<>(Verdict.LINEARIZABLE, List.of(), List.of(), "linearizable");
    }

    public boolean isLinearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }

    /** A report fit for a failure message. */
    public String report() {
        if (verdict == Verdict.LINEARIZABLE) {
            return "linearizable";
        }
        StringBuilder out = new StringBuilder();
        out.append(verdict == Verdict.UNKNOWN ? "linearizability UNKNOWN (search budget exhausted)" : "NOT linearizable")
            .append(": ").append(explanation).append('\n');
        if (!counterexample.isEmpty()) {
            out.append("  minimal core (these completed operations contradict each other; the other ")
                .append(partition.size() - counterexample.size()).append(" of this part may have happened at any time):\n");
            for (Operation<I, O> op : counterexample) {
                out.append("    ").append(op).append('\n');
            }
        }
        return out.toString();
    }
}
