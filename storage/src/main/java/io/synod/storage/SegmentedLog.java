package io.synod.storage;

import io.synod.api.LogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What the write-ahead log's operations do to its files: segments, {@code log.meta} and the
 * before-image, in the order that keeps each crash state recoverable. It exists so that this
 * stays apart from how callers share the log: {@link FileLogStore} holds the lock, checks that the
 * log is still usable, turns an I/O error into a fail-stop and owns the group-commit thread, and
 * calls in here for everything else. Single-threaded: every method runs under that lock, and an
 * exception leaves the files for {@link Recovery} to judge.
 */
final class SegmentedLog {

    /** The log's own category, so that operators find its messages where they always were. */
    private static final Logger LOG = LoggerFactory.getLogger(FileLogStore.class);

    private final Path dir;
    private final StorageOptions options;
    private final boolean durable;
    private final SegmentTable segments;
    private final FileIo io;
    private long firstIndex;
    private LogMeta meta;
    /** compactPrefix never drops past this index. */
    private long compactionLimit = Long.MAX_VALUE;
    private boolean directoryDirty;
    /** Saves a before-image of durable entries a truncation drops; off only to show what it guards. */
    private final boolean undoTruncations;
    private final BeforeImage beforeImage;
    /** Where new segments come from: prepared in the background unless {@link StorageOptions#preallocateSegments()} is off. */
    private final SegmentPipeline pipeline;
    private final SegmentWriter writer;

    SegmentedLog(Path dir, StorageOptions options, FileIo io, boolean undoTruncations, Executor preparer, Recovery.Opened opened) {
        this.dir = dir;
        this.options = options;
        this.io = io;
        this.undoTruncations = undoTruncations;
        this.durable = options.syncPolicy() == SyncPolicy.ALWAYS;
        this.beforeImage = new BeforeImage(dir, durable);
        this.segments = new SegmentTable(opened.segments());
        this.meta = opened.meta();
        this.firstIndex = meta.firstIndex();
        this.pipeline = new SegmentPipeline(dir, options, io, preparer);
        this.writer = new SegmentWriter(segments, pipeline, options);
    }

    /**
     * Gives back the log as of its last sync: a truncation dropped durable entries and the sync
     * that would have committed the new tail never completed.
     */
    void undoUncommittedTruncation(TruncationUndo found) throws IOException {
        TruncationUndo kept = beforeImage.adopt(found, firstIndex);
        if (kept.entries().isEmpty()) {
            return; // a compaction since dropped everything it saved; the next sync deletes the emptied file
        }
        long last = segments.lastIndex();
        if (!kept.entries().isEmpty() && kept.fromIndex() > last + 1) {
            throw new CorruptLogException(dir.resolve(TruncationUndo.FILE_NAME), TruncationUndo.FROM_OFFSET,
                CorruptLogException.Check.INDEX, "undo file does not continue the log", last + 1, kept.fromIndex());
        }
        LOG.info(
            "Undoing a truncation the last run did not commit: {} restores indexes {}..{} as of the last sync",
            dir.resolve(TruncationUndo.FILE_NAME), kept.fromIndex(), kept.endIndex() - 1);
        if (kept.fromIndex() <= last) {
            truncate(kept.fromIndex(), false);
        }
        for (LogEntry e : kept.entries()) {
            writer.write(e.index(), e.term(), e.data());
        }
        writer.flush();
        sync();
    }

    long firstIndex() {
        return firstIndex;
    }

    long lastIndex() {
        return segments.lastIndex();
    }

    void append(List<LogEntry> entries) throws IOException {
        long expected = segments.active().nextIndex();
        for (LogEntry e : entries) {
            if (e.index() != expected) {
                throw new IllegalArgumentException("append at " + e.index() + " would leave a gap or overlap; next index is " + segments.active().nextIndex());
            }
            checkLength(e.data());
            expected++;
        }
        for (LogEntry e : entries) {
            writer.write(e.index(), e.term(), e.data());
        }
        writer.flush();
    }

    /** Gives each queued record the next index and writes it. */
    void appendPending(List<GroupCommit.Pending> batch) throws IOException {
        for (GroupCommit.Pending p : batch) {
            p.index = writer.nextIndex();
            writer.write(p.index, p.term, p.data);
        }
        writer.flush();
    }

    void sync() throws IOException {
        writer.flush();
        if (durable) {
            writer.force();
            if (directoryDirty) {
                AtomicFile.syncDirectory(dir);
            }
        }
        finishTruncation();
        beforeImage.commit();
        directoryDirty = false;
    }

    long fsyncCount() {
        return writer.fsyncCount();
    }

    long fsyncNanos() {
        return writer.fsyncNanos();
    }

    void truncateSuffix(long fromIndex) throws IOException {
        truncate(fromIndex, undoTruncations);
    }

    private void truncate(long fromIndex, boolean saveBeforeImage) throws IOException {
        if (fromIndex > segments.lastIndex()) {
            return;
        }
        long from = Math.max(fromIndex, firstIndex);
        if (saveBeforeImage) {
            // What a crash would keep: the synced entries; under SyncPolicy.NONE every one written,
            // since a process crash keeps the page cache.
            beforeImage.save(from, durable ? writer.synced() : segments.lastIndex(), this::entries);
        }
        if (meta.truncateFrom() == 0 || from < meta.truncateFrom()) {
            // Recorded before the first zero is written: a crash while the zeros are on their way
            // leaves holes among dropped records, and an old record's watermark would vouch for them.
            LogMeta marked = meta.truncating(from);
            marked.write(dir, durable);
            meta = marked;
        }
        if (segments.truncateFrom(from)) {
            directoryDirty = true;
        }
        writer.truncatedFrom(from);
    }

    void compactPrefix(long throughIndex) {
        long through = Math.min(throughIndex, compactionLimit);
        if (through < firstIndex) {
            return;
        }
        moveFirstIndex(through + 1);
    }

    void purgeSegmentsThrough(long throughIndex) {
        long newFirst = segments.firstIndexAfterPurge(firstIndex, throughIndex);
        if (newFirst > firstIndex) {
            moveFirstIndex(newFirst);
        }
    }

    /** Forgets a truncation in progress once a force made its zeros durable (and a directory sync its deletions). */
    private void finishTruncation() {
        if (meta.truncateFrom() != 0) {
            LogMeta done = meta.truncated();
            done.write(dir, durable);
            meta = done;
        }
    }

    void limitCompaction(long throughIndex) {
        compactionLimit = throughIndex;
    }

    long suspectFrom() {
        return meta.suspectFrom();
    }

    long suspectThrough() {
        return meta.suspect() ? meta.suspectThrough() : 0;
    }

    void markSuspect(long fromIndex, long throughIndex) {
        LogMeta marked = meta.withSuspect(fromIndex, throughIndex);
        marked.write(dir, durable);
        meta = marked;
    }

    /**
     * Records the new first index, then deletes segments wholly below it, oldest first; a crash
     * in between is finished by {@link Recovery}.
     */
    private void moveFirstIndex(long newFirst) {
        beforeImage.compactedTo(newFirst);
        LogMeta moved = meta.withFirstIndex(newFirst);
        moved.write(dir, durable);
        meta = moved;
        firstIndex = newFirst;
        segments.dropBelow(newFirst, base -> Segment.create(dir, base, options.segmentSize(), durable, io));
        if (durable) {
            AtomicFile.syncDirectory(dir);
        }
    }

    LogEntry entry(long index) throws IOException {
        check(index);
        return segments.read(index);
    }

    List<LogEntry> entries(long fromIndex, long toIndex) throws IOException {
        if (fromIndex >= toIndex) {
            return List.of();
        }
        check(fromIndex);
        check(toIndex - 1);
        return segments.read(fromIndex, toIndex);
    }

    /** Deletes the segments first (newest first), then moves the meta file: the order {@link FileLogStore#reset} promises. */
    void reset(long snapshotIndex) {
        writer.discard();
        // The reset replaces the whole log: nothing of the old one is to be given back after a crash.
        beforeImage.commit();
        segments.deleteAll();
        if (durable) {
            AtomicFile.syncDirectory(dir);
        }
        meta = meta.truncated(); // nothing is left to truncate; written with the new first index
        moveFirstIndex(snapshotIndex + 1);
        writer.restartedAfter(snapshotIndex);
        directoryDirty = false;
    }

    /** Stops preparing segments: no roll follows, what is left to write fits the active segment. */
    void stopPreparing() {
        pipeline.close();
    }

    /** Writes what is pending and, under {@link SyncPolicy#ALWAYS}, forces it: the last act of a healthy log. */
    void flushForClose() throws IOException {
        writer.flush();
        if (durable) {
            segments.active().force();
            if (directoryDirty) {
                AtomicFile.syncDirectory(dir);
            }
        }
        finishTruncation();
        beforeImage.commit();
    }

    void closeSegments() {
        segments.closeAll();
    }

    SegmentPipeline pipeline() {
        return pipeline;
    }

    private void check(long index) {
        long last = segments.lastIndex();
        if (index < firstIndex || index > last) {
            throw new IndexOutOfBoundsException("index " + index + " outside [" + firstIndex + ", " + last + "]");
        }
    }

    static void checkLength(byte[] data) {
        if (data.length > FileLogStore.MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("record of " + data.length + " bytes exceeds the limit of " + FileLogStore.MAX_DATA_LENGTH);
        }
    }
}
