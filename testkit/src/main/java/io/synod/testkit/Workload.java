package io.synod.testkit;

import java.util.random.RandomGenerator;

/**
 * What simulated clients ask of the replicated state machine: how to draw an operation, how to
 * encode it as a command and how to read its result. Paired with a
 * {@link io.synod.testkit.lin.Model} of the same input and output types, it lets the
 * simulator check any state machine for linearizability.
 *
 * @param <I> an operation
 * @param <O> its result
 */
public interface Workload<I, O> {

    /**
     * Draws the next operation. {@code client} numbers the client from 0 and {@code operation}
     * counts its operations from 1, so that written values can be unique. A workload keeps no
     * state of its own: one instance serves many runs, and each must depend on its seed only.
     */
    I next(RandomGenerator random, int client, long operation);

    /** The command (or query) bytes of an operation. */
    byte[] encode(I input);

    /** True when the operation changes nothing and may be served by a linearizable read. */
    boolean isRead(I input);

    /** The operation's result, from the bytes the state machine answered. */
    O decode(I input, byte[] result);

    /**
     * The operation as issued in replicated session {@code sessionId}: called once per update,
     * when it is first sent, before it is encoded again. An operation whose meaning depends on its
     * session (a coordination service's ephemeral nodes belong to it) returns itself with the
     * session bound, and the history records that. The default changes nothing.
     */
    default I inSession(I input, long sessionId) {
        return input;
    }

    /**
     * An operation that stands for the expiry of session {@code sessionId}, if the model must see
     * it (a coordination service deletes the session's ephemerals there), or empty. The history
     * records it as invoked and answered at the instant the first node applies the expiry (at
     * {@code at}), with the output {@code decode(operation, new byte[0])}. The default is empty.
     */
    default java.util.Optional<I> expiry(long sessionId, io.synod.api.ApplyContext at) {
        return java.util.Optional.empty();
    }
}
