package io.synod.runtime;

import io.synod.api.LogEntry;
import io.synod.api.LogReader;
import io.synod.spi.LogStore;

import java.util.List;

/**
 * The core's read-only window on the replica's log store ({@code ProtocolContext.log()}): it
 * shows what earlier Readys persisted, since the runtime carries out a Ready completely before it
 * feeds the core again, and a core cannot reach the store's writing methods through it.
 */
final class DurableLogView implements LogReader {

    private final LogStore log;

    DurableLogView(LogStore log) {
        this.log = log;
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
    public long term(long index) {
        return log.term(index);
    }

    @Override
    public List<LogEntry> entries(long fromIndex, long toIndex, long maxBytes) {
        return log.entries(fromIndex, toIndex, maxBytes);
    }

    @Override
    public String toString() {
        return "read-only view of " + log;
    }
}
