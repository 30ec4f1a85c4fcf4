package io.synod.testkit;

import java.util.ArrayDeque;
import java.util.function.IntSupplier;

/**
 * The gate every input of a {@link SimNode} passes, so that the node can be <em>paused</em> (a
 * long GC, a stopped VM): its memory stays, its clock stands still and its inputs wait; on
 * resuming it takes every tick it missed first, then the waiting inputs in arrival order, one per
 * simulator event (as the production runtime does: time advances before requests are taken).
 * Kept apart from the node so that holding and replaying inputs is written once, not beside each
 * kind of input.
 *
 * <p>What is held lives in the node's memory: a crash {@linkplain #clear() forgets} it, and a
 * catch-up under way stops when the node's incarnation changes.
 */
final class PauseGate {

    private final Simulation<?, ?> sim;
    /** The node's incarnation now. */
    private final IntSupplier incarnation;
    /** Paused: ticks and inputs are held. */
    private boolean paused;
    /** Resumed but still taking what was held, one input per simulator event. */
    private boolean catchingUp;
    private int missedTicks;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

    PauseGate(Simulation<?, ?> sim, IntSupplier incarnation) {
        this.sim = sim;
        this.incarnation = incarnation;
    }

    /** True while paused, and after resuming until everything held has been taken. */
    boolean holds() {
        return paused || catchingUp;
    }

    /** True while paused (not while catching up after it). */
    boolean isHalted() {
        return paused;
    }

    void pause() {
        paused = true;
    }

    /** Takes {@code input} now, or, while the gate holds, after everything that waits. */
    void take(Runnable input) {
        if (holds()) {
            waiting.addLast(input);
            return;
        }
        input.run();
    }

    /** One tick; a paused node counts it as missed, to be taken when it resumes. */
    void tick(Runnable takeTick) {
        if (paused) {
            missedTicks++;
        } else if (catchingUp) {
            waiting.addLast(takeTick);
        } else {
            takeTick.run();
        }
    }

    /**
     * Resumes a paused node: the ticks it missed come first, every one of them, then the inputs
     * that waited, in the order they arrived; each is one simulator event (so the checks look
     * after each), and anything arriving meanwhile queues behind them.
     *
     * @return the ticks it had missed
     */
    int resume(Runnable takeTick) {
        int missed = missedTicks;
        ArrayDeque<Runnable> held = new ArrayDeque<>(waiting);
        waiting.clear();
        for (int i = 0; i < missedTicks; i++) {
            waiting.addLast(takeTick);
        }
        missedTicks = 0;
        waiting.addAll(held);
        paused = false;
        catchingUp = true;
        catchUp(incarnation.getAsInt());
        return missed;
    }

    private void catchUp(int incarnationThen) {
        if (incarnation.getAsInt() != incarnationThen || paused) {
            return; // crashed (or paused again) meanwhile: what was held is gone or waits on
        }
        Runnable next = waiting.pollFirst();
        if (next == null) {
            catchingUp = false;
            return;
        }
        next.run();
        sim.after(0, () -> catchUp(incarnationThen));
    }

    /** Forgets everything held: the node crashed. */
    void clear() {
        paused = false;
        catchingUp = false;
        missedTicks = 0;
        waiting.clear();
    }
}
