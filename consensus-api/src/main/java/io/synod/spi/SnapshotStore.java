package io.synod.spi;

import io.synod.api.SnapshotMeta;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A replica's snapshots, written and read as streams: nothing assumes a snapshot fits one array.
 *
 * <p><b>Writing.</b> {@link #begin} opens a {@link SnapshotSink} (a file store: a temporary
 * file); the writer streams the state into it and calls {@link SnapshotSink#commit()}, which makes
 * it durable and visible at once (fsync, rename, fsync the directory) — or
 * {@link SnapshotSink#abort()}, which leaves no trace. A checksum covers the whole stream.
 *
 * <p><b>Retention.</b> A commit keeps the newest few snapshots and deletes older ones; a store
 * that keeps several keeps the log they need ({@link LogStore#compactPrefix}), so that when the
 * newest fails its checksum, recovery falls back to an older one and replays the log from there.
 *
 * <p><b>Threading.</b> Thread-safe: the replica thread reads and installs while a background
 * thread writes. One sink is used by one thread.
 *
 * <pre>{@code
 * try (SnapshotSink sink = store.begin(index, term)) {
 *     writer.writeTo(sink);
 *     sink.commit();                          // durable; the sink's close() then does nothing
 * }                                           // an exception before commit: close() aborts
 * try (InputStream in = store.open(store.latest().orElseThrow())) {
 *     stateMachine.restore(in);
 * }
 * }</pre>
 */
public interface SnapshotStore extends AutoCloseable {

    /**
     * Starts a snapshot of the state through {@code index} (whose entry has {@code term}). A
     * committed snapshot at the same index replaces an older one of that index.
     */
    SnapshotSink begin(long index, long term);

    /** The newest snapshot whose checksum holds, if any (damaged ones are skipped, loudly). */
    Optional<SnapshotMeta> latest();

    /** Every snapshot kept, oldest first, good or not (only {@link #open} checks). */
    List<SnapshotMeta> list();

    /**
     * Reads a kept snapshot's stream.
     *
     * @throws IOException if it is gone, or (at the latest at its end) if its checksum fails,
     *                     naming where
     */
    InputStream open(SnapshotMeta snapshot) throws IOException;

    @Override
    void close();
}
