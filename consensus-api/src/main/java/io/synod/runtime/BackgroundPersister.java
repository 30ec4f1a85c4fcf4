package io.synod.runtime;

import io.synod.api.Ready;
import io.synod.spi.HardStateStore;
import io.synod.spi.LogStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Persists on a thread of its own, so that the replica thread is not held by an fsync: it goes on
 * ticking, taking messages and applying what is already durable (etcd's asynchronous storage
 * writes, ZooKeeper's SyncRequestProcessor). One group is in flight at a time; when it is durable
 * the thread rings the replica's doorbell.
 *
 * <p><b>Fail-stop.</b> The first failure ends the thread: that group and every later one stay
 * not done, and {@link #done} throws the failure to the replica thread, which stops the replica.
 * Nothing that reports the failed group ever leaves.
 */
final class BackgroundPersister implements Persister {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundPersister.class);
    /** How long {@link #close} waits for a persist in progress (an fsync on a sick disk can take long). */
    private static final long CLOSE_WAIT_MILLIS = 30_000;
    /** The replica thread's wait in {@link #await}, between looks; the thread is also unparked when done. */
    private static final long AWAIT_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final LogStore log;
    private final HardStateStore hardState;
    private final Runnable onDone;
    private final Thread thread;
    /** The group handed over and not yet durable; null when the thread has nothing to do. */
    private volatile List<Ready> group;
    private volatile long completed;
    private volatile Throwable failure;
    private volatile boolean closing;
    private volatile Thread waiter;
    private long submitted;

    /**
     * @param onDone called on the persisting thread after each group is durable, and after a failure
     */
    BackgroundPersister(String name, LogStore log, HardStateStore hardState, Runnable onDone) {
        this.log = log;
        this.hardState = hardState;
        this.onDone = onDone;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public long submit(List<Ready> next) {
        checkFailure();
        if (completed != submitted) {
            throw new IllegalStateException("group " + (completed + 1) + " is still being persisted");
        }
        group = next;
        LockSupport.unpark(thread);
        return ++submitted;
    }

    @Override
    public boolean done(long ticket) {
        if (completed >= ticket) {
            return true;
        }
        checkFailure();
        return false;
    }

    @Override
    public void await(long ticket) {
        waiter = Thread.currentThread();
        try {
            while (!done(ticket)) {
                LockSupport.parkNanos(this, AWAIT_PARK_NANOS);
            }
        } finally {
            waiter = null;
        }
    }

    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} still persisting after {} ms; the replica closes without waiting for it", thread.getName(),
                CLOSE_WAIT_MILLIS);
        }
    }

    private void checkFailure() {
        Throwable f = failure;
        if (f == null) {
            return;
        }
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("persisting failed", f);
    }

    private void run() {
        while (true) {
            List<Ready> next = group;
            if (next == null) {
                if (closing) {
                    return;
                }
                LockSupport.park(this);
                continue;
            }
            try {
                Persister.persist(next, log, hardState);
            } catch (Throwable e) {
                failure = e;
                wake();
                return;
            }
            group = null;
            completed++;
            wake();
        }
    }

    private void wake() {
        onDone.run();
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }
}
