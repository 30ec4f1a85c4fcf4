package io.synod.benchmarks.compare;

import java.util.List;

/**
 * One run of a profile: its measured scenarios (baselines first), the counted per-operation costs
 * beside their predictions, and what the machine was doing.
 *
 * @param loadBefore the system load average when the run began (-1 where the OS does not say)
 * @param loadAfter  the same when it ended
 */
public record Comparison(Profile profile, String started, int processors, String java, double loadBefore, double loadAfter,
                         List<Measured> measured, List<Cost> costs) {

    /**
     * Counted costs of one protocol with {@code n} nodes.
     *
     * @param counted    the first measured operation's cost (the check makes sure the others equal it)
     * @param mismatches figures that differ from the prediction (empty: all agree)
     */
    public record Cost(Prediction predicted, OperationCost counted, List<String> mismatches) {
    }
}
