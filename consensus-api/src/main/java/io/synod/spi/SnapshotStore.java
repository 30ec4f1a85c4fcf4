package io.synod.spi;

import io.synod.api.Snapshot;

import java.util.Optional;

/**
 * A replica's snapshots. {@link #save} is durable and atomic when it returns (a file store writes
 * a temporary file, fsyncs it and renames it). A snapshot that fails its checksum is skipped in
 * favour of the previous good one; a store that keeps several keeps the log they need
 * ({@link LogStore#compactPrefix}), so that the fallback can replay it.
 */
public interface SnapshotStore extends AutoCloseable {

    /** Stores a snapshot; older ones beyond the store's retention may be deleted. */
    void save(Snapshot snapshot);

    /** The newest good snapshot, if any. */
    Optional<Snapshot> latest();

    @Override
    void close();
}
