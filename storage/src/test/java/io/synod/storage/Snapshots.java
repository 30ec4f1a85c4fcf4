package io.synod.storage;

import io.synod.api.SnapshotMeta;
import io.synod.spi.SnapshotSink;
import io.synod.spi.SnapshotStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Whole snapshots as byte arrays, for tests of the streaming stores. */
final class Snapshots {

    private Snapshots() {
    }

    /** Streams {@code data} into {@code store} as the snapshot at {@code index} and commits it. */
    static SnapshotMeta save(SnapshotStore store, long index, long term, byte[] data) {
        try (SnapshotSink sink = store.begin(index, term)) {
            sink.write(data);
            return sink.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole stream of a kept snapshot. */
    static byte[] read(SnapshotStore store, SnapshotMeta snapshot) {
        try (InputStream in = store.open(snapshot)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
