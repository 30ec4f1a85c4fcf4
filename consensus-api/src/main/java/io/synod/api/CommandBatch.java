package io.synod.api;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a log entry that carries client commands: protocols batch several commands into
 * one slot, and every driver unpacks them the same way before applying.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  leader time, ms (long)                       |
 * +---------------------------------------------------------------+
 * |                  term (long)                                  |
 * +---------------------------------------------------------------+
 * |                      command count (int)                      |
 * +---------------------------------------------------------------+
 * |  per command: client id (long), sequence (long),              |
 * |               acked through (long),                           |
 * |               payload length (int), payload bytes             |
 * +---------------------------------------------------------------+
 * </pre>
 * Big-endian. The header is the proposer's: its wall clock ({@link ProtocolContext#wallClock()})
 * and its term when it cut the batch. Both become part of the chosen value, so every replica
 * reads the same ones (the runtime's log time and {@link ApplyContext#term()} come from here).
 * An entry of zero commands is a no-op (what a new Paxos leader writes into gaps); {@link #NOOP}
 * carries time 0 and term 0, which move nothing.
 */
public final class CommandBatch {

    private static final int HEADER_LENGTH = Long.BYTES + Long.BYTES + Integer.BYTES;
    private static final int COMMAND_HEADER_LENGTH = Long.BYTES * 3 + Integer.BYTES;

    /** The bytes of an entry that carries no command, no time and no term. */
    public static final byte[] NOOP = new byte[HEADER_LENGTH];

    /**
     * A decoded entry.
     *
     * @param timestamp the proposer's wall clock when it cut the batch, ms since the epoch (0: unstamped)
     * @param term      the proposer's term then (0: unstamped)
     * @param commands  the commands, in order
     */
    public record Batch(long timestamp, long term, List<Command> commands) {
    }

    private CommandBatch() {
    }

    /** The number of bytes {@code command} adds to a batch. */
    public static int encodedLength(Command command) {
        return COMMAND_HEADER_LENGTH + command.payload().length;
    }

    /** Encodes commands, in order, as one entry's data stamped with the proposer's time and term. */
    public static byte[] encode(long timestamp, long term, List<Command> commands) {
        int length = HEADER_LENGTH;
        for (Command c : commands) {
            length += encodedLength(c);
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.putLong(timestamp).putLong(term).putInt(commands.size());
        for (Command c : commands) {
            out.putLong(c.clientId()).putLong(c.sequence()).putLong(c.ackedThrough())
                .putInt(c.payload().length).put(c.payload());
        }
        return out.array();
    }

    /** Encodes commands unstamped (time 0, term 0): for tests and tools, never for a proposer. */
    public static byte[] encode(List<Command> commands) {
        return encode(0, 0, commands);
    }

    /** Encodes a single command, unstamped (see {@link #encode(List)}). */
    public static byte[] encode(Command command) {
        return encode(List.of(command));
    }

    /**
     * Decodes an entry's data: header and commands.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed batch
     */
    public static Batch decodeBatch(byte[] data) {
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            long timestamp = in.getLong();
            long term = in.getLong();
            int count = in.getInt();
            if (count < 0 || count > (data.length - HEADER_LENGTH) / COMMAND_HEADER_LENGTH) {
                throw new IllegalArgumentException("command batch claims " + count + " commands in " + data.length + " bytes");
            }
            List<Command> commands = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long clientId = in.getLong();
                long sequence = in.getLong();
                long ackedThrough = in.getLong();
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new IllegalArgumentException("command " + i + " claims " + length + " bytes, " + in.remaining() + " remain");
                }
                byte[] payload = new byte[length];
                in.get(payload);
                commands.add(new Command(clientId, sequence, ackedThrough, payload));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " stray bytes after a batch of " + count);
            }
            return new Batch(timestamp, term, commands);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("command batch truncated at " + data.length + " bytes", e);
        }
    }

    /**
     * Decodes an entry's commands (see {@link #decodeBatch}).
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed batch
     */
    public static List<Command> decode(byte[] data) {
        return decodeBatch(data).commands();
    }

    /** True when the entry carries no command. */
    public static boolean isNoop(byte[] data) {
        return data.length == HEADER_LENGTH && data[16] == 0 && data[17] == 0 && data[18] == 0 && data[19] == 0;
    }
}
