package io.synod.api;

/**
 * Which replicated state a snapshot holds: everything at or below {@code index} folded in. The
 * bytes themselves never pass through a protocol core: the driver writes, stores, sends and
 * restores them as a stream ({@link SnapshotWriter}, {@code io.synod.spi.SnapshotStore}); a core
 * hears only where a snapshot ends.
 *
 * @param index the last log index the snapshot includes, {@code >= 0}
 * @param term  the term (ballot, epoch) of that entry
 */
public record SnapshotMeta(long index, long term) {

    public SnapshotMeta {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
    }

    @Override
    public String toString() {
        return "snapshot " + index + "@" + term;
    }
}
