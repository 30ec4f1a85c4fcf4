package io.synod.testkit;

import io.synod.api.LogEntry;
import io.synod.api.Ready;
import io.synod.api.Recovered;
import io.synod.api.Snapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One node's simulated disk: hard state, newest snapshot and the log after it. Everything the
 * simulator writes here is synced at the end of a Ready's persist step; a crash in the middle of
 * that step ({@link #persistTorn}) keeps only what a real disk might: a prefix of the log
 * writes, the hard state whole or not at all, and perhaps a torn (so lost) last record.
 *
 * <p><b>Damage.</b> {@link #damage} models a disk that returns a complete record whose checksum
 * fails: the last log record, or the snapshot. Storage cannot prove such a record was never
 * acknowledged, so recovery drops it (and, for a snapshot, the log that followed it) and reports
 * the first dropped index as {@link Recovered#suspectFrom()}. It keeps reporting it on every
 * recovery until the node has stored a hard state since: the node's chance to record durably
 * that it must re-learn before it votes. The hard state itself is never damaged here.
 */
final class SimDisk {

    /** A write the core asked for that breaks the log's contract. */
    static final class ContractViolation extends RuntimeException {
        ContractViolation(String message) {
            super(message);
        }
    }

    private final int node;
    private byte[] hardState = new byte[0];
    private Snapshot snapshot;
    private long firstIndex = 1;
    private final ArrayList<LogEntry> log = new ArrayList<>();
    private long suspectFrom;

    SimDisk(int node) {
        this.node = node;
    }

    byte[] hardState() {
        return hardState.clone();
    }

    Snapshot snapshot() {
        return snapshot;
    }

    List<LogEntry> log() {
        return Collections.unmodifiableList(log);
    }

    long lastIndex() {
        return firstIndex - 1 + log.size();
    }

    /** What the node finds on restart. */
    Recovered recover() {
        return new Recovered(hardState.clone(), snapshot, log, suspectFrom);
    }

    /**
     * Damages what the node will find at its next start, as {@code kind} says.
     *
     * @return what was damaged, for the trace, or null if there was nothing of that kind to damage
     */
    String damage(FaultAction.DiskDamage kind) {
        switch (kind) {
            case TAIL_RECORD -> {
                if (log.isEmpty()) {
                    return null;
                }
                long tail = lastIndex();
                log.remove(log.size() - 1);
                suspect(tail);
                return "log record " + tail + " fails its checksum: dropped, suspect from " + tail;
            }
            case SNAPSHOT -> {
                if (snapshot == null) {
                    return null;
                }
                String what = "snapshot at " + snapshot.index() + " fails its checksum: log dropped, suspect from 1";
                snapshot = null;
                log.clear();
                firstIndex = 1;
                suspect(1);
                return what;
            }
            default -> {
                return null;
            }
        }
    }

    private void suspect(long from) {
        suspectFrom = suspectFrom == 0 ? from : Math.min(suspectFrom, from);
    }

    /** The suspect index recovery reports now, 0 if none. */
    long suspectFrom() {
        return suspectFrom;
    }

    /** Carries out a Ready's persist step completely and syncs it. */
    void persist(Ready ready) {
        if (ready.snapshot() != null) {
            installSnapshot(ready.snapshot());
        }
        if (ready.hardState() != null) {
            hardState = ready.hardState().clone();
            suspectFrom = 0;
        }
        if (ready.truncateFrom() > 0) {
            truncateFrom(ready.truncateFrom());
        }
        append(ready.entries());
    }

    /**
     * Carries out part of a Ready's persist step, as a crash in its middle leaves it: a prefix of
     * snapshot, hard state, then the log writes (of which a prefix survives).
     *
     * @return what survived, for the trace
     */
    String persistTorn(Ready ready, RandomGenerator random, boolean tornWrites) {
        boolean snapshotKept = ready.snapshot() == null || random.nextBoolean();
        if (ready.snapshot() != null && snapshotKept) {
            installSnapshot(ready.snapshot());
        }
        // The runtime saves the snapshot, then the hard state (atomic and durable when save returns,
        // HardStateStore's contract), and only then touches the log: a crash keeps a prefix of that order.
        boolean hardKept = ready.hardState() != null && snapshotKept && random.nextBoolean();
        if (hardKept) {
            hardState = ready.hardState().clone();
            suspectFrom = 0;
        }
        if (!snapshotKept) {
            return "snapshot lost, hard state " + (ready.hardState() == null ? "unchanged" : "lost") + ", no log write kept";
        }
        if (ready.hardState() != null && !hardKept) {
            return "hard state lost, no log write kept";
        }
        int logWrites = (ready.truncateFrom() > 0 ? 1 : 0) + ready.entries().size();
        int kept = logWrites == 0 ? 0 : random.nextInt(logWrites + 1);
        int keptEntries = kept - (ready.truncateFrom() > 0 ? 1 : 0);
        if (kept > 0 && ready.truncateFrom() > 0) {
            truncateFrom(ready.truncateFrom());
        }
        boolean torn = false;
        if (tornWrites && keptEntries > 0 && random.nextBoolean()) {
            keptEntries--;
            torn = true;
        }
        if (keptEntries > 0) {
            append(ready.entries().subList(0, keptEntries));
        }
        return "hard state " + (ready.hardState() == null ? "unchanged" : hardKept ? "kept" : "lost") + ", "
            + Math.max(keptEntries, 0) + " of " + ready.entries().size() + " entries kept"
            + (torn ? " (next record torn)" : "");
    }

    /** Stores a snapshot taken locally and drops the log through its index. */
    void compact(Snapshot taken) {
        snapshot = taken;
        long through = taken.index();
        if (through >= lastIndex()) {
            log.clear();
        } else if (through >= firstIndex) {
            log.subList(0, (int) (through - firstIndex + 1)).clear();
        }
        firstIndex = Math.max(firstIndex, through + 1);
    }

    private void installSnapshot(Snapshot s) {
        snapshot = s;
        log.clear();
        firstIndex = s.index() + 1;
    }

    private void truncateFrom(long index) {
        if (index <= firstIndex) {
            log.clear();
        } else if (index <= lastIndex()) {
            log.subList((int) (index - firstIndex), log.size()).clear();
        }
    }

    private void append(List<LogEntry> entries) {
        for (LogEntry e : entries) {
            if (e.index() < firstIndex) {
                continue; // folded into the snapshot already
            }
            if (e.index() != lastIndex() + 1) {
                throw new ContractViolation("node " + node + " appended entry " + e.index() + " to a log ending at "
                    + lastIndex() + " (first index " + firstIndex + ") without truncating: entries must be contiguous");
            }
            log.add(e);
        }
    }
}
