package io.synod.spi;

import io.synod.api.SnapshotMeta;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A snapshot being written ({@link SnapshotStore#begin}): bytes go in as a stream, then
 * {@link #commit()} makes the whole durable and visible at once, or {@link #abort()} drops it.
 * {@link #close()} without a commit aborts, so try-with-resources never leaves half a snapshot.
 */
public abstract class SnapshotSink extends OutputStream {

    /**
     * Makes the snapshot durable and the store's newest at its index; older ones beyond the
     * store's retention may be deleted.
     *
     * @return what was stored
     * @throws IOException if it could not be made durable (nothing is then visible)
     */
    public abstract SnapshotMeta commit() throws IOException;

    /** Drops what was written; idempotent, and a no-op after a commit. */
    public abstract void abort();

    /** Aborts unless committed. */
    @Override
    public void close() {
        abort();
    }
}
