package io.synod.testkit;

import io.synod.testkit.lin.CheckResult;
import io.synod.testkit.lin.LinearizabilityChecker;
import io.synod.testkit.lin.LogOrder;
import io.synod.testkit.lin.Model;
import io.synod.testkit.lin.Operation;
import io.synod.testkit.lin.SequentialConsistencyChecker;
import io.synod.testkit.lin.SequentialConsistencyResult;
import io.synod.testkit.trace.Trace;

import java.util.List;
import java.util.Optional;

/**
 * What one simulated run did and found.
 *
 * @param config           the run's configuration (seed included)
 * @param schedule         the faults planned for it
 * @param history          every client operation, indeterminate ones included
 * @param logOrder         where in the log each operation that went through it took effect
 * @param violations       safety violations and unexpected exceptions (the run stopped at the first)
 * @param violatedChecks   the check that found each violation, in the same order (see {@link Checks})
 * @param livenessFailures quiet-period operations that did not complete in time
 * @param stats            counts of what happened
 * @param trace            the recorded trace (empty unless the configuration asked for it)
 */
public record SimulationResult<I, O>(
    SimulationConfig<I, O> config,
    FaultSchedule schedule,
    List<Operation<I, O>> history,
    LogOrder logOrder,
    List<String> violations,
    List<String> violatedChecks,
    List<String> livenessFailures,
    SimulationStats stats,
    Trace trace) {

    public SimulationResult {
        history = List.copyOf(history);
        violations = List.copyOf(violations);
        violatedChecks = List.copyOf(violatedChecks);
        livenessFailures = List.copyOf(livenessFailures);
    }

    public long seed() {
        return config.seed();
    }

    /**
     * Checks the history against the configuration's model; linearizable if it has none. With
     * {@link ReadMode#LOCAL} only the operations that went through the log are checked: local
     * reads are not linearizable by design, and {@link #sequentialConsistency()} judges them.
     */
    public CheckResult<I, O> linearizability() {
        return check(config.model());
    }

    private <S> CheckResult<I, O> check(Model<S, I, O> model) {
        if (model == null) {
            return new CheckResult<>(CheckResult.Verdict.LINEARIZABLE, List.of(), List.of(), "no model to check against");
        }
        if (config.readMode() == ReadMode.LOCAL) {
            return LinearizabilityChecker.check(model, history.stream().filter(op -> !isLocalRead(op)).toList());
        }
        return LinearizabilityChecker.check(model, history);
    }

    /**
     * With {@link ReadMode#LOCAL}: checks that every local read saw a prefix of the log no older
     * than what its client had seen or written before, and every update fits its place in the log
     * ({@link SequentialConsistencyChecker}). Consistent if there are no local reads or no model.
     */
    public SequentialConsistencyResult<I, O> sequentialConsistency() {
        return checkSequential(config.model());
    }

    private <S> SequentialConsistencyResult<I, O> checkSequential(Model<S, I, O> model) {
        if (model == null || config.readMode() != ReadMode.LOCAL) {
            return new SequentialConsistencyResult<>(true, 0, "no local reads to check", List.of(), 0);
        }
        return SequentialConsistencyChecker.check(model, history, logOrder, config.workload()::isRead);
    }

    private boolean isLocalRead(Operation<I, O> op) {
        return config.readMode() == ReadMode.LOCAL && config.workload().isRead(op.input());
    }

    /**
     * The check that failed the run, in the order {@link #failure()} reports: the first safety
     * violation's check (a {@link Checks} name or an invariant's name), else {@link Checks#LIVENESS}
     * (if the configuration expects liveness), else {@link Checks#LINEARIZABILITY}, else
     * {@link Checks#SEQUENTIAL_CONSISTENCY}; empty if the run passed.
     */
    public Optional<String> caughtBy() {
        if (!violatedChecks.isEmpty()) {
            return Optional.of(violatedChecks.get(0));
        }
        if (config.expectLiveness() && !livenessFailures.isEmpty()) {
            return Optional.of(Checks.LIVENESS);
        }
        if (!linearizability().isLinearizable()) {
            return Optional.of(Checks.LINEARIZABILITY);
        }
        return sequentialConsistency().consistent() ? Optional.empty() : Optional.of(Checks.SEQUENTIAL_CONSISTENCY);
    }

    /**
     * Everything wrong with the run, or empty: safety violations, then (if the configuration
     * expects liveness) late quiet-period operations, then linearizability, then (local reads)
     * sequential consistency.
     */
    public Optional<String> failure() {
        if (!violations.isEmpty()) {
            return Optional.of("safety: " + String.join("\n", violations));
        }
        if (config.expectLiveness() && !livenessFailures.isEmpty()) {
            int shown = Math.min(5, livenessFailures.size());
            return Optional.of("liveness: " + livenessFailures.size() + " quiet-period operations were late, e.g.\n  "
                + String.join("\n  ", livenessFailures.subList(0, shown)));
        }
        CheckResult<I, O> lin = linearizability();
        if (!lin.isLinearizable()) {
            return Optional.of("linearizability: " + lin.report());
        }
        SequentialConsistencyResult<I, O> sequential = sequentialConsistency();
        if (!sequential.consistent()) {
            return Optional.of("sequential consistency: " + sequential.report());
        }
        return Optional.empty();
    }
}
