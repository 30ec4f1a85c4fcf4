package io.synod.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The log's write path: encodes records into one buffer, writes them to the active segment with
 * one write, rolls to the next segment when the active one is full, forces it, and keeps the
 * synced watermark every record carries. It exists so that how bytes reach a segment (batching,
 * rolls, counted forces) is apart from what the log's operations mean. Not thread-safe: the log's
 * lock guards it.
 */
final class SegmentWriter {

    /** Pending bytes are written out at this size even inside one append call. */
    private static final int FLUSH_THRESHOLD = 1 << 20;

    private final SegmentTable segments;
    private final SegmentPipeline pipeline;
    private final int segmentSize;
    private final boolean durable;
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong fsyncNanos = new AtomicLong();
    private ByteBuffer writeBuffer = ByteBuffer.allocateDirect(1 << 16);
    private int[] pendingOffsets = new int[64];
    private int pending;
    /** The highest index a completed force covered: the watermark new records carry. */
    private long synced;

    SegmentWriter(SegmentTable segments, SegmentPipeline pipeline, StorageOptions options) {
        this.segments = segments;
        this.pipeline = pipeline;
        this.segmentSize = options.segmentSize();
        this.durable = options.syncPolicy() == SyncPolicy.ALWAYS;
        // Recovery forced what it kept; without forces (SyncPolicy.NONE) nothing is ever known durable.
        this.synced = durable ? segments.lastIndex() : 0;
    }

    /** The index the next record written gets, counting those still in the buffer. */
    long nextIndex() {
        return segments.active().nextIndex() + pending;
    }

    /** The highest index a completed force covered (0 under {@link SyncPolicy#NONE}). */
    long synced() {
        return synced;
    }

    void write(long index, long term, byte[] data) throws IOException {
        int length = RecordLayout.recordLength(data.length);
        if (writeBuffer.position() + length > segments.active().remaining()) {
            flush();
            if (length > segments.active().remaining()) {
                roll(length);
            }
        }
        if (writeBuffer.remaining() < length) {
            flush();
            if (writeBuffer.capacity() < length) {
                writeBuffer = ByteBuffer.allocateDirect(Math.max(length, writeBuffer.capacity() * 2));
            }
        }
        int at = writeBuffer.position();
        RecordLayout.encode(writeBuffer, at, index, term, synced, data);
        if (pending == pendingOffsets.length) {
            pendingOffsets = Arrays.copyOf(pendingOffsets, pending * 2);
        }
        pendingOffsets[pending++] = at;
        writeBuffer.position(at + length);
        if (writeBuffer.position() >= FLUSH_THRESHOLD) {
            flush();
        }
    }

    void flush() throws IOException {
        if (pending == 0) {
            return;
        }
        writeBuffer.flip();
        try {
            segments.active().write(writeBuffer, pendingOffsets, pending);
        } finally {
            writeBuffer.clear();
            pending = 0;
        }
        pipeline.filled(segments.active().writePosition());
    }

    /** Starts a new segment; the full one is forced first so that only the last can be torn. */
    private void roll(int recordLength) throws IOException {
        if (durable) {
            force();
        }
        int size = Math.max(segmentSize, SegmentHeader.LENGTH + recordLength);
        Segment next = pipeline.next(segments.active().nextIndex(), size);
        segments.add(next);
    }

    /** Forces the active segment, counted and timed; what it holds is now the synced watermark. */
    void force() throws IOException {
        long start = System.nanoTime();
        segments.active().force();
        fsyncNanos.addAndGet(System.nanoTime() - start);
        fsyncs.incrementAndGet();
        synced = segments.lastIndex();
    }

    /** A truncation from {@code from} dropped what a force covered above it. */
    void truncatedFrom(long from) {
        synced = Math.min(synced, from - 1);
    }

    /** Forgets the records not yet written: the log they belonged to is being replaced. */
    void discard() {
        pending = 0;
        writeBuffer.clear();
    }

    /** The log starts over after {@code snapshotIndex}, durably (under {@link SyncPolicy#ALWAYS}). */
    void restartedAfter(long snapshotIndex) {
        synced = durable ? snapshotIndex : 0;
    }

    long fsyncCount() {
        return fsyncs.get();
    }

    long fsyncNanos() {
        return fsyncNanos.get();
    }
}
