package io.synod.transport;

import io.synod.api.LogEntry;
import io.synod.spi.LogStore;
import io.synod.storage.MemoryLogStore;

import java.util.List;

/**
 * A memory log that writes "append", "truncate" and "sync" into a list its test shares with other
 * recorders (a hard-state store, a state machine), so that the test can read the order in which the
 * runtime made its calls on the replica thread.
 */
final class RecordingLog implements LogStore {

    private final MemoryLogStore log = new MemoryLogStore();
    private final List<String> calls;

    /** {@code calls} must be safe to add to from the replica thread while the test reads it. */
    RecordingLog(List<String> calls) {
        this.calls = calls;
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
        calls.add("append");
        log.append(entries);
    }

    @Override
    public void truncateSuffix(long fromIndex) {
        calls.add("truncate");
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
        calls.add("sync");
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
