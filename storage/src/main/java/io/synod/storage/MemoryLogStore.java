package io.synod.storage;

import io.synod.api.LogEntry;
import io.synod.spi.LogStore;

import java.util.ArrayList;
import java.util.List;

/**
 * A log held in memory: for tests and benchmarks, and for replicas that accept losing their log
 * with their process. {@link #sync()} does nothing, since nothing outlives the JVM anyway.
 * Thread-safe; a refused append changes nothing.
 */
public final class MemoryLogStore implements LogStore {

    private final ArrayList<LogEntry> entries = new ArrayList<>();
    private long firstIndex = 1;
    private long suspectFrom;
    private long suspectThrough;

    @Override
    public String toString() {
        return "memory log@" + Integer.toHexString(System.identityHashCode(this));
    }

    @Override
    public synchronized long firstIndex() {
        return firstIndex;
    }

    @Override
    public synchronized long lastIndex() {
        return firstIndex + entries.size() - 1;
    }

    @Override
    public synchronized void append(List<LogEntry> batch) {
        long expected = lastIndex() + 1;
        // Check the whole batch first: a refused append changes nothing.
        for (LogEntry e : batch) {
            if (e.index() != expected) {
                throw new IllegalArgumentException("append at " + e.index() + " would leave a gap or overlap; next index is " + (lastIndex() + 1));
            }
            expected++;
        }
        entries.addAll(batch);
    }

    @Override
    public synchronized void truncateSuffix(long fromIndex) {
        if (fromIndex <= lastIndex()) {
            int keep = (int) Math.max(0, fromIndex - firstIndex);
            entries.subList(keep, entries.size()).clear();
        }
    }

    @Override
    public synchronized void compactPrefix(long throughIndex) {
        if (throughIndex < firstIndex) {
            return;
        }
        int drop = (int) Math.min(entries.size(), throughIndex - firstIndex + 1);
        entries.subList(0, drop).clear();
        moveFirstIndex(throughIndex + 1);
    }

    @Override
    public synchronized LogEntry entry(long index) {
        check(index);
        return entries.get((int) (index - firstIndex));
    }

    @Override
    public synchronized List<LogEntry> entries(long fromIndex, long toIndex) {
        if (fromIndex >= toIndex) {
            return List.of();
        }
        check(fromIndex);
        check(toIndex - 1);
        return List.copyOf(entries.subList((int) (fromIndex - firstIndex), (int) (toIndex - firstIndex)));
    }

    @Override
    public void sync() {
    }

    @Override
    public synchronized void reset(long snapshotIndex) {
        if (snapshotIndex < 0) {
            throw new IllegalArgumentException("snapshot index must be >= 0, was " + snapshotIndex);
        }
        entries.clear();
        moveFirstIndex(snapshotIndex + 1);
    }

    @Override
    public synchronized long suspectFrom() {
        return suspectFrom;
    }

    @Override
    public synchronized void markSuspect(long fromIndex, long throughIndex) {
        if (fromIndex < 1 || throughIndex < fromIndex) {
            throw new IllegalArgumentException("suspect range must be 1 <= from <= through, was " + fromIndex + ".." + throughIndex);
        }
        suspectThrough = suspectFrom == 0 ? throughIndex : Math.max(suspectThrough, throughIndex);
        suspectFrom = suspectFrom == 0 ? fromIndex : Math.min(suspectFrom, fromIndex);
    }

    private void moveFirstIndex(long first) {
        firstIndex = first;
        if (suspectFrom > 0 && first > suspectThrough) {
            suspectFrom = 0;
            suspectThrough = 0;
        }
    }

    @Override
    public void close() {
    }

    private void check(long index) {
        if (index < firstIndex || index > lastIndex()) {
            throw new IndexOutOfBoundsException("index " + index + " outside [" + firstIndex + ", " + lastIndex() + "]");
        }
    }
}
