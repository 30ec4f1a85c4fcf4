package io.synod.paxos.multi;

import io.synod.api.LogEntry;
import io.synod.protocol.Ballot;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * What a Multi-Paxos replica keeps in its hard-state store: the ballot it promised, and while it
 * re-learns a damaged log, the ballot a leader must rise above before it votes again.
 *
 * <p><b>No journal.</b> Replacing a slot's value truncates the log there and appends again; the
 * log store makes a truncation and the appends of one Ready crash-atomic, so no accepted entry can
 * be lost between the two (earlier versions journalled the rewritten suffix here).
 *
 * <p><b>Rejoining.</b> A replica whose log was found damaged may have lost acceptances it
 * reported; until it has re-learned the chosen log (see {@link Rejoin}) it must not vote, and it
 * must remember that across further restarts, which storage does not report twice. So the hard
 * state carries the ballot it must see a leader rise above before it votes again.
 *
 * <p>Layout (big-endian): version (1 byte, = 3), promised ballot (long), rejoin-above ballot
 * (long, -1 when the replica votes). Versions 1 and 2 (with a journal of the rewritten suffix) are
 * read when their journal is empty; a non-empty one was left by an older build in the middle of a
 * rewrite, and is refused with a message saying so.
 *
 * @param promised    the highest ballot this acceptor promised
 * @param rejoinAbove while the replica re-learns a damaged log, the ballot a leader must be above
 *                    for its re-proposals to be trusted; {@code null} when the replica votes
 */
record HardState(Ballot promised, Ballot rejoinAbove) {

    private static final byte VERSION_1 = 1;
    private static final byte VERSION_2 = 2;
    private static final byte VERSION = 3;
    private static final long VOTING = -1;

    static final HardState INITIAL = new HardState(Ballot.ZERO, null);

    /** The hard state of a replica that votes. */
    HardState(Ballot promised) {
        this(promised, null);
    }

    /** The same, with {@code rejoin} as the rejoin-above ballot. */
    HardState withRejoinAbove(Ballot rejoin) {
        return new HardState(promised, rejoin);
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(1 + Long.BYTES * 2);
        out.put(VERSION).putLong(promised.pack()).putLong(rejoinAbove == null ? VOTING : rejoinAbove.pack());
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
            if (version != VERSION && version != VERSION_2 && version != VERSION_1) {
                throw new IllegalStateException("Multi-Paxos hard state has version " + version + ", expected " + VERSION);
            }
            Ballot promised = Ballot.unpack(in.getLong());
            long rejoin = version == VERSION_1 ? VOTING : in.getLong();
            if (rejoin < VOTING) {
                throw new IllegalStateException("Multi-Paxos hard state has rejoin ballot " + rejoin);
            }
            if (version != VERSION) {
                long from = in.getLong();
                int count = in.getInt();
                if (count != 0) {
                    throw new IllegalStateException("Multi-Paxos hard state of version " + version + " holds a journal of " + count
                        + " entries from slot " + from + ": an older build stopped in the middle of a rewrite; start it once more"
                        + " with that build to finish it");
                }
            }
            if (in.hasRemaining()) {
                throw new IllegalStateException("Multi-Paxos hard state has " + in.remaining() + " stray bytes");
            }
            return new HardState(promised, rejoin == VOTING ? null : Ballot.unpack(rejoin));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalStateException("Multi-Paxos hard state of " + bytes.length + " bytes is malformed: " + e.getMessage(), e);
        }
    }
}
