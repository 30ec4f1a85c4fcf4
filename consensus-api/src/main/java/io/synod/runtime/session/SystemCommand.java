package io.synod.runtime.session;

import io.synod.api.Command;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The runtime's own commands for sessions, ordered through the log like any command so that
 * every replica opens, renews, ends and configures sessions at the same point. Each kind travels
 * under a reserved client id (below {@link #RESERVED_BELOW}, which no session gets), is never
 * handed to the state machine, and is kept in no session's results; its sequence number is a
 * nonce of the replica that proposed it (for {@link Open}, what tells a retry from a new open).
 *
 * <p>Payloads (big-endian): Open — timeout ms (long), flags (byte: 1 = FIFO); Renew — count
 * (int), session ids (long each); Close — session id (long); Configure — initial (byte), then
 * {@link SessionConfig}'s four fields; Time — nothing.
 */
public sealed interface SystemCommand {

    /** Client ids below this are reserved for the runtime (the divergence check's reports use the lowest). */
    long RESERVED_BELOW = Long.MIN_VALUE + 64;
    /** The client id of {@link Open}. */
    long OPEN = Long.MIN_VALUE + 1;
    /** The client id of {@link Renew}. */
    long RENEW = Long.MIN_VALUE + 2;
    /** The client id of {@link Close}. */
    long CLOSE = Long.MIN_VALUE + 3;
    /** The client id of {@link Configure}. */
    long CONFIGURE = Long.MIN_VALUE + 4;
    /** The client id of {@link Time}. */
    long TIME = Long.MIN_VALUE + 5;

    /** True when {@code clientId} belongs to the runtime, not to a session. */
    static boolean isReserved(long clientId) {
        return clientId < RESERVED_BELOW;
    }

    /** The command that carries this one, numbered {@code nonce} (>= 1). */
    Command toCommand(long nonce);

    /**
     * Reads a session command, or returns {@code null} if {@code command} is not one or its
     * payload is malformed: something no replica wrote, which every replica then skips alike.
     */
    static SystemCommand of(Command command) {
        ByteBuffer in = ByteBuffer.wrap(command.payload());
        try {
            SystemCommand parsed;
            if (command.clientId() == OPEN) {
                parsed = new Open(in.getLong(), (in.get() & 1) != 0);
            } else if (command.clientId() == RENEW) {
                int count = in.getInt();
                if (count < 0 || count > in.remaining() / Long.BYTES) {
                    return null;
                }
                long[] ids = new long[count];
                in.asLongBuffer().get(ids);
                in.position(in.position() + count * Long.BYTES);
                parsed = new Renew(ids);
            } else if (command.clientId() == CLOSE) {
                parsed = new Close(in.getLong());
            } else if (command.clientId() == CONFIGURE) {
                boolean initial = in.get() != 0;
                parsed = new Configure(SessionConfig.decode(in), initial);
            } else if (command.clientId() == TIME) {
                parsed = new Time();
            } else {
                return null;
            }
            return in.hasRemaining() ? null : parsed;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Opens a session; its id is where the command applied ({@link SessionTable#idAt}).
     *
     * @param timeoutMillis the timeout asked for (0: the configured default); the configuration's bounds apply
     * @param fifo          whether the session's commands apply in sequence order (a gap holds later ones back)
     */
    record Open(long timeoutMillis, boolean fifo) implements SystemCommand {
        @Override
        public Command toCommand(long nonce) {
            return new Command(OPEN, nonce, ByteBuffer.allocate(Long.BYTES + 1).putLong(timeoutMillis)
                .put((byte) (fifo ? 1 : 0)).array());
        }
    }

    /** Keeps sessions alive: each one's last activity becomes this entry's log time. */
    record Renew(long[] sessions) implements SystemCommand {
        @Override
        public Command toCommand(long nonce) {
            ByteBuffer out = ByteBuffer.allocate(Integer.BYTES + sessions.length * Long.BYTES).putInt(sessions.length);
            for (long id : sessions) {
                out.putLong(id);
            }
            return new Command(RENEW, nonce, out.array());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Renew r && Arrays.equals(r.sessions, sessions);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sessions);
        }

        @Override
        public String toString() {
            return "Renew" + Arrays.toString(sessions);
        }
    }

    /** Ends a session, as its client asked. */
    record Close(long session) implements SystemCommand {
        @Override
        public Command toCommand(long nonce) {
            return new Command(CLOSE, nonce, ByteBuffer.allocate(Long.BYTES).putLong(session).array());
        }
    }

    /**
     * Sets the replicated session rules. An {@code initial} one applies only if none was applied
     * before (what a leader proposes on its own); otherwise it replaces the rules in force.
     */
    record Configure(SessionConfig config, boolean initial) implements SystemCommand {
        @Override
        public Command toCommand(long nonce) {
            ByteBuffer out = ByteBuffer.allocate(1 + SessionConfig.ENCODED_LENGTH).put((byte) (initial ? 1 : 0));
            config.encode(out);
            return new Command(CONFIGURE, nonce, out.array());
        }
    }

    /** Carries nothing but its batch's leader time: a leader sends it so that log time advances without traffic. */
    record Time() implements SystemCommand {
        @Override
        public Command toCommand(long nonce) {
            return new Command(TIME, nonce, new byte[0]);
        }
    }
}
