package io.synod.runtime;

import io.synod.api.Command;

import java.nio.ByteBuffer;

/**
 * A replica's statement "after applying entry {@code index} my running digest was {@code digest}",
 * ordered through the log like any command, so that every replica reads every other's statement
 * at the same log position and compares it with its own digest at that index.
 *
 * <p>Why through the log rather than as a message beside the protocol's: it needs nothing from
 * the transport or the protocol's codec (any transport, any replication protocol, the simulator
 * included), and every replica sees the same statements in the same order, so that each judges
 * its own state against the same evidence. The price is one small command per replica every
 * {@link ReplicaConfig#digestEvery()} entries.
 *
 * <p>Reports travel as commands of the reserved client id {@link #CLIENT_ID}, never handed to the
 * state machine nor kept in the session table. Payload (big-endian): node (int), index (long),
 * digest (long).
 */
record DigestReport(int node, long index, long digest) {

    /** The client id reserved for digest reports; no client may use it. */
    static final long CLIENT_ID = Long.MIN_VALUE;

    private static final int LENGTH = Integer.BYTES + Long.BYTES + Long.BYTES;

    /** The command that carries this report; its sequence number is unique per node and index. */
    Command toCommand() {
        return new Command(CLIENT_ID, (index << 16) | node, ByteBuffer.allocate(LENGTH).putInt(node).putLong(index).putLong(digest).array());
    }

    /**
     * Reads a report from a command of {@link #CLIENT_ID}, or returns {@code null} if the payload
     * is not one: something no replica wrote, which every replica then skips alike (stopping on
     * it would let one bad command stop them all).
     */
    static DigestReport of(Command command) {
        byte[] payload = command.payload();
        if (payload.length != LENGTH) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        return new DigestReport(in.getInt(), in.getLong(), in.getLong());
    }
}
