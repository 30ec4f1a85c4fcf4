package io.synod.transport;

import io.synod.api.LogEntry;
import io.synod.spi.LogStore;
import io.synod.storage.MemoryLogStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A memory log whose {@link #sync()} fails once when the test says so, as a disk that returns EIO
 * on one fsync would; later syncs succeed again (as Linux's do once the error was reported: the
 * "fsyncgate" behaviour). It records that the failure happened, so a test can check that nothing
 * was sent after it.
 */
final class FaultyLog implements LogStore {

    private final MemoryLogStore log = new MemoryLogStore();
    private final AtomicInteger syncsBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicBoolean failed = new AtomicBoolean();
    final UncheckedIOException failure = new UncheckedIOException("fsync failed", new IOException("EIO"));

    /** The sync after {@code n} more successful ones fails; the ones after it succeed. */
    void failAfter(int n) {
        syncsBeforeFailure.set(n);
    }

    /** True once a sync has failed. */
    boolean hasFailed() {
        return failed.get();
    }

    @Override
    public void sync() {
        if (syncsBeforeFailure.getAndDecrement() == 0) {
            failed.set(true);
            throw failure;
        }
        log.sync();
    }

    @Override
    public long firstIndex() {
        return log.firstIndex();
    }

    @Override
    public long lastIndex() {
        return log.lastIndex();
    }

    @Override
    public void append(List<LogEntry> entries) {
        log.append(entries);
    }

    @Override
    public void truncateSuffix(long fromIndex) {
        log.truncateSuffix(fromIndex);
    }

    @Override
    public void compactPrefix(long throughIndex) {
        log.compactPrefix(throughIndex);
    }

    @Override
    public LogEntry entry(long index) {
        return log.entry(index);
    }

    @Override
    public List<LogEntry> entries(long fromIndex, long toIndex) {
        return log.entries(fromIndex, toIndex);
    }

    @Override
    public void reset(long snapshotIndex) {
        log.reset(snapshotIndex);
    }

    @Override
    public void close() {
        log.close();
    }
}
