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
     */
    byte[] apply(long index, byte[] command);

    /** The whole state as bytes; must restore to an equal state. */
    byte[] snapshot();

    /** Replaces the whole state with a snapshot's. */
    void restore(byte[] snapshot);

    /** Answers a read-only query against the current state; changes nothing. */
    default byte[] query(byte[] query) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not answer queries");
    }
}
