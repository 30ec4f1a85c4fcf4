package io.synod.paxos.multi;

import io.synod.api.Effects;
import io.synod.api.LogEntry;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;
import io.synod.protocol.Ballot;

import java.util.ArrayList;
import java.util.List;

/**
 * A replica's accepted log as the core sees it: where the snapshot it folded in ends, and one
 * entry per slot above it (index = slot, term = the ballot the value was accepted at). Every
 * change is written through to {@link Effects}, so this view and the durable log stay the same.
 *
 * <p>The log is contiguous, so replacing a slot's value rewrites the log from that slot on: one
 * truncation and the appends after it, in one Ready, which the log store commits atomically (a
 * crash leaves the old log or the new one, never the truncated old one with part of the new).
 *
 * <p>Below the snapshot the driver may keep some entries in the durable log (its log
 * retention); the core reads them, when it needs them, through {@code ProtocolContext.log()}.
 */
final class PaxosLog {

    private final Effects effects;
    private final ArrayList<LogEntry> entries = new ArrayList<>();
    private SnapshotMeta snapshot;
    private long offset;
    private long offsetTerm;
    /**
     * The lowest slot from which the durable log below the snapshot holds chosen values: those
     * this incarnation committed itself. Below it (a snapshot installed from a peer, or one
     * recovered at start) the durable log may keep acceptances that were never chosen.
     */
    private long chosenFrom;

    private PaxosLog(Effects effects, SnapshotMeta snapshot) {
        this.effects = effects;
        this.snapshot = snapshot;
        this.offset = snapshot == null ? 0 : snapshot.index();
        this.offsetTerm = snapshot == null ? 0 : snapshot.term();
        this.chosenFrom = offset + 1;
    }

    /** Rebuilds the log from what the node found on disk. */
    static PaxosLog recover(Effects effects, Recovered recovered) {
        PaxosLog log = new PaxosLog(effects, recovered.snapshot());
        for (LogEntry e : recovered.log()) {
            if (e.index() > log.offset) {
                log.requireNext(e.index(), "recovered log");
                log.entries.add(e);
            }
        }
        return log;
    }

    long snapshotIndex() {
        return offset;
    }

    /** Where the newest snapshot folded into this log ends, or null. */
    SnapshotMeta snapshot() {
        return snapshot;
    }

    long lastIndex() {
        return offset + entries.size();
    }

    /** See the field: the lowest slot a leader may send from the durable log below the snapshot. */
    long chosenFrom() {
        return chosenFrom;
    }

    /** True when the log holds an entry (not only a snapshot) for {@code slot}. */
    boolean holds(long slot) {
        return slot > offset && slot <= lastIndex();
    }

    /** The ballot (packed) {@code slot} was accepted at, or -1 if this log holds no entry there. */
    long term(long slot) {
        if (slot == offset) {
            return offsetTerm;
        }
        return holds(slot) ? entry(slot).term() : -1;
    }

    LogEntry entry(long slot) {
        if (!holds(slot)) {
            throw new IndexOutOfBoundsException("slot " + slot + " outside the log (" + offset + ", " + lastIndex() + "]");
        }
        return entries.get((int) (slot - offset - 1));
    }

    /** The entries from {@code from} through {@code to}, both held. */
    List<LogEntry> entries(long from, long to) {
        if (from > to) {
            return List.of();
        }
        entry(from);
        entry(to);
        return new ArrayList<>(entries.subList((int) (from - offset - 1), (int) (to - offset)));
    }

    /** Appends the entry for slot {@link #lastIndex()} + 1. */
    void append(LogEntry entry) {
        requireNext(entry.index(), "append");
        entries.add(entry);
        effects.append(entry);
    }

    /** Replaces everything from {@code from} on with {@code suffix} (which starts at {@code from}). */
    void replaceFrom(long from, List<LogEntry> suffix) {
        if (from <= offset || from > lastIndex() + 1) {
            throw new IllegalArgumentException("cannot rewrite from slot " + from + " in log (" + offset + ", " + lastIndex() + "]");
        }
        if (from <= lastIndex()) {
            entries.subList((int) (from - offset - 1), entries.size()).clear();
            effects.truncateFrom(from);
        }
        for (LogEntry e : suffix) {
            append(e);
        }
    }

    /** Forgets entries up to the snapshot the driver wrote; the durable log is compacted by the driver. */
    void compact(SnapshotMeta taken) {
        if (taken.index() <= offset) {
            return;
        }
        entries.subList(0, (int) Math.min(entries.size(), taken.index() - offset)).clear();
        offset = taken.index();
        offsetTerm = taken.term();
        snapshot = taken;
    }

    /**
     * The driver installed a snapshot from a peer and kept the durable entries above it: so does
     * this view. With nothing above it, the log now ends at the snapshot.
     */
    void installed(SnapshotMeta installed) {
        if (installed.index() <= offset) {
            return;
        }
        int drop = (int) Math.min(entries.size(), installed.index() - offset);
        entries.subList(0, drop).clear();
        offset = installed.index();
        offsetTerm = installed.term();
        snapshot = installed;
        chosenFrom = installed.index() + 1;
    }

    private void requireNext(long index, String what) {
        if (index != lastIndex() + 1) {
            throw new IllegalStateException(what + " of slot " + index + " does not continue the log at " + lastIndex());
        }
    }
}
