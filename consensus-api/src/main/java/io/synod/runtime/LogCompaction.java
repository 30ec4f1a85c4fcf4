package io.synod.runtime;

import io.synod.api.ProtocolCore;
import io.synod.api.SnapshotMeta;
import io.synod.runtime.snapshot.BackgroundSnapshotWriter;
import io.synod.spi.LogStore;
import io.synod.spi.SnapshotStore;
import io.synod.spi.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;

/**
 * Log compaction on the replica thread: when its {@link SnapshotCadence} says so, it takes a
 * consistent view of the replicated state and hands it to a {@link BackgroundSnapshotWriter};
 * once the snapshot is durable it compacts the log, keeping {@link ReplicaConfig#logRetention()}
 * entries (and {@link ReplicaConfig#logRetentionBytes()} bytes) below it, and tells the core; and
 * it installs the snapshots peers stream here. It exists because the three share the log store,
 * the cadence and the sizes of the entries still kept, and each must first let the
 * {@link ReadyPipeline} finish with the log.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread.
 */
final class LogCompaction {

    /** Logged under the replica agent's name, which operators' log settings for the replica cover. */
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaAgent.class);

    private final int self;
    private final ProtocolCore core;
    private final ReplicatedState state;
    private final LogStore log;
    private final SnapshotStore snapshots;
    private final ReplicaConfig config;
    private final ReadyPipeline pipeline;
    private final DigestAudit audit;
    private final PendingRequests pending;
    private final BackgroundSnapshotWriter snapshotWriter;
    /** Sizes of the applied entries still in the log, so compaction can bound what it keeps by bytes. */
    private final RetainedLog retained = new RetainedLog();
    private final SnapshotCadence cadence;

    LogCompaction(int self, ProtocolCore core, ReplicatedState state, Storage storage, ReplicaConfig config,
                  ReadyPipeline pipeline, DigestAudit audit, PendingRequests pending, Runnable onSnapshotWritten) {
        this.self = self;
        this.core = core;
        this.state = state;
        this.log = storage.log();
        this.snapshots = storage.snapshots();
        this.config = config;
        this.pipeline = pipeline;
        this.audit = audit;
        this.pending = pending;
        this.snapshotWriter = new BackgroundSnapshotWriter("synod-snapshot-" + self, onSnapshotWritten);
        this.cadence = new SnapshotCadence(config.snapshotEvery(), config.snapshotEveryBytes(), state.appliedIndex());
    }

    /** The entry at {@code index}, of {@code bytes} bytes, was applied. */
    void applied(long index, int bytes) {
        retained.applied(index, bytes);
        cadence.applied(bytes);
    }

    /**
     * Installs a snapshot a peer streamed here, just committed to the store: the state machine is
     * restored from it, the log keeps only what lies above it, and the core hears of it.
     */
    void install(SnapshotMeta snapshot) throws IOException {
        pipeline.persistAll(); // nothing else writes the log meanwhile
        try (InputStream in = snapshots.open(snapshot)) {
            state.restore(snapshot, in);
        }
        if (log.lastIndex() <= snapshot.index()) {
            log.reset(snapshot.index());
        } else {
            // Entries above it may be acceptances a quorum counts on: kept.
            log.compactPrefix(snapshot.index());
        }
        cadence.taken(snapshot.index());
        audit.snapshotInstalled(snapshot.index());
        core.snapshotInstalled(snapshot);
        pending.serveReadsUpTo(state.appliedIndex());
    }

    /** Starts a background snapshot when enough was applied since the last one and none is being written. */
    void maybeSnapshot() {
        if (!cadence.due(state.appliedIndex()) || snapshotWriter.busy()) {
            return;
        }
        SnapshotMeta at = state.snapshotMeta();
        snapshotWriter.write(at, state.snapshot(), snapshots);
        cadence.taken(at.index());
    }

    /** Compacts the log and tells the core once a background snapshot is durable; 1 if one was. */
    int snapshotWritten() throws IOException {
        BackgroundSnapshotWriter.Written written = snapshotWriter.poll();
        if (written == null) {
            return 0;
        }
        SnapshotMeta snapshot = written.snapshot();
        cadence.written(written.bytes());
        pipeline.awaitPersisted(); // the log store is this thread's while it compacts
        long through = Math.min(retained.compactThrough(snapshot.index(), config.logRetention(), config.logRetentionBytes()),
            log.lastIndex());
        if (through >= log.firstIndex()) {
            log.compactPrefix(through);
            retained.compacted(through);
        }
        core.compacted(snapshot);
        LOG.debug("replica {} wrote {} ({} bytes in {} ms) and compacted its log through {}", self, snapshot, written.bytes(),
            written.nanos() / 1_000_000, through);
        return 1;
    }

    /** Stops the background writer. */
    void close() {
        snapshotWriter.close();
    }
}
