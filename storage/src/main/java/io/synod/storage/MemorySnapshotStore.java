package io.synod.storage;

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
 * Keeps the newest snapshot in memory, for tests and benchmarks. A commit of an older index than
 * the one kept changes nothing (a background snapshot that finished after a newer one was
 * installed). Thread-safe.
 */
public final class MemorySnapshotStore implements SnapshotStore {

    private record Kept(SnapshotMeta meta, byte[] data) {
    }

    private volatile Kept latest;

    @Override
    public SnapshotSink begin(long index, long term) {
        SnapshotMeta meta = new SnapshotMeta(index, term);
        return new SnapshotSink() {
            private ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            @Override
            public void write(int b) throws IOException {
                open().write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                open().write(b, off, len);
            }

            private ByteArrayOutputStream open() throws IOException {
                if (bytes == null) {
                    throw new IOException(meta + " was committed or aborted already");
                }
                return bytes;
            }

            @Override
            public SnapshotMeta commit() throws IOException {
                keep(new Kept(meta, open().toByteArray()));
                bytes = null;
                return meta;
            }

            @Override
            public void abort() {
                bytes = null;
            }
        };
    }

    private synchronized void keep(Kept snapshot) {
        Kept current = latest;
        if (current == null || snapshot.meta().index() >= current.meta().index()) {
            latest = snapshot;
        }
    }

    @Override
    public Optional<SnapshotMeta> latest() {
        Kept kept = latest;
        return kept == null ? Optional.empty() : Optional.of(kept.meta());
    }

    @Override
    public List<SnapshotMeta> list() {
        Kept kept = latest;
        return kept == null ? List.of() : List.of(kept.meta());
    }

    @Override
    public InputStream open(SnapshotMeta snapshot) throws IOException {
        Kept kept = latest;
        if (kept == null || !kept.meta().equals(snapshot)) {
            throw new IOException(snapshot + " is not kept in memory (" + (kept == null ? "none is" : kept.meta() + " is") + ")");
        }
        return new ByteArrayInputStream(kept.data());
    }

    @Override
    public void close() {
    }
}
