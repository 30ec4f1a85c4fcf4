package io.synod.runtime.snapshot;

import io.synod.api.SnapshotMeta;
import io.synod.spi.SnapshotSink;
import io.synod.spi.SnapshotStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Snapshots as byte arrays, for tests of what streams them; counts sinks still open. */
final class BytesSnapshotStore implements SnapshotStore {

    final TreeMap<Long, byte[]> data = new TreeMap<>();
    final TreeMap<Long, Long> terms = new TreeMap<>();
    int open;
    /** Runs once, at the next {@link #open}, before it reads: where a test lets a newer snapshot land. */
    Runnable beforeOpen;

    SnapshotMeta put(long index, long term, byte[] bytes) {
        data.put(index, bytes);
        terms.put(index, term);
        return new SnapshotMeta(index, term);
    }

    @Override
    public SnapshotSink begin(long index, long term) {
        open++;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        return new SnapshotSink() {
            boolean finished;

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
                open--;
                return put(index, term, bytes.toByteArray());
            }

            @Override
            public void abort() {
                if (!finished) {
                    finished = true;
                    open--;
                }
            }
        };
    }

    @Override
    public Optional<SnapshotMeta> latest() {
        return data.isEmpty() ? Optional.empty() : Optional.of(new SnapshotMeta(data.lastKey(), terms.get(data.lastKey())));
    }

    @Override
    public List<SnapshotMeta> list() {
        List<SnapshotMeta> all = new ArrayList<>();
        data.keySet().forEach(i -> all.add(new SnapshotMeta(i, terms.get(i))));
        return all;
    }

    @Override
    public InputStream open(SnapshotMeta snapshot) throws IOException {
        Runnable hook = beforeOpen;
        beforeOpen = null;
        if (hook != null) {
            hook.run();
        }
        byte[] bytes = data.get(snapshot.index());
        if (bytes == null) {
            throw new IOException(snapshot + " is gone");
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public void close() {
    }
}
