package io.synod.api;

/**
 * What a user of the library implements: the deterministic service that replication keeps in
 * step on every replica.
 *
 * <p><b>Determinism.</b> {@link #apply} must give the same result and the same next state on
 * every replica for the same sequence of commands: no clock, no randomness, no iteration over
 * unordered collections in a way that leaks into results.
 *
 * <p><b>Threading.</b> All methods are called from the replica's single driver thread.
 *
 * <p><b>Failure.</b> A command that is invalid for the current state is refused by throwing
 * {@link CommandRejectedException} before anything changes: the client's future fails with its
 * message, every replica refuses alike, and the cluster carries on. Any other exception from
 * {@link #apply} stops the replica (fail-stop): a half-applied command, or one that fails on this
 * replica only, leaves a state that can no longer be trusted to equal the others'.
 *
 * <p><b>Divergence.</b> The runtime keeps a running digest of every applied command and its
 * result and compares it across replicas; a replica whose digest differs from a majority's stops.
 * {@link #digest()} adds the state's own digest to that chain, so that nondeterminism which
 * changes the state but no result is caught too.
 *
 * <pre>{@code
 * final class Counter implements StateMachine {
 *     private long value;
 *     public byte[] apply(long index, byte[] command) { value += Bytes.readLong(command); return Bytes.ofLong(value); }
 *     public byte[] snapshot() { return Bytes.ofLong(value); }
 *     public void restore(byte[] snapshot) { value = Bytes.readLong(snapshot); }
 * }
 * }</pre>
 */
public interface StateMachine {

    /**
     * Applies a chosen command and returns the answer for the client that issued it.
     *
     * @param index   the log index of the entry holding the command (several commands of one
     *                batch share an index)
     * @param command the command's bytes
     * @throws CommandRejectedException to refuse the command, having changed nothing
     */
    byte[] apply(long index, byte[] command);

    /** The whole state as bytes; must restore to an equal state. */
    byte[] snapshot();

    /** Replaces the whole state with a snapshot's. */
    void restore(byte[] snapshot);

    /**
     * A digest of the whole current state, equal on replicas with equal states; mixed into the
     * runtime's running digest after every applied entry. It must be cheap (kept up to date as
     * commands apply, as ZooKeeper's data-tree digest is) and deterministic. The default, 0, adds
     * nothing: only commands and results are compared.
     */
    default long digest() {
        return 0;
    }

    /** Answers a read-only query against the current state; changes nothing. */
    default byte[] query(byte[] query) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not answer queries");
    }
}
