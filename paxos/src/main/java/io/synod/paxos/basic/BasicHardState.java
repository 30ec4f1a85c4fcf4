package io.synod.paxos.basic;

import io.synod.protocol.Ballot;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Everything a Basic Paxos node must not forget across a crash, other than the chosen log: the
 * highest ballot round its proposer ever used (a proposer must never send two values under one
 * ballot, so after a restart it starts above it), and its acceptor's promise and acceptance for
 * every slot not yet known durably chosen.
 *
 * <p>Chosen values live in the node's log (one entry per slot, in slot order), which a slot may
 * reach out of order with respect to the acceptor's votes; that is why votes live here and not
 * in the log. Once a slot's decision is durable in the log (or folded into a snapshot), its
 * votes are dropped from here: the node then answers for that slot with the decision itself.
 * So this state stays as small as the window of undecided slots.
 *
 * <p><b>What was dropped.</b> It also records the highest slot whose votes it dropped
 * ({@link #forgottenThrough()}). Should the log ever hold fewer decisions than that — a damaged
 * tail record or snapshot that storage could only drop ({@code Recovered.suspectFrom}) — the
 * acceptor knows exactly which slots it has no memory of, and casts no vote there until it has
 * re-learned their decisions from its peers: it may have been part of the quorum that chose them.
 *
 * <pre>
 * magic (int "SYNB") | version (byte 2) | proposer round (long) | forgotten through (long) | slot count (int) |
 * per slot, ascending: slot (long) | promised (long, packed ballot) |
 *                      accepted ballot (long) | value length (int, -1 = none) | value
 * </pre>
 * Big-endian. An empty array (a node that never ran) decodes to the initial state; version 1 (no
 * forgotten-through field) is still read.
 */
final class BasicHardState {

    private static final int MAGIC = 0x53594E42;
    private static final byte VERSION_1 = 1;
    private static final byte VERSION = 2;

    private long proposerRound;
    private long forgottenThrough;
    private final TreeMap<Long, AcceptorSlot> slots = new TreeMap<>();
    private boolean dirty;

    /** The highest ballot round this node's proposer has used. */
    long proposerRound() {
        return proposerRound;
    }

    /** Records that the proposer is about to use {@code round}. */
    void useRound(long round) {
        if (round > proposerRound) {
            proposerRound = round;
            dirty = true;
        }
    }

    /** The acceptor's record of {@code slot}, created empty (and not yet dirty) on first use. */
    AcceptorSlot slot(long slot) {
        return slots.computeIfAbsent(slot, s -> new AcceptorSlot());
    }

    /** The slots the acceptor holds votes for. */
    NavigableMap<Long, AcceptorSlot> slots() {
        return slots;
    }

    /** Forgets the votes of every slot up to {@code slot}; returns true if any were held. */
    boolean forgetThrough(long slot) {
        NavigableMap<Long, AcceptorSlot> done = slots.headMap(slot, true);
        if (done.isEmpty()) {
            return false;
        }
        done.clear();
        forgottenThrough = Math.max(forgottenThrough, slot);
        dirty = true;
        return true;
    }

    /** The highest slot whose votes were dropped (their decision was durable then); 0 if none. */
    long forgottenThrough() {
        return forgottenThrough;
    }

    /** Notes that something here changed and must be stored with the next batch. */
    void markDirty() {
        dirty = true;
    }

    boolean isDirty() {
        return dirty;
    }

    /** Encodes the state for storing and clears the dirty mark. */
    byte[] encodeAndClean() {
        dirty = false;
        return encode();
    }

    byte[] encode() {
        int length = Integer.BYTES + 1 + Long.BYTES * 2 + Integer.BYTES;
        for (AcceptorSlot s : slots.values()) {
            length += Long.BYTES * 3 + Integer.BYTES + (s.acceptedValue() == null ? 0 : s.acceptedValue().length);
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.putInt(MAGIC).put(VERSION).putLong(proposerRound).putLong(forgottenThrough).putInt(slots.size());
        for (Map.Entry<Long, AcceptorSlot> e : slots.entrySet()) {
            AcceptorSlot s = e.getValue();
            out.putLong(e.getKey()).putLong(s.promised().pack()).putLong(s.acceptedBallot().pack());
            if (s.acceptedValue() == null) {
                out.putInt(-1);
            } else {
                out.putInt(s.acceptedValue().length).put(s.acceptedValue());
            }
        }
        return out.array();
    }

    /**
     * Decodes what {@link #encode()} stored.
     *
     * @throws IllegalStateException naming the problem if the bytes are not a Basic Paxos hard state
     */
    static BasicHardState decode(byte[] bytes) {
        BasicHardState state = new BasicHardState();
        if (bytes.length == 0) {
            return state;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int magic = in.getInt();
            if (magic != MAGIC) {
                throw new IllegalStateException("hard state is not Basic Paxos state: magic " + Integer.toHexString(magic));
            }
            byte version = in.get();
            if (version != VERSION && version != VERSION_1) {
                throw new IllegalStateException("hard state version " + version + " is not supported (expected " + VERSION + ")");
            }
            state.proposerRound = in.getLong();
            state.forgottenThrough = version == VERSION_1 ? 0 : in.getLong();
            if (state.forgottenThrough < 0) {
                throw new IllegalStateException("hard state says votes were dropped through slot " + state.forgottenThrough);
            }
            int count = in.getInt();
            if (count < 0) {
                throw new IllegalStateException("hard state claims " + count + " slots");
            }
            long previous = 0;
            for (int i = 0; i < count; i++) {
                long slot = in.getLong();
                if (slot <= previous) {
                    throw new IllegalStateException("hard state slot " + slot + " follows " + previous + ": not ascending");
                }
                previous = slot;
                Ballot promised = Ballot.unpack(in.getLong());
                Ballot accepted = Ballot.unpack(in.getLong());
                int length = in.getInt();
                if (length < -1 || length > in.remaining()) {
                    throw new IllegalStateException("hard state slot " + slot + " claims a value of " + length + " bytes, "
                        + in.remaining() + " remain");
                }
                byte[] value = null;
                if (length >= 0) {
                    value = new byte[length];
                    in.get(value);
                }
                state.slots.put(slot, new AcceptorSlot(promised, accepted, value));
            }
            if (in.hasRemaining()) {
                throw new IllegalStateException(in.remaining() + " stray bytes after the hard state's " + count + " slots");
            }
            return state;
        } catch (BufferUnderflowException e) {
            throw new IllegalStateException("hard state truncated at " + bytes.length + " bytes", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("hard state holds an invalid ballot or vote: " + e.getMessage(), e);
        }
    }
}
