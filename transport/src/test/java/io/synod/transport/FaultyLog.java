package io.synod.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A memory log whose {@link #sync()} fails once when the test says so, as a disk that returns EIO
 * on one fsync would; later syncs succeed again (as Linux's do once the error was reported: the
 * "fsyncgate" behaviour). It records that the failure happened, so a test can check that nothing
 * was sent after it. It can also hold syncs, as a disk whose fsync stalls for a while.
 */
final class FaultyLog extends MemoryLogWrapper {

    private final AtomicInteger syncsBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicBoolean failed = new AtomicBoolean();
    final UncheckedIOException failure = new UncheckedIOException("fsync failed", new IOException("EIO"));

    /** The sync after {@code n} more successful ones fails; the ones after it succeed. */
    void failAfter(int n) {
        syncsBeforeFailure.set(n);
    }

    private volatile CountDownLatch hold;
    private volatile CountDownLatch held = new CountDownLatch(1);

    /** From now on every sync waits until {@link #release()}. */
    void holdSyncs() {
        held = new CountDownLatch(1);
        hold = new CountDownLatch(1);
    }

    /** Lets held syncs (and later ones) go on. */
    void release() {
        CountDownLatch h = hold;
        if (h != null) {
            h.countDown();
        }
    }

    /** Waits until a sync is held; false if none was within {@code seconds}. */
    boolean awaitHeldSync(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    /** True once a sync has failed. */
    boolean hasFailed() {
        return failed.get();
    }

    @Override
    public void sync() {
        CountDownLatch h = hold;
        if (h != null) {
            held.countDown();
            try {
                if (!h.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("a held sync was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (syncsBeforeFailure.getAndDecrement() == 0) {
            failed.set(true);
            throw failure;
        }
        log.sync();
    }
}
