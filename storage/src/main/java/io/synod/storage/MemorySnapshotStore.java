package io.synod.storage;

import io.synod.api.Snapshot;
import io.synod.spi.SnapshotStore;

import java.util.Optional;

/** Keeps the newest snapshot in memory, for tests and benchmarks. */
public final class MemorySnapshotStore implements SnapshotStore {

    private volatile Snapshot latest;

    @Override
    public void save(Snapshot snapshot) {
        Snapshot current = latest;
        if (current == null || snapshot.index() >= current.index()) {
            latest = snapshot;
        }
    }

    @Override
    public Optional<Snapshot> latest() {
        return Optional.ofNullable(latest);
    }

    @Override
    public void close() {
    }
}
