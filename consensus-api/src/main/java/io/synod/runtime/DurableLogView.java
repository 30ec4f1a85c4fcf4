package io.synod.runtime;

import io.synod.api.LogEntry;
import io.synod.api.LogReader;
import io.synod.spi.LogStore;

import java.util.List;

/**
 * The core's read-only window on the replica's log store ({@code ProtocolContext.log()}): it
 * shows what every Ready cut before persisted (the runtime persists those still in its pipeline
 * before a read), and a core cannot reach the store's writing methods through it.
 */
final class DurableLogView implements LogReader {

    private final LogStore log;
    private Runnable beforeRead = () -> { };

    DurableLogView(LogStore log) {
        this.log = log;
    }

    /** Runs {@code barrier} before every read: the runtime persists what the core already cut. */
    void beforeRead(Runnable barrier) {
        this.beforeRead = barrier;
    }

    @Override
    public long firstIndex() {
        beforeRead.run();
        return log.firstIndex();
    }

    @Override
    public long lastIndex() {
        beforeRead.run();
        return log.lastIndex();
    }

    @Override
    public long term(long index) {
        beforeRead.run();
        return log.term(index);
    }

    @Override
    public List<LogEntry> entries(long fromIndex, long toIndex, long maxBytes) {
        beforeRead.run();
        return log.entries(fromIndex, toIndex, maxBytes);
    }

    @Override
    public String toString() {
        return "read-only view of " + log;
    }
}
