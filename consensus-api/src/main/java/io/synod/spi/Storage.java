package io.synod.spi;

import io.synod.api.LogEntry;
import io.synod.api.Recovered;
import io.synod.api.Snapshot;

import java.util.List;

/**
 * A replica's three stores together, as one thing to open, recover from and close: a data
 * directory for file stores, three objects for memory stores.
 */
public interface Storage extends AutoCloseable {

    LogStore log();

    HardStateStore hardState();

    SnapshotStore snapshots();

    /**
     * What a replica rebuilds from: the hard state, the newest good snapshot and the log entries
     * after it.
     *
     * @throws IllegalStateException if the log starts above the snapshot (entries in between are
     *                               missing), rather than hand out a history with a hole
     */
    default Recovered recover() {
        Snapshot snapshot = snapshots().latest().orElse(null);
        LogStore log = log();
        long needed = snapshot == null ? 1 : snapshot.index() + 1;
        if (log.firstIndex() > needed) {
            throw new IllegalStateException("log " + log + " starts at " + log.firstIndex() + " but "
                + (snapshot == null ? "there is no snapshot" : "the newest good snapshot ends at " + snapshot.index())
                + ": entries " + needed + ".." + (log.firstIndex() - 1) + " are missing");
        }
        List<LogEntry> entries = needed <= log.lastIndex() ? log.entries(needed, log.lastIndex() + 1) : List.of();
        return new Recovered(hardState().load(), snapshot, entries);
    }

    /** Closes the three stores (and whatever holds them together, such as a directory lock). */
    @Override
    void close();

    /** Three stores that share nothing else. */
    static Storage of(LogStore log, HardStateStore hardState, SnapshotStore snapshots) {
        return new Storage() {
            @Override
            public LogStore log() {
                return log;
            }

            @Override
            public HardStateStore hardState() {
                return hardState;
            }

            @Override
            public SnapshotStore snapshots() {
                return snapshots;
            }

            @Override
            public void close() {
                log.close();
                hardState.close();
                snapshots.close();
            }
        };
    }
}
