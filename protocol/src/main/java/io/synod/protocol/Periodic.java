package io.synod.protocol;

/**
 * Something a core does every so many ticks — a leader's heartbeat, a learner's catch-up
 * request, a coordinator re-announcing a decision nobody acknowledged — counted in ticks so that
 * it runs the same under the runtime and the simulator.
 *
 * <pre>{@code
 * Periodic heartbeat = new Periodic(3);
 * void tick() { if (leading && heartbeat.tick()) broadcastHeartbeat(); }
 * }</pre>
 */
public final class Periodic {

    private final int everyTicks;
    private int elapsed;

    /** Due every {@code everyTicks} (at least 1) ticks, the first time {@code everyTicks} ticks from now. */
    public Periodic(int everyTicks) {
        if (everyTicks < 1) {
            throw new IllegalArgumentException("a period needs at least 1 tick, was " + everyTicks);
        }
        this.everyTicks = everyTicks;
    }

    /** Counts one tick; true on every {@code everyTicks}-th. */
    public boolean tick() {
        if (++elapsed >= everyTicks) {
            elapsed = 0;
            return true;
        }
        return false;
    }

    /** Starts the count over: the next time it is due is {@code everyTicks} ticks from now. */
    public void reset() {
        elapsed = 0;
    }

    public int everyTicks() {
        return everyTicks;
    }
}
