package io.synod.storage;

import io.synod.api.LogEntry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The log's segments in index order, and the active one (the last, the only one written to).
 * It exists so that {@link FileLogStore} says what a truncation, a compaction or a reset does to
 * the log, while the order in which segment files go (newest first for a truncation or a reset,
 * so that a crash half-way leaves a prefix of the log, never a hole; oldest first for a
 * compaction) is kept in one place. Not thread-safe: the log's lock guards it.
 */
final class SegmentTable {

    private final TreeMap<Long, Segment> segments;
    /** The last segment, kept at hand: every record written asks it for room. Null only inside a reset. */
    private Segment active;

    /** The table of the segments {@link Recovery} kept; there is at least one. */
    SegmentTable(TreeMap<Long, Segment> segments) {
        this.segments = segments;
        this.active = segments.lastEntry().getValue();
    }

    Segment active() {
        return active;
    }

    /** The last index written, or the first index minus one when the log is empty. */
    long lastIndex() {
        return active.nextIndex() - 1;
    }

    /** A segment created after the active one becomes the active one. */
    void add(Segment next) {
        segments.put(next.baseIndex(), next);
        active = next;
    }

    /** Reads one entry; the caller checked the index is in the log. */
    LogEntry read(long index) throws IOException {
        return segments.floorEntry(index).getValue().read(index);
    }

    /** Reads {@code fromIndex} (inclusive) to {@code toIndex} (exclusive); the caller checked both ends. */
    List<LogEntry> read(long fromIndex, long toIndex) throws IOException {
        List<LogEntry> result = new ArrayList<>((int) Math.min(toIndex - fromIndex, 1 << 16));
        Map.Entry<Long, Segment> at = segments.floorEntry(fromIndex);
        for (long i = fromIndex; i < toIndex; i++) {
            if (i >= at.getValue().nextIndex()) {
                at = segments.higherEntry(at.getKey());
            }
            result.add(at.getValue().read(i));
        }
        return result;
    }

    /**
     * Drops every record from {@code from} on: the segments after the one holding it are deleted,
     * and that one is truncated and becomes the active one.
     *
     * @return whether a segment file was deleted (the directory then needs a sync)
     */
    boolean truncateFrom(long from) throws IOException {
        boolean deleted = false;
        Segment target = segments.floorEntry(from).getValue();
        // Newest first, so that a crash half-way leaves a prefix of the log, never a hole.
        for (Segment later : new ArrayList<>(segments.tailMap(target.baseIndex(), false).descendingMap().values())) {
            segments.remove(later.baseIndex());
            later.delete();
            deleted = true;
        }
        target.truncateFrom(from);
        active = target;
        return deleted;
    }

    /**
     * Where the log could start once the whole segments at or below {@code throughIndex} are gone,
     * keeping the active one: never below {@code firstIndex}.
     */
    long firstIndexAfterPurge(long firstIndex, long throughIndex) {
        long newFirst = firstIndex;
        for (Segment s : segments.values()) {
            if (s == active || s.nextIndex() - 1 > throughIndex) {
                break;
            }
            newFirst = Math.max(newFirst, s.nextIndex());
        }
        return newFirst;
    }

    /**
     * Deletes the segments wholly below {@code newFirst}, oldest first; when none is left, the
     * log starts over in a new segment created by {@code create}.
     */
    void dropBelow(long newFirst, LongFunction<Segment> create) {
        while (!segments.isEmpty()) {
            Segment oldest = segments.firstEntry().getValue();
            if (oldest.nextIndex() > newFirst || oldest.baseIndex() >= newFirst) {
                break;
            }
            segments.remove(oldest.baseIndex());
            oldest.delete();
        }
        if (segments.isEmpty()) {
            segments.put(newFirst, create.apply(newFirst));
        }
        active = segments.lastEntry().getValue();
    }

    /** Deletes every segment, newest first; the table is empty until {@link #dropBelow} starts it over. */
    void deleteAll() {
        for (Segment s : new ArrayList<>(segments.descendingMap().values())) {
            segments.remove(s.baseIndex());
            s.delete();
        }
        active = null;
    }

    /** Closes every segment's channel. */
    void closeAll() {
        segments.values().forEach(Segment::close);
    }
}
