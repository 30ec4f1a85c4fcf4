package io.synod.storage;

import io.synod.api.LogEntry;
import io.synod.spi.LogStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A segmented write-ahead log in one directory, after ZooKeeper's transaction log and HDFS's
 * edit log.
 *
 * <pre>
 * dir/
 *   00000000000000000001.log    segment: {@link SegmentHeader}, then {@link RecordLayout records}, then zeros
 *   00000000000000052817.log    the next segment starts where the previous one ends
 *   log.meta                    the first index ({@link LogMeta}), once the log was compacted or reset
 * </pre>
 *
 * <p><b>Durability.</b> {@link #append} writes to the page cache; {@link #sync()} forces the
 * active segment once (with {@link SyncPolicy#ALWAYS}). A segment is forced before the next one
 * is created, so only the last segment can have a torn tail, which {@link Recovery} truncates.
 * Compaction, reset and segment creation are durable when they return. The next segment is
 * prepared in the background ahead of need ({@link SegmentPipeline}), so that a roll only writes
 * and forces its header, renames it into place and syncs the directory. A truncation zeroes the
 * records it drops, so that none can reappear behind a shorter new one, and first records in
 * {@link LogMeta} that it is in progress; the next force makes the zeros durable and clears that
 * record. A crash in between is finished by {@link Recovery}, which drops everything from the
 * truncation's index on: the zeros may have reached the disk in part, and the holes they leave
 * among old records must not pass for damage.
 *
 * <p><b>Atomic rewrite.</b> A truncation and the appends after it commit together at the next
 * {@link #sync()}: before the first zero, the durable entries the truncation drops are saved in a
 * before-image ({@link TruncationUndo}, {@code log.undo}), and the sync deletes it once the new
 * tail is forced. A crash before that gives back the log as of the last sync, never the truncated
 * old log with part of the new tail (a Paxos acceptor's replaced acceptances lost, their
 * replacements not yet durable). A truncation that drops only unsynced entries needs no image.
 *
 * <p><b>The synced watermark.</b> Each record carries the highest index the log knew durable when
 * it wrote it ({@link RecordLayout}): the last index covered by a completed force. Recovery uses
 * it to prove that a damaged record had been synced ({@link SegmentScan}).
 *
 * <p><b>Compaction.</b> Standing alone the log drops what {@link #compactPrefix} allows. Inside a
 * {@link FileStorage} it never drops past the oldest snapshot kept ({@link #limitCompaction}), so
 * that a damaged newer snapshot can fall back to an older one and replay the log from there.
 *
 * <p><b>Threading.</b> Every method is thread-safe (one lock). The replica runtime calls
 * {@link #append} then {@link #sync()} from its one thread; concurrent producers use
 * {@link #appendAsync}, which a {@link GroupCommit} syncer thread batches under one fsync. A
 * second daemon thread prepares the next segment; {@link #close()} stops both. The lock, the
 * fail-stop and the threads are here; what each operation does to the files is in {@link SegmentedLog}.
 *
 * <p><b>Failure.</b> An I/O error leaves the files in a state only recovery can judge (after a
 * failed fsync the kernel may have dropped the dirty pages), so the log fails stop: every later
 * call throws until it is closed and opened again.
 */
public final class FileLogStore implements LogStore {

    /** The largest record data: it must fit a segment of the largest size with its header. */
    public static final int MAX_DATA_LENGTH = StorageOptions.MAX_SEGMENT_SIZE - SegmentHeader.LENGTH - RecordLayout.HEADER_LENGTH;

    private final Path dir;
    private final ReentrantLock lock = new ReentrantLock();
    /** What each operation does to the files; used only under the lock. */
    private final SegmentedLog log;
    private GroupCommit groupCommit;
    private Throwable failure;
    private boolean closed;

    private FileLogStore(Path dir, StorageOptions options, FileIo io, boolean undoTruncations, Executor preparer, Recovery.Opened opened) {
        this.dir = dir;
        this.log = new SegmentedLog(dir, options, io, undoTruncations, preparer, opened);
    }

    /**
     * Opens (creating if needed) the log in {@code dir}, recovering from a crash.
     *
     * @throws CorruptLogException if the files are damaged in a way a crash cannot explain
     */
    public static FileLogStore open(Path dir, StorageOptions options) {
        return open(dir, options, FileIo.REAL);
    }

    /** Opens the log with segment channels from {@code io}: the seam crash-state tests record through. */
    static FileLogStore open(Path dir, StorageOptions options, FileIo io) {
        return open(dir, options, io, true, null);
    }

    /**
     * Opens the log with the next segment prepared on {@code preparer} (null: a daemon thread of
     * the log's); with {@code undoTruncations} false it keeps no before-image of what a truncation
     * drops (a broken log, for the test that shows what the before-image guards).
     */
    static FileLogStore open(Path dir, StorageOptions options, FileIo io, boolean undoTruncations, Executor preparer) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log directory " + dir, e);
        }
        FileLogStore log = new FileLogStore(dir, options, io, undoTruncations, preparer, Recovery.open(dir, options, io));
        try {
            TruncationUndo found = TruncationUndo.read(dir);
            if (found != null) {
                log.undoUncommittedTruncation(found);
            }
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        return log;
    }

    /**
     * Gives back the log as of its last sync: a truncation dropped durable entries and the sync
     * that would have committed the new tail never completed.
     */
    private void undoUncommittedTruncation(TruncationUndo found) {
        lock.lock();
        try {
            log.undoUncommittedTruncation(found);
        } catch (IOException | UncheckedIOException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
    }

    /** The directory holding the segments. */
    @Override
    public String toString() {
        return "write-ahead log in " + directory();
    }

    public Path directory() {
        return dir;
    }

    @Override
    public long firstIndex() {
        lock.lock();
        try {
            return log.firstIndex();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long lastIndex() {
        lock.lock();
        try {
            return log.lastIndex();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void append(List<LogEntry> entries) {
        lock.lock();
        try {
            checkUsable();
            log.append(entries);
        } catch (IOException | UncheckedIOException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a record at the next free index from any thread; the future completes with that
     * index once the record is durable (under {@link SyncPolicy#NONE}: written). Records queued
     * together share one write and one fsync.
     */
    public CompletableFuture<Long> appendAsync(long term, byte[] data) {
        SegmentedLog.checkLength(data);
        lock.lock();
        try {
            checkUsable();
            if (groupCommit == null) {
                groupCommit = new GroupCommit(this, "synod-log-sync-" + dir.getFileName());
            }
            return groupCommit.submit(term, data);
        } finally {
            lock.unlock();
        }
    }

    /** Called by the group-commit syncer: gives each queued record the next index and writes it. */
    void appendPending(List<GroupCommit.Pending> batch) {
        lock.lock();
        try {
            checkUsable();
            log.appendPending(batch);
        } catch (IOException | UncheckedIOException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sync() {
        lock.lock();
        try {
            checkUsable();
            log.sync();
        } catch (IOException | UncheckedIOException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
    }

    /** How many times the log forced a segment to the disk since it was opened. */
    public long fsyncCount() {
        return log.fsyncCount();
    }

    /** Time spent forcing segments to the disk since the log was opened, in ns (the counted fsyncs'). */
    public long fsyncNanos() {
        return log.fsyncNanos();
    }

    /**
     * Drops every entry from {@code fromIndex} on. If that drops entries a crash would keep, they
     * are saved first ({@link TruncationUndo}), so that this truncation and the appends after it
     * commit together at the next {@link #sync()}: a crash before it gives back the log as of the
     * last sync.
     */
    @Override
    public void truncateSuffix(long fromIndex) {
        lock.lock();
        try {
            checkUsable();
            log.truncateSuffix(fromIndex);
        } catch (IOException | UncheckedIOException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void compactPrefix(long throughIndex) {
        lock.lock();
        try {
            checkUsable();
            log.compactPrefix(throughIndex);
        } catch (UncheckedIOException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes whole segments whose records all lie at or below {@code throughIndex}, keeping the
     * active one: what retention does once no kept snapshot needs them. The first index moves to
     * the first record kept, which may lie below {@code throughIndex + 1}.
     */
    public void purgeSegmentsThrough(long throughIndex) {
        lock.lock();
        try {
            checkUsable();
            log.purgeSegmentsThrough(throughIndex);
        } catch (UncheckedIOException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * From now on {@link #compactPrefix} keeps every index above {@code throughIndex}:
     * {@link FileStorage} sets it to the oldest snapshot it keeps.
     */
    void limitCompaction(long throughIndex) {
        lock.lock();
        try {
            log.limitCompaction(throughIndex);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long suspectFrom() {
        lock.lock();
        try {
            return log.suspectFrom();
        } finally {
            lock.unlock();
        }
    }

    /** The last index the log may have lost, when {@link #suspectFrom()} is set. */
    public long suspectThrough() {
        lock.lock();
        try {
            return log.suspectThrough();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void markSuspect(long fromIndex, long throughIndex) {
        if (fromIndex < 1 || throughIndex < fromIndex) {
            throw new IllegalArgumentException("suspect range must be 1 <= from <= through, was " + fromIndex + ".." + throughIndex);
        }
        lock.lock();
        try {
            checkUsable();
            log.markSuspect(fromIndex, throughIndex);
        } catch (UncheckedIOException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LogEntry entry(long index) {
        lock.lock();
        try {
            checkUsable();
            return log.entry(index);
        } catch (IOException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<LogEntry> entries(long fromIndex, long toIndex) {
        lock.lock();
        try {
            checkUsable();
            return log.entries(fromIndex, toIndex);
        } catch (IOException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Empties the log and restarts it after {@code snapshotIndex}, durably. The segments go
     * first (newest first), then the meta file moves: a crash in between leaves a prefix of the
     * old log or an empty log, never old entries above the snapshot under the new first index.
     */
    @Override
    public void reset(long snapshotIndex) {
        if (snapshotIndex < 0) {
            throw new IllegalArgumentException("snapshot index must be >= 0, was " + snapshotIndex);
        }
        lock.lock();
        try {
            checkUsable();
            log.reset(snapshotIndex);
        } catch (UncheckedIOException e) {
            throw fail(e);
        } finally {
            lock.unlock();
        }
    }

    /** Commits what group commit has queued, forces the log (under {@link SyncPolicy#ALWAYS}) and closes it. */
    @Override
    public void close() {
        GroupCommit commit;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            commit = groupCommit;
        } finally {
            lock.unlock();
        }
        if (commit != null) {
            commit.close(); // outside the lock: the syncer needs it to finish its last batch
        }
        log.stopPreparing(); // no roll follows: what is left to write fits the active segment
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (failure == null) {
                log.flushForClose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close log in " + dir, e);
        } finally {
            log.closeSegments();
            lock.unlock();
        }
    }

    /** How many segments the log made of files prepared in the background; the others it created on the appending thread. */
    public long preparedSegmentsTaken() {
        return log.pipeline().taken();
    }

    /** Where the log's segments come from: for tests. */
    SegmentPipeline segmentPipeline() {
        return log.pipeline();
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("log in " + dir + " is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("log in " + dir + " failed earlier and must be reopened", failure);
        }
    }

    private RuntimeException fail(Exception e) {
        failure = e;
        return e instanceof UncheckedIOException u ? u : new UncheckedIOException("I/O error on log in " + dir, (IOException) e);
    }
}
