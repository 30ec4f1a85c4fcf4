package io.synod.benchmarks.compare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares counted costs with a {@link Prediction}: the names of the figures that differ in any
 * operation, or that differ between operations of the steady state. Empty when all agree.
 */
public final class CostCheck {

    public static final String DELAYS_TO_ANSWER = "message delays to the answer";
    public static final String DELAYS_TO_QUIET = "message delays until quiet";
    public static final String MESSAGES = "messages";
    public static final String FSYNCS = "forced writes";
    public static final String STEADY_BYTES = "bytes the same in every operation";

    private CostCheck() {
    }

    /** The figures of {@code costs} that do not match {@code predicted}, in a stable order. */
    public static List<String> mismatches(Prediction predicted, List<OperationCost> costs) {
        if (costs.isEmpty()) {
            throw new IllegalArgumentException("no operations counted for " + predicted.protocol());
        }
        Set<String> wrong = new LinkedHashSet<>();
        for (OperationCost c : costs) {
            if (c.delaysToAnswer() != predicted.delaysToAnswer()) {
                wrong.add(DELAYS_TO_ANSWER);
            }
            if (c.delaysToQuiet() != predicted.delaysToQuiet()) {
                wrong.add(DELAYS_TO_QUIET);
            }
            if (c.messages() != predicted.expectedMessages()) {
                wrong.add(MESSAGES);
            }
            if (c.fsyncs() != predicted.fsyncs()) {
                wrong.add(FSYNCS);
            }
            if (c.bytes() != costs.get(0).bytes()) {
                wrong.add(STEADY_BYTES);
            }
        }
        return new ArrayList<>(wrong);
    }
}
