package io.synod.api;

import java.util.Arrays;

/**
 * A client's command, named by the client that issued it and that client's sequence number.
 *
 * <p>The pair {@code (clientId, sequence)} makes retries safe: a command proposed twice (after a
 * timeout or a leader change) is applied once, and the retry is answered with the first result.
 * A client numbers its commands upward by one from any start of at least 1, and never uses a
 * number for two different commands: replicas refuse a different command under a number they
 * have seen, and anything older than the client's session window.
 *
 * @param clientId a cluster-wide unique client id
 * @param sequence the client's sequence number for this command, from 1
 * @param payload  the bytes handed to {@link StateMachine#apply}
 */
public record Command(long clientId, long sequence, byte[] payload) {

    public Command {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        }
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && c.clientId == clientId && c.sequence == sequence
            && Arrays.equals(c.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(clientId) + Long.hashCode(sequence)) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Command[" + clientId + "#" + sequence + ", " + payload.length + " bytes]";
    }
}
