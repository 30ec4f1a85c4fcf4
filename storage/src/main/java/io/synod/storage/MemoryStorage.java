package io.synod.storage;

import io.synod.spi.Storage;

/**
 * The three memory stores together: a replica whose state lives and dies with its JVM. For tests,
 * tutorials and benchmarks. A replica can be restarted over the same instance to model a process
 * that restarts with its disk intact.
 */
public final class MemoryStorage implements Storage {

    private final MemoryLogStore log = new MemoryLogStore();
    private final MemoryHardStateStore hardState = new MemoryHardStateStore();
    private final MemorySnapshotStore snapshots = new MemorySnapshotStore();

    @Override
    public MemoryLogStore log() {
        return log;
    }

    @Override
    public MemoryHardStateStore hardState() {
        return hardState;
    }

    @Override
    public MemorySnapshotStore snapshots() {
        return snapshots;
    }

    /** Nothing to release: the stores stay readable, so a restarted replica can reuse them. */
    @Override
    public void close() {
    }
}
