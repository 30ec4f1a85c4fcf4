package io.synod.spi;

import io.synod.api.LogEntry;
import io.synod.api.LogReader;

import java.util.List;

/**
 * A replica's durable log: entries at contiguous indexes {@link #firstIndex()} to
 * {@link #lastIndex()}.
 *
 * <p><b>Indexes.</b> The first entry ever is index 1. An empty log has
 * {@code lastIndex() == firstIndex() - 1}; after {@link #compactPrefix(long) compactPrefix(n)}
 * the log starts at {@code n + 1} or below (a store may keep more than it was allowed to drop),
 * even when it holds nothing.
 *
 * <p><b>Durability.</b> {@link #append} and {@link #truncateSuffix} may stay in memory or the
 * page cache until {@link #sync()}, which makes everything before it durable with as few
 * fsyncs as the store can manage (one per call for a file log). After a crash, a prefix of the
 * appends since the last sync may survive; nothing synced is lost.
 *
 * <p><b>Atomic rewrite.</b> A {@link #truncateSuffix} and the appends that follow it up to the
 * next {@link #sync()} (what one {@code Ready} asks: drop a tail, write a new one) are
 * crash-atomic: after a crash the log is either what it was at the last sync or all of the new one,
 * never the truncated old log with part of the new tail. So no protocol needs a journal of its
 * own to replace accepted entries (a file log keeps a before-image of what it drops until the
 * sync; a memory log survives only a restart of its replica, never a crash of its process).
 *
 * <p><b>Threading.</b> Called from one thread unless an implementation says otherwise.
 *
 * <p><b>Failure: torn writes and damage.</b> At open a store tells three things apart:
 * <ul>
 *   <li><em>a torn write</em>: bytes at the end of the log that only an interrupted, unsynced
 *       write leaves (zeros where a record should continue). Dropped, with a warning; nothing
 *       durable was there.</li>
 *   <li><em>a suspect tail</em>: the last record is complete but fails its checksum, and the store
 *       cannot prove it was never made durable. It may have been synced and acknowledged, so the
 *       store drops it and everything after it and reports the first dropped index as
 *       {@link #suspectFrom()} (an error names file, offset and index). The report is durable: it
 *       survives restarts until the log's first index moves past every index the damaged bytes
 *       could have held. A replica given a suspect log re-learns before it votes
 *       ({@link io.synod.api.Recovered}).</li>
 *   <li><em>corruption</em>: damage before the tail, or at the tail when the store can prove the
 *       damaged record had been synced (a later record says so). The store refuses to open with
 *       an exception that names the file and the offset; it never returns a silently shortened
 *       log.</li>
 * </ul>
 */
public interface LogStore extends LogReader, AutoCloseable {

    /** The lowest index held (or that would be held next, when empty). */
    @Override
    long firstIndex();

    /** The highest index held, or {@code firstIndex() - 1} when empty. */
    @Override
    long lastIndex();

    /** Appends entries whose indexes continue the log: the first must be {@code lastIndex() + 1}. */
    void append(List<LogEntry> entries);

    /** Drops every entry at or above {@code fromIndex}. */
    void truncateSuffix(long fromIndex);

    /**
     * Allows the store to drop every entry at or below {@code throughIndex} (it is folded into a
     * snapshot). A store may keep more: a file storage keeps what its oldest retained snapshot
     * needs, so that a damaged newer snapshot can fall back to it. {@link #firstIndex()} says
     * what was kept.
     */
    void compactPrefix(long throughIndex);

    /** The entry at {@code index}, which must lie between the first and last index. */
    LogEntry entry(long index);

    /** The entries from {@code fromIndex} up to but excluding {@code toIndex}. */
    List<LogEntry> entries(long fromIndex, long toIndex);

    @Override
    default long term(long index) {
        return entry(index).term();
    }

    @Override
    default List<LogEntry> entries(long fromIndex, long toIndex, long maxBytes) {
        if (fromIndex < toIndex) {
            entry(toIndex - 1); // refuses a range that leaves the log before reading any of it
        }
        return LogReader.gather(this::entry, fromIndex, toIndex, maxBytes);
    }

    /** Makes every earlier append and truncation durable. */
    void sync();

    /**
     * Forgets everything and restarts the log right after {@code snapshotIndex}, durably: what a
     * replica does when it installs a snapshot from a peer.
     */
    void reset(long snapshotIndex);

    /**
     * 0 when this log still holds every entry it ever made durable; otherwise the first index it
     * may have lost (see the class comment). Stays set across restarts until a compaction or a
     * reset moves {@link #firstIndex()} past the last index that may have been lost.
     */
    default long suspectFrom() {
        return 0;
    }

    /**
     * Records, durably, that entries {@code fromIndex} through {@code throughIndex} may have been
     * durable once and are lost: what {@link Storage#recover()} does when no good snapshot covers
     * where the log starts. Merges with a range recorded earlier.
     *
     * @throws UnsupportedOperationException if the store cannot remember it (the default), in
     *                                       which case recovery refuses rather than forget
     */
    default void markSuspect(long fromIndex, long throughIndex) {
        throw new UnsupportedOperationException(this + " cannot record that entries " + fromIndex + ".." + throughIndex + " may be lost");
    }

    @Override
    void close();
}
