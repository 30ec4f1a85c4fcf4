package io.synod.testkit.lin;

import java.util.List;

/**
 * The sequential consistency checker's verdict on a history.
 *
 * @param consistent  true when every read fits a prefix of the log no older than what its client
 *                    had seen, and every update fits its place in the log
 * @param placed      how many reads were placed on a prefix of the log
 * @param explanation what went wrong first (by invocation time), in words; "consistent" otherwise
 * @param witnesses   the operations the explanation names: the offending one first, then the one
 *                    that showed its client a newer state, if any
 * @param violations  how many operations broke the property in all
 * @param <I>         the model's input type
 * @param <O>         the model's output type
 */
public record SequentialConsistencyResult<I, O>(boolean consistent, int placed, String explanation,
                                                List<Operation<I, O>> witnesses, int violations) {

    public SequentialConsistencyResult {
        witnesses = List.copyOf(witnesses);
    }

    /** A report fit for a failure message. */
    public String report() {
        if (consistent) {
            return "sequentially consistent (" + placed + " reads placed on the log)";
        }
        StringBuilder out = new StringBuilder("NOT sequentially consistent with the log's order");
        out.append(violations > 1 ? " (" + violations + " operations; the first)" : "").append(": ").append(explanation).append('\n');
        for (Operation<I, O> op : witnesses) {
            out.append("    ").append(op).append('\n');
        }
        return out.toString();
    }
}
