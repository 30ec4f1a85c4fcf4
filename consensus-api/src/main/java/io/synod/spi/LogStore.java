package io.synod.spi;

import io.synod.api.LogEntry;

import java.util.List;

/**
 * A replica's durable log: entries at contiguous indexes {@link #firstIndex()} to
 * {@link #lastIndex()}.
 *
 * <p><b>Indexes.</b> The first entry ever is index 1. An empty log has
 * {@code lastIndex() == firstIndex() - 1}; after {@link #compactPrefix(long) compactPrefix(n)}
 * the log starts at {@code n + 1} even when it holds nothing.
 *
 * <p><b>Durability.</b> {@link #append} and {@link #truncateSuffix} may stay in memory or the
 * page cache until {@link #sync()}, which makes everything before it durable with as few
 * fsyncs as the store can manage (one per call for a file log). After a crash, a prefix of the
 * appends since the last sync may survive; nothing synced is lost.
 *
 * <p><b>Threading.</b> Called from one thread unless an implementation says otherwise.
 *
 * <p><b>Failure.</b> A store that finds its files corrupt refuses to open with an exception that
 * names the file and the offset; it never returns a silently shortened log.
 */
public interface LogStore extends AutoCloseable {

    /** The lowest index held (or that would be held next, when empty). */
    long firstIndex();

    /** The highest index held, or {@code firstIndex() - 1} when empty. */
    long lastIndex();

    /** Appends entries whose indexes continue the log: the first must be {@code lastIndex() + 1}. */
    void append(List<LogEntry> entries);

    /** Drops every entry at or above {@code fromIndex}. */
    void truncateSuffix(long fromIndex);

    /** Drops every entry at or below {@code throughIndex} (it is folded into a snapshot). */
    void compactPrefix(long throughIndex);

    /** The entry at {@code index}, which must lie between the first and last index. */
    LogEntry entry(long index);

    /** The entries from {@code fromIndex} up to but excluding {@code toIndex}. */
    List<LogEntry> entries(long fromIndex, long toIndex);

    /** Makes every earlier append and truncation durable. */
    void sync();

    /**
     * Forgets everything and restarts the log right after {@code snapshotIndex}, durably: what a
     * replica does when it installs a snapshot from a peer.
     */
    void reset(long snapshotIndex);

    @Override
    void close();
}
