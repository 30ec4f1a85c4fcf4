package io.synod.zab;

import io.synod.api.Effects;
import io.synod.api.LogEntry;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;
import io.synod.zab.message.ZabMessage.EpochStart;
import io.synod.zab.message.Zxid;

import java.util.ArrayList;
import java.util.List;

/**
 * A peer's history as the core sees it: the snapshot it folded in (its {@link #base()}), and one
 * entry per index above it (term = the epoch that proposed it). Every change is written through
 * to {@link Effects}, so this view and the durable log stay the same once a batch is durable.
 *
 * <p>The retained log is held in memory, bounded by compaction ({@link #compact}); the snapshot's
 * bytes never pass through here: the driver streams them to a learner that lags behind the log
 * (SNAP) and reports where one it installed ends ({@link #installed}).
 */
final class ZabLog {

    private final Effects effects;
    private final ArrayList<LogEntry> entries = new ArrayList<>();
    private long baseIndex;
    private long baseEpoch;

    private ZabLog(Effects effects, SnapshotMeta snapshot) {
        this.effects = effects;
        this.baseIndex = snapshot == null ? 0 : snapshot.index();
        this.baseEpoch = snapshot == null ? 0 : snapshot.term();
    }

    /**
     * @throws IllegalStateException if the recovered log is not contiguous above the snapshot or
     *                               its epochs go back (a history this code never wrote)
     */
    static ZabLog recover(Effects effects, Recovered recovered) {
        ZabLog log = new ZabLog(effects, recovered.snapshot());
        for (LogEntry e : recovered.log()) {
            if (e.index() <= log.baseIndex) {
                continue;
            }
            if (e.index() != log.lastIndex() + 1) {
                throw new IllegalStateException("recovered log has index " + e.index() + " after " + log.lastIndex());
            }
            if (log.entries.isEmpty() && e.term() < log.baseEpoch) {
                // Kept above a snapshot streamed here, from an older history (see installed): the
                // node crashed before it dropped them.
                effects.truncateFrom(e.index());
                break;
            }
            if (e.term() < log.lastEpoch()) {
                throw new IllegalStateException("recovered log goes back from epoch " + log.lastEpoch() + " to "
                    + e.term() + " at index " + e.index());
            }
            log.entries.add(e);
        }
        return log;
    }

    long baseIndex() {
        return baseIndex;
    }

    long baseEpoch() {
        return baseEpoch;
    }

    /** The entry the snapshot ends with, as a zxid. */
    Zxid base() {
        return new Zxid(baseEpoch, baseIndex);
    }

    long lastIndex() {
        return baseIndex + entries.size();
    }

    long lastEpoch() {
        return entries.isEmpty() ? baseEpoch : entries.get(entries.size() - 1).term();
    }

    Zxid lastZxid() {
        return new Zxid(lastEpoch(), lastIndex());
    }

    /** The epoch of the entry at {@code index}; the base's epoch at the base; -1 outside the log. */
    long epochAt(long index) {
        if (index == baseIndex) {
            return baseEpoch;
        }
        if (index < baseIndex || index > lastIndex()) {
            return -1;
        }
        return entries.get((int) (index - baseIndex - 1)).term();
    }

    LogEntry entry(long index) {
        return entries.get((int) (index - baseIndex - 1));
    }

    /**
     * Entries {@code from..to}, both inclusive, at most {@code max} of them and at most {@code maxBytes}
     * bytes of data, but always the first one (an entry larger than the bound still has to travel).
     */
    List<LogEntry> entries(long from, long to, int max, int maxBytes) {
        long last = Math.min(to, Math.min(lastIndex(), from + max - 1));
        if (from <= baseIndex || from > last) {
            return List.of();
        }
        int start = (int) (from - baseIndex - 1);
        int end = (int) (last - baseIndex);
        long bytes = entries.get(start).data().length;
        int cut = start + 1;
        while (cut < end && bytes + entries.get(cut).data().length <= maxBytes) {
            bytes += entries.get(cut).data().length;
            cut++;
        }
        return List.copyOf(entries.subList(start, cut));
    }

    /** Where the snapshot the log starts after ends, or null when nothing was ever compacted. */
    SnapshotMeta snapshot() {
        return baseIndex == 0 ? null : new SnapshotMeta(baseIndex, baseEpoch);
    }

    /** Where each epoch begins in the retained log, oldest first. */
    List<EpochStart> epochStarts() {
        List<EpochStart> starts = new ArrayList<>();
        long epoch = -1;
        for (LogEntry e : entries) {
            if (e.term() != epoch) {
                epoch = e.term();
                starts.add(new EpochStart(epoch, e.index()));
            }
        }
        return starts;
    }

    void append(LogEntry e) {
        if (e.index() != lastIndex() + 1) {
            throw new IllegalStateException("append of index " + e.index() + " after " + lastIndex());
        }
        if (e.term() < lastEpoch()) {
            throw new IllegalStateException("append of epoch " + e.term() + " after epoch " + lastEpoch() + " at index " + e.index());
        }
        entries.add(e);
        effects.append(e);
    }

    /** Drops every entry above {@code index} (TRUNC). */
    void truncateAfter(long index) {
        if (index < baseIndex) {
            throw new IllegalStateException("truncation to " + index + " below the snapshot at " + baseIndex);
        }
        if (index >= lastIndex()) {
            return;
        }
        entries.subList((int) (index - baseIndex), entries.size()).clear();
        effects.truncateFrom(index + 1);
    }

    /**
     * The driver installed a snapshot the leader streamed here (SNAP): the durable log keeps only
     * what lies above it. Entries there of an older epoch go at once (a crash before the NEWLEADER
     * that follows would otherwise leave a log whose epochs go back); others of another history
     * that NEWLEADER truncates.
     */
    void installed(SnapshotMeta s) {
        if (s.index() <= baseIndex) {
            return;
        }
        if (s.index() >= lastIndex()) {
            entries.clear();
        } else {
            entries.subList(0, (int) (s.index() - baseIndex)).clear();
        }
        baseIndex = s.index();
        baseEpoch = s.term();
        // Epochs never go down along one history: a kept entry of an older epoch than the
        // snapshot's last one belongs to another history, was never committed, and goes now.
        if (!entries.isEmpty() && entries.get(0).term() < baseEpoch) {
            long from = entries.get(0).index();
            entries.clear();
            effects.truncateFrom(from);
        }
    }

    /** The driver folded everything through {@code s.index()} into a snapshot: drop it from memory. */
    void compact(SnapshotMeta s) {
        if (s.index() <= baseIndex) {
            return;
        }
        if (s.index() > lastIndex()) {
            throw new IllegalStateException("snapshot at " + s.index() + " lies above the log's end " + lastIndex());
        }
        long epoch = epochAt(s.index());
        entries.subList(0, (int) (s.index() - baseIndex)).clear();
        baseIndex = s.index();
        baseEpoch = epoch;
    }
}
