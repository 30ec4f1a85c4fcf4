package io.synod.api;

import java.util.List;

/**
 * What a node found on its disk at start: the core rebuilds itself from it.
 *
 * @param hardState the last stored hard state, or an empty array on first start
 * @param snapshot  the newest good snapshot, or {@code null}
 * @param log       the log entries after the snapshot, in index order
 */
public record Recovered(byte[] hardState, Snapshot snapshot, List<LogEntry> log) {

    /** A node that has never run. */
    public static final Recovered EMPTY = new Recovered(new byte[0], null, List.of());

    public Recovered {
        log = List.copyOf(log);
    }

    /** The index of the last entry the node holds, in the log or folded into the snapshot. */
    public long lastIndex() {
        if (!log.isEmpty()) {
            return log.get(log.size() - 1).index();
        }
        return snapshot == null ? 0 : snapshot.index();
    }
}
