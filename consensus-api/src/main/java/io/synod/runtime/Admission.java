package io.synod.runtime;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The window of commands one handle keeps in flight: a submitter waits for room, the replica
 * thread makes room as commands complete. Once {@link #shut() shut} (the replica stopped or
 * closed) nobody waits any more: every waiter and every later {@link #enter()} passes at once, and
 * the caller, seeing the replica no longer runs, fails its request instead of blocking forever.
 *
 * <p>Thread-safe.
 */
final class Admission {

    /** Enough permits that no caller of a shut admission ever waits. */
    private static final int FLOOD = Integer.MAX_VALUE / 2;

    private final Semaphore permits;
    private final AtomicBoolean shut = new AtomicBoolean();

    Admission(int window) {
        this.permits = new Semaphore(window);
    }

    /** Waits for room for one more command; returns false once shut. */
    boolean enter() {
        if (shut.get()) {
            return false;
        }
        permits.acquireUninterruptibly();
        return !shut.get();
    }

    /** One command left the window. */
    void leave() {
        if (!shut.get()) {
            permits.release();
        }
    }

    /** Lets every waiter through, now and from now on. */
    void shut() {
        if (shut.compareAndSet(false, true)) {
            permits.release(FLOOD);
        }
    }
}
