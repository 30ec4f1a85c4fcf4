package io.synod.api;

import java.util.Arrays;

/**
 * A client's command, named by the session that issued it and that session's sequence number.
 *
 * <p>The pair {@code (clientId, sequence)} makes retries safe: a command proposed twice (after a
 * timeout or a leader change) is applied once, and the retry is answered with the first result.
 * A client numbers its commands upward from any start of at least 1 (a FIFO session from 1, by
 * one), and never uses a number for two different commands: replicas refuse a different command
 * under a number they have seen, and anything the client acknowledged or that fell out of its
 * session's result window.
 *
 * <p>{@code ackedThrough} is the highest sequence number whose answer the client has received:
 * replicas drop the results at or below it, and refuse those numbers from then on, so that a
 * session's remembered results stay few.
 *
 * @param clientId     the session id ({@link #NO_SESSION} for a command applied each time it is
 *                     chosen, never deduplicated)
 * @param sequence     the client's sequence number for this command, from 1
 * @param ackedThrough the highest sequence number whose answer the client has received (0: none)
 * @param payload      the bytes handed to {@link StateMachine#apply}
 */
public record Command(long clientId, long sequence, long ackedThrough, byte[] payload) {

    /**
     * The client id of a command outside any session: applied every time it is chosen, so it
     * must be idempotent (a leader's timer, say, that deletes what expired).
     */
    public static final long NO_SESSION = 0;

    public Command {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        }
        if (ackedThrough < 0 || ackedThrough >= sequence) {
            throw new IllegalArgumentException("ackedThrough must lie in [0, sequence), was " + ackedThrough
                + " for sequence " + sequence);
        }
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null");
        }
    }

    /** A command that acknowledges nothing. */
    public Command(long clientId, long sequence, byte[] payload) {
        this(clientId, sequence, 0, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && c.clientId == clientId && c.sequence == sequence
            && c.ackedThrough == ackedThrough && Arrays.equals(c.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(clientId) + Long.hashCode(sequence)) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Command[" + clientId + "#" + sequence + (ackedThrough > 0 ? " acked " + ackedThrough : "")
            + ", " + payload.length + " bytes]";
    }
}
