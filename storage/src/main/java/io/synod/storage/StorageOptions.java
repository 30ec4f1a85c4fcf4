package io.synod.storage;

/**
 * How a {@link FileStorage} lays out and protects its files: one validated, immutable value.
 *
 * <pre>{@code
 * StorageOptions options = StorageOptions.builder()
 *     .segmentSize(16 << 20)
 *     .syncPolicy(SyncPolicy.ALWAYS)
 *     .snapshotRetention(3)
 *     .preallocateSegments(true)
 *     .build();
 * }</pre>
 *
 * @param segmentSize       bytes preallocated per log segment; a record larger than a segment
 *                          gets a segment of its own, sized to fit
 * @param syncPolicy        when writes are forced to the disk
 * @param snapshotRetention how many of the newest snapshots are kept; the log is purged only
 *                          below the oldest of them, so that any kept snapshot can be replayed
 * @param preallocateSegments whether a background thread prepares the log's next segment (zeroed and
 *                          forced) before it is needed, so that a roll does not write a whole segment
 *                          of zeros on the appending thread ({@link SegmentPipeline}); on by default
 */
public record StorageOptions(int segmentSize, SyncPolicy syncPolicy, int snapshotRetention, boolean preallocateSegments) {

    /** 64 MiB, as ZooKeeper preallocates its transaction log. */
    public static final int DEFAULT_SEGMENT_SIZE = 64 << 20;
    /** The smallest segment accepted: small segments are for tests that want many of them. */
    public static final int MIN_SEGMENT_SIZE = 256;
    /** Segment offsets are ints, and a gigabyte per file is plenty. */
    public static final int MAX_SEGMENT_SIZE = 1 << 30;
    public static final int DEFAULT_SNAPSHOT_RETENTION = 3;

    public StorageOptions {
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("segmentSize must lie in [" + MIN_SEGMENT_SIZE + ", "
                + MAX_SEGMENT_SIZE + "] bytes, was " + segmentSize);
        }
        if (syncPolicy == null) {
            throw new IllegalArgumentException("syncPolicy must not be null");
        }
        if (snapshotRetention < 1) {
            throw new IllegalArgumentException("snapshotRetention must be >= 1, was " + snapshotRetention);
        }
    }

    /** Options with the next segment prepared in the background, as by default. */
    public StorageOptions(int segmentSize, SyncPolicy syncPolicy, int snapshotRetention) {
        this(segmentSize, syncPolicy, snapshotRetention, true);
    }

    /** 64 MiB segments, fsync per batch, three snapshots kept, the next segment prepared in the background. */
    public static StorageOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from the defaults; {@link #build()} validates. */
    public static final class Builder {
        private int segmentSize = DEFAULT_SEGMENT_SIZE;
        private SyncPolicy syncPolicy = SyncPolicy.ALWAYS;
        private int snapshotRetention = DEFAULT_SNAPSHOT_RETENTION;
        private boolean preallocateSegments = true;

        private Builder() {
        }

        public Builder segmentSize(int bytes) {
            this.segmentSize = bytes;
            return this;
        }

        public Builder syncPolicy(SyncPolicy policy) {
            this.syncPolicy = policy;
            return this;
        }

        public Builder snapshotRetention(int count) {
            this.snapshotRetention = count;
            return this;
        }

        /** Off: every segment is created, zeroed and forced on the appending thread when the log rolls. */
        public Builder preallocateSegments(boolean on) {
            this.preallocateSegments = on;
            return this;
        }

        public StorageOptions build() {
            return new StorageOptions(segmentSize, syncPolicy, snapshotRetention, preallocateSegments);
        }
    }
}
