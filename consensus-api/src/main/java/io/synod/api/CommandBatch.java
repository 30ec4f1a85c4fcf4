package io.synod.api;

import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
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
 * |                      command count (int)                      |
 * +---------------------------------------------------------------+
 * |  per command: client id (long), sequence (long),              |
 * |               payload length (int), payload bytes             |
 * +---------------------------------------------------------------+
 * </pre>
 * An entry of zero commands is a no-op (what a new Paxos leader writes into gaps). Big-endian.
 */
public final class CommandBatch {

    private static final int COUNT_LENGTH = Integer.BYTES;
    private static final int HEADER_LENGTH = Long.BYTES + Long.BYTES + Integer.BYTES;

    /** The bytes of an entry that carries no command. */
    public static final byte[] NOOP = new byte[COUNT_LENGTH];

    private CommandBatch() {
    }

    /** The number of bytes {@code command} adds to a batch. */
    public static int encodedLength(Command command) {
        return HEADER_LENGTH + command.payload().length;
    }

    /** Encodes commands, in order, as one entry's data. */
    public static byte[] encode(List<Command> commands) {
        int length = COUNT_LENGTH;
        for (Command c : commands) {
            length += encodedLength(c);
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.putInt(commands.size());
        for (Command c : commands) {
            out.putLong(c.clientId()).putLong(c.sequence()).putInt(c.payload().length).put(c.payload());
        }
        return out.array();
    }

    /** Encodes a single command as one entry's data. */
    public static byte[] encode(Command command) {
        return encode(List.of(command));
    }

    /**
     * Decodes an entry's data.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed batch
     */
    public static List<Command> decode(byte[] data) {
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            int count = in.getInt();
            if (count < 0 || count > (data.length - COUNT_LENGTH) / HEADER_LENGTH) {
                throw new IllegalArgumentException("command batch claims " + count + " commands in " + data.length + " bytes");
            }
            List<Command> commands = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long clientId = in.getLong();
                long sequence = in.getLong();
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new IllegalArgumentException("command " + i + " claims " + length + " bytes, " + in.remaining() + " remain");
                }
                byte[] payload = new byte[length];
                in.get(payload);
                commands.add(new Command(clientId, sequence, payload));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " stray bytes after a batch of " + count);
            }
            return commands;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("command batch truncated at " + data.length + " bytes", e);
        }
    }

    /** True when the entry carries no command. */
    public static boolean isNoop(byte[] data) {
        return data.length == COUNT_LENGTH && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] == 0;
    }
}
