package io.synod.testkit;

import io.synod.testkit.lin.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The liveness check of a run's quiet period ({@link Checks#LIVENESS}): after the heal every new
 * operation must complete within {@code livenessTicks} (a command refused at once because its
 * session, opened in the chaos, expired while its client was cut off counts as answered), some
 * must complete, and every observer not stopped for good must learn the log at least as far as it
 * was chosen at the heal. Kept apart from the {@link Simulation}, which only tells it when the
 * quiet part began and which refusals were such expiries, and asks for the verdict at the end.
 */
final class LivenessCheck<I, O> {

    private final SimulationConfig<I, O> config;
    private final SimNode[] nodes;
    private final int[] observers;
    /**
     * Operations refused for good because their session, opened during the chaos, had expired:
     * the history ids and when the refusal came. Answered, not stuck, so liveness excuses them.
     */
    private final HashMap<Integer, Long> lostWithChaosSession = new HashMap<>();
    /** The highest index chosen when the quiet part began: every observer must learn at least that far. */
    private long chosenAtHeal;

    LivenessCheck(SimulationConfig<I, O> config, SimNode[] nodes, int[] observers) {
        this.config = config;
        this.nodes = nodes;
        this.observers = observers;
    }

    /** The quiet part begins; {@code highestChosen} is the highest index chosen so far. */
    void healed(long highestChosen) {
        chosenAtHeal = highestChosen;
    }

    /** History operation {@code historyId} was refused at {@code at} because its session, opened in the chaos, expired. */
    void lostWithChaosSession(int historyId, long at) {
        lostWithChaosSession.put(historyId, at);
    }

    /**
     * Quiet-part operations that were late or never completed; and, so that the check cannot pass
     * vacuously (clients still busy with chaos-era operations issue nothing new), a failure if no
     * operation invoked in the quiet part completed at all ({@code violated}: another check
     * already stopped the run).
     */
    List<String> failures(List<Operation<I, O>> operations, long quietAt, boolean violated) {
        List<String> late = new ArrayList<>();
        long bound = config.livenessTicks() * config.tickMicros();
        boolean anyCompleted = false;
        for (Operation<I, O> op : operations) {
            if (op.invokeTime() < quietAt) {
                continue;
            }
            anyCompleted |= !op.isIndeterminate();
            Long refusedAt = lostWithChaosSession.get(op.id());
            if (refusedAt != null) {
                // A client cut off from the leader in the chaos for longer than its timeout finds
                // its session gone at its next command: a prompt, definite refusal is progress.
                if (refusedAt - op.invokeTime() > bound) {
                    late.add(op + " was refused (its session expired in the chaos) only after "
                        + (refusedAt - op.invokeTime()) / config.tickMicros() + " ticks (bound " + config.livenessTicks() + ")");
                }
            } else if (op.isIndeterminate()) {
                late.add(op + " was invoked in the quiet period and never completed");
            } else if (op.responseTime() - op.invokeTime() > bound) {
                late.add(op + " took " + (op.responseTime() - op.invokeTime()) / config.tickMicros()
                    + " ticks in the quiet period (bound " + config.livenessTicks() + ")");
            }
        }
        if (!anyCompleted && config.quietTicks() > 0 && config.clients() > 0 && !violated) {
            late.add("no operation invoked after the heal completed, so the quiet period showed nothing");
        }
        for (int id : observers) {
            SimNode observer = nodes[id];
            if (config.quietTicks() > 0 && !observer.isFailed() && observer.committedIndex() < chosenAtHeal) {
                late.add("observer " + id + " learned the log through index " + observer.committedIndex() + " only, but index "
                    + chosenAtHeal + " was chosen before the heal");
            }
        }
        return late;
    }
}
