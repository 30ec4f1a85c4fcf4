package io.synod.runtime;

/**
 * When a replica takes its next snapshot: every {@link ReplicaConfig#snapshotEvery()} applied
 * entries, or sooner once enough bytes of entries were applied since the last one.
 *
 * <p>The byte bound is {@link ReplicaConfig#snapshotEveryBytes()}, or a quarter of the last
 * snapshot's size if that is more. A count of entries alone lets large batches leave hundreds of
 * thousands of commands for a restart to replay one by one. A fixed byte bound, with a state far
 * larger than it, would have the replica rewrite all of that state (a consistent view taken on the
 * replica thread, then written beside it) for every few megabytes of writes. Growing the bound
 * with the state keeps the snapshot bytes written to at most four per log byte, and the log a
 * restart replays to a quarter of a snapshot: replaying a command costs several times what reading
 * its share of a snapshot does, so the two parts of a restart stay of a size.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread.
 */
final class SnapshotCadence {

    private final long everyEntries;
    private final long everyBytes;
    private long lastIndex;
    private long bytesSince;
    private long lastSnapshotBytes;

    SnapshotCadence(long everyEntries, long everyBytes, long appliedIndex) {
        this.everyEntries = everyEntries;
        this.everyBytes = everyBytes;
        this.lastIndex = appliedIndex;
    }

    /** An entry of {@code bytes} was applied. */
    void applied(long bytes) {
        bytesSince += bytes;
    }

    /** True when a snapshot at {@code appliedIndex} is due. */
    boolean due(long appliedIndex) {
        return appliedIndex - lastIndex >= everyEntries
            || (bytesSince >= byteBound() && appliedIndex > lastIndex);
    }

    /** A snapshot at {@code index} was taken (or installed from a peer): counting starts again. */
    void taken(long index) {
        lastIndex = Math.max(lastIndex, index);
        bytesSince = 0;
    }

    /** A snapshot this replica took is durable, {@code bytes} long. */
    void written(long bytes) {
        lastSnapshotBytes = bytes;
    }

    long byteBound() {
        return Math.max(everyBytes, lastSnapshotBytes / 4);
    }
}
