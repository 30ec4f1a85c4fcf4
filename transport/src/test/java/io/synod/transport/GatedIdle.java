package io.synod.transport;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An idle strategy a test can close like a gate: once {@link #hold()} is called, the replica
 * thread, the next time it finds nothing to do, waits between two duty cycles until
 * {@link #release()}. A test lines up what the thread will find when it resumes (time moved,
 * requests queued), exactly as a pause of that thread would leave it, without racing the thread.
 */
final class GatedIdle implements IdleStrategy {

    private volatile CountDownLatch gate;
    private volatile CountDownLatch held = new CountDownLatch(1);

    /** Makes the replica thread wait at its next idle moment. */
    void hold() {
        held = new CountDownLatch(1);
        gate = new CountDownLatch(1);
    }

    /** Waits, with a generous bound, until the replica thread waits at the gate. */
    void awaitHeld() throws InterruptedException {
        if (!held.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the replica thread never went idle");
        }
    }

    /** Lets the replica thread go on. */
    void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            return;
        }
        idle();
    }

    @Override
    public void idle() {
        CountDownLatch g = gate;
        if (g != null) {
            held.countDown();
            try {
                while (!g.await(1, TimeUnit.SECONDS)) {
                    // keep waiting: only the test lets the thread go
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        LockSupport.parkNanos(50_000);
    }

    @Override
    public void reset() {
    }
}
