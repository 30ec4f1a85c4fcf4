package io.synod.api;

import java.util.List;

/**
 * What a node found on its disk at start: the core rebuilds itself from it.
 *
 * <p><b>A suspect log.</b> When storage finds a complete log record whose checksum fails and
 * cannot prove that the record was never made durable, it cannot tell a torn write (harmless)
 * from damage to an entry this node may already have acknowledged. It then drops the log from
 * that record on and reports the first dropped index as {@code suspectFrom}. A core given a
 * suspect log must not take part in any quorum decision that could contradict what it may have
 * acknowledged at or above {@code suspectFrom} — no promise, vote or acknowledgement that counts
 * towards a quorum — until it has re-learned the chosen log past that point from its peers
 * (protocol-aware recovery: Alagappan et al., FAST 2018). It may still learn, forward and serve
 * as a non-voting member meanwhile.
 *
 * @param hardState   the last stored hard state, or an empty array on first start
 * @param snapshot    where the newest good snapshot ends, or {@code null}; the driver has
 *                    restored the state machine from it already
 * @param log         the log entries after the snapshot, in index order
 * @param suspectFrom 0 when the log is whole; otherwise the first log index that may have been
 *                    durable and acknowledged before it was found damaged and dropped
 */
public record Recovered(byte[] hardState, SnapshotMeta snapshot, List<LogEntry> log, long suspectFrom) {

    /** A node that has never run. */
    public static final Recovered EMPTY = new Recovered(new byte[0], null, List.of());

    public Recovered {
        log = List.copyOf(log);
        if (suspectFrom < 0) {
            throw new IllegalArgumentException("suspectFrom must be >= 0, was " + suspectFrom);
        }
    }

    /** What a node found on a disk whose log is whole. */
    public Recovered(byte[] hardState, SnapshotMeta snapshot, List<LogEntry> log) {
        this(hardState, snapshot, log, 0);
    }

    /** True when the log may have lost entries this node acknowledged (see the class comment). */
    public boolean suspect() {
        return suspectFrom > 0;
    }

    /** The index of the last entry the node holds, in the log or folded into the snapshot. */
    public long lastIndex() {
        if (!log.isEmpty()) {
            return log.get(log.size() - 1).index();
        }
        return snapshot == null ? 0 : snapshot.index();
    }
}
