package io.synod.storage;

import io.synod.api.LogEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The before-image of a rewrite not yet synced: which durable entries the truncations since the
 * last sync dropped, kept on disk ({@link TruncationUndo}, {@code log.undo}) until the sync that
 * makes the new tail durable commits the rewrite. It exists so that the image's life (saved before
 * a truncation's first zero, extended by a lower truncation, trimmed by a compaction, deleted by
 * the commit or a reset, taken up again on open) is told in one place, apart from the truncation
 * itself. Not thread-safe: the log's lock guards it.
 */
final class BeforeImage {

    private final Path dir;
    private final boolean durable;
    /** The before-image on disk, or null: a truncation since the last sync dropped durable entries. */
    private TruncationUndo undo;

    BeforeImage(Path dir, boolean durable) {
        this.dir = dir;
        this.durable = durable;
    }

    /**
     * Saves the entries from {@code from} through {@code keptThrough} (those a crash would keep)
     * that no earlier truncation since the last sync saved already, reading them from {@code log}.
     */
    void save(long from, long keptThrough, Reader log) throws IOException {
        long end = undo == null ? keptThrough : Math.min(keptThrough, undo.fromIndex() - 1);
        if (from > end) {
            return;
        }
        List<LogEntry> dropped = log.entries(from, end + 1);
        TruncationUndo next = undo == null ? new TruncationUndo(from, dropped) : undo.extendedDown(dropped);
        next.write(dir, durable);
        undo = next;
    }

    /** The sync that made the new tail durable commits the truncation: the before-image goes. */
    void commit() {
        if (undo != null) {
            TruncationUndo.delete(dir, durable);
            undo = null;
        }
    }

    /** The log now starts at {@code newFirst}. */
    void compactedTo(long newFirst) {
        if (undo != null && newFirst > undo.fromIndex()) {
            // What the compaction drops needs no undoing: the before-image keeps only what stays in the log.
            TruncationUndo kept = undo.from(newFirst);
            if (kept.entries().isEmpty()) {
                commit();
            } else {
                kept.write(dir, durable);
                undo = kept;
            }
        }
    }

    /**
     * Takes up the image a run left that never committed its rewrite, without what lies below
     * {@code firstIndex}: until the next sync deletes it, the file stays what a crash gives back.
     */
    TruncationUndo adopt(TruncationUndo found, long firstIndex) {
        undo = found.from(firstIndex);
        return undo;
    }

    /** Where the entries to save are read from: the log, before the truncation drops them. */
    @FunctionalInterface
    interface Reader {
        List<LogEntry> entries(long fromIndex, long toIndex) throws IOException;
    }
}
