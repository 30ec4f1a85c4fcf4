package io.synod.paxos.multi;

import io.synod.api.Effects;
import io.synod.api.LogEntry;
import io.synod.api.Recovered;
import io.synod.api.Snapshot;
import io.synod.protocol.Ballot;

import java.util.ArrayList;
import java.util.List;

/**
 * A replica's accepted log as the core sees it: the snapshot it folded in, and one entry per
 * slot above it (index = slot, term = the ballot the value was accepted at). Every change is
 * written through to {@link Effects}, so this view and the durable log stay the same.
 *
 * <p>The log is contiguous, so replacing a slot's value rewrites the log from that slot on;
 * {@link #takeJournal()} tells the core which suffix to journal in its hard state so that a crash
 * in the middle of such a rewrite loses nothing (see {@link HardState}).
 */
final class PaxosLog {

    private final Effects effects;
    private final ArrayList<LogEntry> entries = new ArrayList<>();
    private Snapshot snapshot;
    private long offset;
    private long offsetTerm;
    private long journalFrom;

    private PaxosLog(Effects effects, Snapshot snapshot) {
        this.effects = effects;
        this.snapshot = snapshot;
        this.offset = snapshot == null ? 0 : snapshot.index();
        this.offsetTerm = snapshot == null ? 0 : snapshot.term();
    }

    /**
     * Rebuilds the log from what the node found on disk. A journal in the hard state overrides
     * the log from its first slot on, and is written again (so the durable log matches it).
     *
     * @param rejoining true when the log may have lost entries (the replica re-learns before it
     *                  votes): a journal that no longer fits the shortened log is dropped, since
     *                  re-learning covers whatever it held
     * @throws IllegalStateException if the log and the journal do not fit together on a whole log
     */
    static PaxosLog recover(Effects effects, Recovered recovered, HardState hardState, boolean rejoining) {
        PaxosLog log = new PaxosLog(effects, recovered.snapshot());
        long journalStart = hardState.journal().isEmpty() ? Long.MAX_VALUE : hardState.journalFrom();
        if (rejoining && journalStart != Long.MAX_VALUE
            && Math.max(journalStart, log.offset + 1) > Math.max(recovered.lastIndex(), log.offset) + 1) {
            journalStart = Long.MAX_VALUE;
        }
        for (LogEntry e : recovered.log()) {
            if (e.index() > log.offset && e.index() < journalStart) {
                log.requireNext(e.index(), "recovered log");
                log.entries.add(e);
            }
        }
        if (journalStart != Long.MAX_VALUE) {
            long from = Math.max(journalStart, log.offset + 1);
            if (from > log.lastIndex() + 1) {
                throw new IllegalStateException("hard-state journal starts at slot " + journalStart
                    + " but the recovered log ends at " + log.lastIndex());
            }
            effects.truncateFrom(from);
            for (LogEntry e : hardState.journal()) {
                if (e.index() >= from) {
                    log.entries.add(e);
                    effects.append(e);
                }
            }
            log.journalFrom = from;
        }
        return log;
    }

    long snapshotIndex() {
        return offset;
    }

    /** The newest snapshot folded into this log, or null. */
    Snapshot snapshot() {
        return snapshot;
    }

    long lastIndex() {
        return offset + entries.size();
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
            protectFrom(from);
        }
        for (LogEntry e : suffix) {
            append(e);
        }
    }

    /** Journals the suffix from {@code from} on in this batch's hard state. */
    void protectFrom(long from) {
        journalFrom = journalFrom == 0 ? from : Math.min(journalFrom, from);
    }

    /** Forgets entries up to the snapshot the driver took; the durable log is compacted by the driver. */
    void compact(Snapshot taken) {
        if (taken.index() <= offset) {
            return;
        }
        int drop = (int) Math.min(entries.size(), taken.index() - offset);
        entries.subList(0, drop).clear();
        offset = taken.index();
        offsetTerm = taken.term();
        snapshot = taken;
    }

    /** Installs a peer's snapshot, keeping {@code keep} (the accepted entries above it). */
    void install(Snapshot installed, List<LogEntry> keep) {
        effects.installSnapshot(installed);
        entries.clear();
        offset = installed.index();
        offsetTerm = installed.term();
        snapshot = installed;
        for (LogEntry e : keep) {
            append(e);
        }
        if (!keep.isEmpty()) {
            protectFrom(installed.index() + 1);
        }
    }

    /** The suffix to journal for this batch, or null; resets for the next batch. */
    HardState journal(Ballot promised) {
        if (journalFrom == 0) {
            return null;
        }
        long from = Math.max(journalFrom, offset + 1);
        journalFrom = 0;
        if (from > lastIndex()) {
            return new HardState(promised, 0, List.of());
        }
        return new HardState(promised, from, entries(from, lastIndex()));
    }

    private void requireNext(long index, String what) {
        if (index != lastIndex() + 1) {
            throw new IllegalStateException(what + " of slot " + index + " does not continue the log at " + lastIndex());
        }
    }
}
