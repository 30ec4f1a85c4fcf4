package io.synod.testkit;

import io.synod.api.LogEntry;
import io.synod.api.LogReader;
import io.synod.api.Ready;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One node's simulated disk: hard state, newest snapshot (where it ends, and its bytes) and the
 * log. Everything the simulator writes here is synced at the end of a Ready's persist step; a
 * crash in the middle of that step ({@link #persistTorn}) keeps only what a real disk might: the
 * hard state whole or not at all, and of the log either a prefix of the appends (perhaps with a
 * torn, so lost, last record) or — when the Ready truncates — the old log or the whole new one,
 * never the truncated old log with part of the new tail ({@code LogStore}'s atomic rewrite). The
 * hard state is stored before the log, or after it when the Ready asks so
 * ({@link Ready#hardStateAfterLog()}): a crash between the two keeps the first step only.
 *
 * <p><b>The log and snapshots.</b> The log may keep entries below the snapshot (the driver's log
 * retention, for a leader to send lagging peers); {@link #recover()} hands the core only those
 * after it, as storage does. {@link #reader()} is the core's read-only view of all of it.
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
    private SnapshotMeta snapshot;
    private byte[] snapshotData;
    private long firstIndex = 1;
    private final ArrayList<LogEntry> log = new ArrayList<>();
    private long suspectFrom;
    private final LogReader reader = new Reader();

    SimDisk(int node) {
        this.node = node;
    }

    byte[] hardState() {
        return hardState.clone();
    }

    SnapshotMeta snapshot() {
        return snapshot;
    }

    /** The durable snapshot's bytes, or null. */
    byte[] snapshotData() {
        return snapshotData;
    }

    /** The log after the durable snapshot. */
    List<LogEntry> log() {
        return Collections.unmodifiableList(log.subList((int) Math.min(log.size(), Math.max(0, afterSnapshot() - firstIndex)), log.size()));
    }

    /** The core's read-only view of the whole durable log, retained entries below the snapshot included. */
    LogReader reader() {
        return reader;
    }

    long lastIndex() {
        return firstIndex - 1 + log.size();
    }

    private long afterSnapshot() {
        return snapshot == null ? 1 : snapshot.index() + 1;
    }

    /** What the node finds on restart. */
    Recovered recover() {
        return new Recovered(hardState.clone(), snapshot, log(), suspectFrom);
    }

    /**
     * Damages what the node will find at its next start, as {@code kind} says.
     *
     * @return what was damaged, for the trace, or null if there was nothing of that kind to damage
     */
    String damage(FaultAction.DiskDamage kind) {
        switch (kind) {
            case TAIL_RECORD -> {
                if (lastIndex() < afterSnapshot()) {
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
                String what = snapshot + " fails its checksum: log dropped, suspect from 1";
                snapshot = null;
                snapshotData = null;
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
        if (ready.hardState() != null && !ready.hardStateAfterLog()) {
            storeHardState(ready.hardState());
        }
        if (ready.truncateFrom() > 0) {
            truncateFrom(ready.truncateFrom());
        }
        append(ready.entries());
        if (ready.hardState() != null && ready.hardStateAfterLog()) {
            storeHardState(ready.hardState());
        }
    }

    private void storeHardState(byte[] state) {
        hardState = state.clone();
        suspectFrom = 0;
    }

    /**
     * Carries out part of a Ready's persist step, as a crash in its middle leaves it: the first
     * of its two steps (the hard state, or the log when the Ready stores the hard state after it)
     * whole or in part, and the second only if the first survived whole.
     *
     * @return what survived, for the trace
     */
    String persistTorn(Ready ready, RandomGenerator random, boolean tornWrites) {
        byte[] hard = ready.hardState();
        if (hard != null && ready.hardStateAfterLog()) {
            String logKept = persistLogTorn(ready, random, tornWrites);
            boolean logWhole = logKept.startsWith("all");
            boolean hardKept = logWhole && random.nextBoolean();
            if (hardKept) {
                storeHardState(hard);
            }
            return logKept + "; hard state (stored after the log) " + (hardKept ? "kept" : "lost");
        }
        boolean hardKept = hard != null && random.nextBoolean();
        if (hardKept) {
            storeHardState(hard);
        }
        // The runtime stores the hard state (atomic and durable when save returns, HardStateStore's
        // contract) before it touches the log: a crash keeps a prefix of that order.
        if (hard != null && !hardKept) {
            return "hard state lost, no log write kept";
        }
        return "hard state " + (hard == null ? "unchanged" : "kept") + ", " + persistLogTorn(ready, random, tornWrites);
    }

    /** The log part of a torn persist: a prefix of plain appends, or a rewrite whole or not at all. */
    private String persistLogTorn(Ready ready, RandomGenerator random, boolean tornWrites) {
        int count = ready.entries().size();
        if (ready.truncateFrom() > 0) {
            // A truncation and its appends commit together (the log store's atomic rewrite).
            if (random.nextBoolean()) {
                truncateFrom(ready.truncateFrom());
                append(ready.entries());
                return "all of the rewrite from " + ready.truncateFrom() + " kept (" + count + " entries)";
            }
            return count == 0 ? "truncation lost" : "the rewrite from " + ready.truncateFrom() + " lost whole";
        }
        int kept = count == 0 ? 0 : random.nextInt(count + 1);
        boolean torn = false;
        if (tornWrites && kept > 0 && random.nextBoolean()) {
            kept--;
            torn = true;
        }
        if (kept > 0) {
            append(ready.entries().subList(0, kept));
        }
        return (kept == count ? "all " : "") + kept + " of " + count + " entries kept" + (torn ? " (next record torn)" : "");
    }

    /** Stores a snapshot taken locally and drops the log through {@code keepBelow} entries under its index. */
    void compact(SnapshotMeta taken, byte[] data, long retention) {
        if (snapshot != null && taken.index() <= snapshot.index()) {
            return; // an older background snapshot that finished after a newer one arrived
        }
        snapshot = taken;
        snapshotData = data;
        dropThrough(Math.min(taken.index() - retention, lastIndex()));
    }

    /**
     * Installs a snapshot a peer streamed here, as the runtime does: stored, then the log keeps
     * only what lies above it (emptied and restarted after it if it held nothing above).
     */
    void install(SnapshotMeta received, byte[] data) {
        snapshot = received;
        snapshotData = data;
        if (lastIndex() <= received.index()) {
            log.clear();
            firstIndex = received.index() + 1;
        } else {
            dropThrough(received.index());
        }
    }

    private void dropThrough(long through) {
        if (through < firstIndex) {
            return;
        }
        log.subList(0, (int) (through - firstIndex + 1)).clear();
        firstIndex = through + 1;
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

    /** The durable log as a core may read it. */
    private final class Reader implements LogReader {
        @Override
        public long firstIndex() {
            return firstIndex;
        }

        @Override
        public long lastIndex() {
            return SimDisk.this.lastIndex();
        }

        @Override
        public long term(long index) {
            return entry(index).term();
        }

        @Override
        public List<LogEntry> entries(long fromIndex, long toIndex, long maxBytes) {
            if (fromIndex < toIndex) {
                entry(toIndex - 1);
            }
            return LogReader.gather(this::entry, fromIndex, toIndex, maxBytes);
        }

        private LogEntry entry(long index) {
            if (index < firstIndex || index > lastIndex()) {
                throw new IndexOutOfBoundsException("node " + node + ": index " + index + " outside [" + firstIndex + ", " + lastIndex() + "]");
            }
            return log.get((int) (index - firstIndex));
        }
    }
}
