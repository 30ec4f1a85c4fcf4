package io.synod.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets producers wake a duty-cycle thread that found nothing to do, so that it can park for long
 * stretches (sparing the CPU) without sleeping through the arrival of work.
 *
 * <p>The consumer, finding its queue empty, calls {@link #idle()} and then looks at the queue
 * once more before it idles; a producer publishes its item and then calls {@link #ring()}. One
 * of the two always sees the other's write, so an item never waits for a park to time out.
 * Ringing costs a fence and, only when the consumer had gone idle, one {@code unpark}. An unpark
 * that comes before the park merely makes that park return at once.
 *
 * <pre>{@code
 * int n = queue.drain(handler, limit);
 * if (n == 0) {
 *     doorbell.idle();
 *     n = queue.drain(handler, limit);
 * }
 * if (n > 0) {
 *     doorbell.busy();
 * }
 * }</pre>
 *
 * <p>Thread-safe: one consumer thread, any number of producers.
 */
public final class Doorbell {

    private static final VarHandle IDLE;

    static {
        try {
            IDLE = MethodHandles.lookup().findVarHandle(Doorbell.class, "idle", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Thread consumer;
    @SuppressWarnings("unused") // accessed through IDLE as well
    private volatile boolean idle;

    /** The consumer found nothing; it must look once more before it idles. */
    public void idle() {
        Thread current = Thread.currentThread();
        if (consumer != current) {
            consumer = current;
        }
        idle = true;
    }

    /** The consumer found work. */
    public void busy() {
        if (idle) {
            idle = false;
        }
    }

    /** A producer published work: wake the consumer if it went idle. */
    public void ring() {
        // The item's store must be visible before the flag is read (store-load order).
        VarHandle.fullFence();
        if (idle && IDLE.compareAndSet(this, true, false)) {
            LockSupport.unpark(consumer);
        }
    }
}
