package io.synod.paxos.multi;

import io.synod.api.LogEntry;
import io.synod.protocol.Ballot;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Multi-Paxos replica keeps in its hard-state store: the ballot it promised, and a redo
 * journal for the log suffix it is rewriting.
 *
 * <p><b>Why a journal.</b> A log store is contiguous, so replacing the value of one slot means
 * truncating the log there and appending again. Accepted entries in the tail may already form
 * part of a chosen quorum and must not be lost, yet a crash may persist the truncation and lose
 * the appends that follow it. The hard state is stored, atomically, before the log is touched
 * (see {@link io.synod.api.Ready}); a batch that truncates therefore stores here the whole new
 * suffix from the truncation point, and the next batch clears it. On recovery a journal found
 * here overrides the log from {@link #journalFrom()} on.
 *
 * <p><b>Rejoining.</b> A replica whose log was found damaged may have lost acceptances it
 * reported; until it has re-learned the chosen log (see {@link Rejoin}) it must not vote, and it
 * must remember that across further restarts, which storage does not report twice. So the hard
 * state carries the ballot it must see a leader rise above before it votes again.
 *
 * <p>Layout (big-endian): version (1 byte, = 2), promised ballot (long), rejoin-above ballot
 * (long, -1 when the replica votes), journal start (long), journal length (int), then per entry
 * term (long), data length (int), data. Version 1 (no rejoin field) is still read.
 *
 * @param promised    the highest ballot this acceptor promised
 * @param rejoinAbove while the replica re-learns a damaged log, the ballot a leader must be above
 *                    for its re-proposals to be trusted; {@code null} when the replica votes
 * @param journalFrom the first slot of the journal, or 0 when there is none
 * @param journal     the log suffix from {@code journalFrom} on, as it must read after recovery
 */
record HardState(Ballot promised, Ballot rejoinAbove, long journalFrom, List<LogEntry> journal) {

    private static final byte VERSION_1 = 1;
    private static final byte VERSION = 2;
    private static final long VOTING = -1;

    static final HardState INITIAL = new HardState(Ballot.ZERO, null, 0, List.of());

    /** The hard state of a replica that votes. */
    HardState(Ballot promised, long journalFrom, List<LogEntry> journal) {
        this(promised, null, journalFrom, journal);
    }

    /** The same, with {@code rejoin} as the rejoin-above ballot. */
    HardState withRejoinAbove(Ballot rejoin) {
        return new HardState(promised, rejoin, journalFrom, journal);
    }

    HardState {
        journal = List.copyOf(journal);
        for (int i = 0; i < journal.size(); i++) {
            if (journal.get(i).index() != journalFrom + i) {
                throw new IllegalArgumentException("journal entry " + journal.get(i) + " is not at slot " + (journalFrom + i));
            }
        }
    }

    byte[] encode() {
        int length = 1 + Long.BYTES * 3 + Integer.BYTES;
        for (LogEntry e : journal) {
            length += Long.BYTES + Integer.BYTES + e.data().length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.put(VERSION).putLong(promised.pack()).putLong(rejoinAbove == null ? VOTING : rejoinAbove.pack())
            .putLong(journalFrom).putInt(journal.size());
        for (LogEntry e : journal) {
            out.putLong(e.term()).putInt(e.data().length).put(e.data());
        }
        return out.array();
    }

    /**
     * Reads what {@link #encode()} wrote; an empty array is a replica that never stored anything.
     *
     * @throws IllegalStateException naming the defect if the bytes are not a Multi-Paxos hard state
     */
    static HardState decode(byte[] bytes) {
        if (bytes.length == 0) {
            return INITIAL;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = in.get();
            if (version != VERSION && version != VERSION_1) {
                throw new IllegalStateException("Multi-Paxos hard state has version " + version + ", expected " + VERSION);
            }
            Ballot promised = Ballot.unpack(in.getLong());
            long rejoin = version == VERSION_1 ? VOTING : in.getLong();
            if (rejoin < VOTING) {
                throw new IllegalStateException("Multi-Paxos hard state has rejoin ballot " + rejoin);
            }
            long from = in.getLong();
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / (Long.BYTES + Integer.BYTES) || (count > 0 && from < 1)) {
                throw new IllegalStateException("Multi-Paxos hard state claims a journal of " + count + " entries from slot " + from);
            }
            List<LogEntry> journal = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long term = in.getLong();
                byte[] data = new byte[in.getInt()];
                in.get(data);
                journal.add(new LogEntry(from + i, term, data));
            }
            if (in.hasRemaining()) {
                throw new IllegalStateException("Multi-Paxos hard state has " + in.remaining() + " stray bytes");
            }
            return new HardState(promised, rejoin == VOTING ? null : Ballot.unpack(rejoin), count == 0 ? 0 : from, journal);
        } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new IllegalStateException("Multi-Paxos hard state of " + bytes.length + " bytes is malformed: " + e.getMessage(), e);
        }
    }
}
