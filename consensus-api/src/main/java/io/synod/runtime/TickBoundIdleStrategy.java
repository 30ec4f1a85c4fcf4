package io.synod.runtime;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The replica thread's default idle strategy: a few spins, a few yields, then one park that lasts
 * until the replica's next tick.
 *
 * <p>Agrona's backoff parks for 1 us, then 2, 4 and so on up to a fixed bound, so that work is
 * found soon after it comes. A replica needs no such schedule: every kind of work but the tick (an
 * arrived message or suspicion, a client request, a finished fsync or snapshot) rings its
 * {@link Doorbell}, whose unpark ends a park at once. The short parks only woke the thread to find
 * nothing, hundreds of times a second in an idle replica (the ramp starts again after every tick and
 * heartbeat), and under load they found no work sooner than the ring would have brought it.
 *
 * <p>Until a replica binds it ({@link #boundBy}), or used on a thread of another kind, it parks
 * 1 ms at a time, as {@code new BackoffIdleStrategy(spins, yields, 1_000_000, 1_000_000)} does.
 *
 * <p>Not thread-safe: it belongs to the thread that idles, but for {@link #wake()}.
 */
public final class TickBoundIdleStrategy implements IdleStrategy {

    /** The park while no deadline is bound. */
    static final long UNBOUND_PARK_NANOS = 1_000_000;

    private final long maxSpins;
    private final long maxYields;
    private final LongConsumer parker;
    private LongSupplier nanosToDeadline;
    private volatile boolean woken;
    private volatile Thread idler;
    private long spins;
    private long yields;

    /**
     * @param maxSpins  busy spins before the first yield, after a cycle that did work
     * @param maxYields yields before the thread parks
     */
    public TickBoundIdleStrategy(long maxSpins, long maxYields) {
        this(maxSpins, maxYields, null);
    }

    /** With {@code parker} in place of {@link LockSupport#parkNanos(Object, long)} (null: that): for tests. */
    TickBoundIdleStrategy(long maxSpins, long maxYields, LongConsumer parker) {
        if (maxSpins < 0 || maxYields < 0) {
            throw new IllegalArgumentException("spins and yields must be >= 0, were " + maxSpins + " and " + maxYields);
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.parker = parker;
    }

    /**
     * Bounds every park by {@code nanosToDeadline}, read on the idling thread before each park: the
     * time left to the replica's next tick (zero or less: do not park).
     */
    void boundBy(LongSupplier nanosToDeadline) {
        this.nanosToDeadline = nanosToDeadline;
    }

    /**
     * Ends a park in progress and parks no more (the thread still spins and yields): the replica is
     * closing, and its runner waits for the thread to see that.
     */
    void wake() {
        woken = true;
        Thread t = idler;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            reset();
        } else {
            idle();
        }
    }

    @Override
    public void idle() {
        if (spins < maxSpins) {
            spins++;
            Thread.onSpinWait();
        } else if (yields < maxYields || woken) {
            yields++;
            Thread.yield();
        } else {
            long nanos = nanosToDeadline == null ? UNBOUND_PARK_NANOS : nanosToDeadline.getAsLong();
            if (nanos <= 0) {
                return;
            }
            if (idler == null) {
                idler = Thread.currentThread();
                if (woken) { // published before this thread was known: wake() could not unpark it
                    return;
                }
            }
            if (parker == null) {
                LockSupport.parkNanos(this, nanos); // the blocker tells a thread dump (and a test) who parks
            } else {
                parker.accept(nanos);
            }
        }
    }

    @Override
    public void reset() {
        spins = 0;
        yields = 0;
    }

    @Override
    public String alias() {
        return "tick-bound";
    }

    @Override
    public String toString() {
        return "TickBoundIdleStrategy{spins=" + maxSpins + ", yields=" + maxYields + "}";
    }
}
