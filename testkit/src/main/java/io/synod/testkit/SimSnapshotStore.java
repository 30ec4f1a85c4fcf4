package io.synod.testkit;

import io.synod.api.SnapshotMeta;
import io.synod.spi.SnapshotSink;
import io.synod.spi.SnapshotStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A node's {@link SimDisk} seen as the snapshot store the runtime's {@code SnapshotTransfers}
 * reads and writes: what it sends is the disk's snapshot, what it receives is gathered in memory
 * (the temporary file) and handed to the disk when installed. Crashes lose the gathering, as they
 * lose a temporary file.
 */
final class SimSnapshotStore implements SnapshotStore {

    private final SimDisk disk;
    private SnapshotMeta received;
    private byte[] receivedData;

    SimSnapshotStore(SimDisk disk) {
        this.disk = disk;
    }

    @Override
    public SnapshotSink begin(long index, long term) {
        SnapshotMeta meta = new SnapshotMeta(index, term);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        return new SnapshotSink() {
            private boolean finished;

            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public SnapshotMeta commit() {
                finished = true;
                received = meta;
                receivedData = bytes.toByteArray();
                return meta;
            }

            @Override
            public void abort() {
                finished = true;
            }
        };
    }

    @Override
    public Optional<SnapshotMeta> latest() {
        return Optional.ofNullable(disk.snapshot());
    }

    @Override
    public List<SnapshotMeta> list() {
        return disk.snapshot() == null ? List.of() : List.of(disk.snapshot());
    }

    /** The disk's snapshot, or one just received and not yet installed. */
    @Override
    public InputStream open(SnapshotMeta snapshot) throws IOException {
        if (snapshot.equals(received)) {
            return new ByteArrayInputStream(receivedData);
        }
        if (snapshot.equals(disk.snapshot())) {
            return new ByteArrayInputStream(disk.snapshotData());
        }
        throw new IOException(snapshot + " is not on the disk (" + disk.snapshot() + " is)");
    }

    /** Hands a received snapshot to the disk: stored, and the log kept only above it. */
    void install(SnapshotMeta snapshot) {
        if (!snapshot.equals(received)) {
            throw new IllegalStateException(snapshot + " was not received");
        }
        disk.install(received, receivedData);
        received = null;
        receivedData = null;
    }

    @Override
    public void close() {
    }
}
