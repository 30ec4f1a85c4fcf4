package io.synod.spi;

import io.synod.api.LogEntry;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * A replica's three stores together, as one thing to claim, open, recover from and close: a data
 * directory for file stores, three objects for memory stores.
 */
public interface Storage extends AutoCloseable {

    LogStore log();

    HardStateStore hardState();

    SnapshotStore snapshots();

    /**
     * Binds this storage to one node of one cluster, before anything is recovered: the first
     * claim records the identity (durably, for a file storage), later claims must repeat it.
     * The default remembers the identity in memory for as long as the {@link #log()} object lives
     * (a replica restarted over the same memory stores is checked too), which suits stores that
     * do not outlive their process.
     *
     * @throws IdentityMismatchException naming both identities if another node or cluster
     *                                   claimed this storage first; nothing is written then
     */
    default void claim(NodeIdentity identity) {
        ClaimsInMemory.claim(log(), identity);
    }

    /**
     * What a replica rebuilds from: the hard state, the newest good snapshot and the log entries
     * after it, and whether the node may have lost entries it had made durable.
     *
     * <p><b>Suspect logs.</b> {@link Recovered#suspectFrom()} is set when the log reports a
     * suspect tail ({@link LogStore#suspectFrom()}), and when no good snapshot covers where the
     * log starts (every snapshot the log was compacted for is damaged). In the second case the
     * node holds nothing it can replay from the snapshot on: the log is reset right after the
     * snapshot (or to empty), the loss is recorded in the log so that it survives a restart, and
     * the node recovers with that snapshot, no entries, and {@code suspectFrom} right after it. It
     * re-learns the rest from its peers rather than refuse to start.
     *
     * <p><b>An install cut short.</b> When the log ends below the newest snapshot (one streamed from
     * a peer was stored, and the node stopped before the log was reset after it), the log is reset
     * right after the snapshot: what it held is folded into it.
     *
     * @throws UnsupportedOperationException if the log would have to record a loss it cannot
     *                                       remember ({@link LogStore#markSuspect})
     */
    default Recovered recover() {
        SnapshotMeta snapshot = snapshots().latest().orElse(null);
        LogStore log = log();
        long covered = snapshot == null ? 0 : snapshot.index();
        if (log.firstIndex() > covered + 1) {
            long through = Math.max(log.lastIndex(), log.firstIndex() - 1);
            LoggerFactory.getLogger(Storage.class).error("{} starts at {} but {}: entries {}..{} cannot be replayed; the log is reset"
                    + " after {} and the node re-learns from index {} from its peers before it votes", log, log.firstIndex(),
                snapshot == null ? "there is no good snapshot" : "the newest good snapshot ends at " + covered,
                covered + 1, through, covered, covered + 1);
            log.markSuspect(covered + 1, through);
            log.reset(covered);
            return new Recovered(hardState().load(), snapshot, List.of(), covered + 1);
        }
        if (log.lastIndex() < covered) {
            // A snapshot from a peer was stored, and the crash came before the log was reset after it.
            log.reset(covered);
        }
        long suspect = log.suspectFrom() == 0 ? 0 : Math.max(log.suspectFrom(), covered + 1);
        List<LogEntry> entries = covered + 1 <= log.lastIndex() ? log.entries(covered + 1, log.lastIndex() + 1) : List.of();
        return new Recovered(hardState().load(), snapshot, entries, suspect);
    }

    /** Closes the three stores (and whatever holds them together, such as a directory lock). */
    @Override
    void close();

    /** Three stores that share nothing else; a claim is remembered in memory. */
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
