package io.synod.runtime.snapshot;

import io.synod.api.SnapshotMeta;
import io.synod.runtime.snapshot.SnapshotTransferMessage.SnapshotChunk;
import io.synod.spi.SnapshotSink;

import java.io.IOException;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * One snapshot arriving from one peer: the chunks are written in order into a
 * {@link SnapshotSink} (a temporary file, for a file store); a chunk that overtook an earlier one
 * waits (up to {@value #REORDER_CHUNKS} of them) until the gap closes, duplicates are dropped, and
 * the last chunk's CRC32C is checked against what arrived before the snapshot is committed.
 */
final class SnapshotReceiver {

    /** What one chunk did. */
    enum Step { ACCEPTED, IGNORED, COMPLETE, CORRUPT }

    private final long transfer;
    private final SnapshotMeta snapshot;
    private final SnapshotSink sink;
    /** Chunks kept that arrived ahead of a gap: enough for the window a sender keeps in flight. */
    static final int REORDER_CHUNKS = 32;

    private final CRC32C crc = new CRC32C();
    private final TreeMap<Long, SnapshotChunk> ahead = new TreeMap<>();
    private long expected;
    private int quietTicks;

    SnapshotReceiver(long transfer, SnapshotMeta snapshot, SnapshotSink sink) {
        this.transfer = transfer;
        this.snapshot = snapshot;
        this.sink = sink;
    }

    long transfer() {
        return transfer;
    }

    SnapshotMeta snapshot() {
        return snapshot;
    }

    /** The offset expected next: everything below it arrived. */
    long expected() {
        return expected;
    }

    /** Takes a chunk of this transfer, and any that waited for it. */
    Step accept(SnapshotChunk chunk) throws IOException {
        if (chunk.offset() > expected) {
            if (ahead.size() < REORDER_CHUNKS) {
                ahead.putIfAbsent(chunk.offset(), chunk);
            }
            return Step.IGNORED; // past a gap: kept until the gap closes
        }
        if (chunk.offset() < expected) {
            return Step.IGNORED; // a duplicate
        }
        Step step = write(chunk);
        SnapshotChunk next;
        while (step == Step.ACCEPTED && (next = ahead.remove(expected)) != null) {
            step = write(next);
        }
        ahead.headMap(expected).clear();
        return step;
    }

    private Step write(SnapshotChunk chunk) throws IOException {
        sink.write(chunk.data());
        crc.update(chunk.data());
        expected += chunk.data().length;
        quietTicks = 0;
        if (!chunk.last()) {
            return Step.ACCEPTED;
        }
        if ((int) crc.getValue() != chunk.crc()) {
            sink.abort();
            return Step.CORRUPT;
        }
        return Step.COMPLETE;
    }

    /** Makes the arrived snapshot durable in the store. */
    SnapshotMeta commit() throws IOException {
        return sink.commit();
    }

    /** CRC32C of what arrived. */
    int crc() {
        return (int) crc.getValue();
    }

    /** One tick passed; true when it has waited long enough to be dropped. */
    boolean tick(SnapshotTransferConfig config) {
        return ++quietTicks >= config.abandonTicks();
    }

    void abort() {
        sink.abort();
    }
}
