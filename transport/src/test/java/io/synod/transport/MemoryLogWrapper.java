package io.synod.transport;

import io.synod.api.LogEntry;
import io.synod.spi.LogStore;
import io.synod.storage.MemoryLogStore;

import java.util.List;

/**
 * A memory log that a test's own log extends to change one or two calls (record them, fail or hold a
 * sync); every call it does not override goes to the memory log unchanged.
 */
abstract class MemoryLogWrapper implements LogStore {

    protected final MemoryLogStore log = new MemoryLogStore();

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
    public void sync() {
        log.sync();
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
