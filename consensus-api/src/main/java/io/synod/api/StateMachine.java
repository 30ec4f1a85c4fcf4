package io.synod.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * What a user of the library implements: the deterministic service that replication keeps in
 * step on every replica.
 *
 * <p><b>Determinism.</b> {@link #apply} must give the same result and the same next state on
 * every replica for the same sequence of commands: no clock, no randomness, no iteration over
 * unordered collections in a way that leaks into results.
 *
 * <p><b>Threading.</b> All methods are called from the replica's single driver thread, except
 * {@link SnapshotWriter#writeTo} of a view {@link #snapshot()} returned, which runs on a
 * background thread while the replica thread goes on applying.
 *
 * <p><b>Snapshots stream.</b> {@link #snapshot()} takes a consistent view cheaply (an immutable
 * root, copy-on-write, or for a small state a copy) and returns a writer that streams it later;
 * {@link #restore} reads a stream back. Nothing requires the state to fit one array. A small
 * machine stays a one-liner with {@link SnapshotWriter#of(byte[])} and
 * {@link InputStream#readAllBytes()}.
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
 * <p><b>Context.</b> Each command comes with an {@link ApplyContext}: its log index and position,
 * the term and the leader's time stamp of its batch, and the session and sequence number that
 * issued it — the same on every replica. Time stamps in the replicated state come from
 * {@code ctx.timestamp()}, never from a clock.
 *
 * <p><b>Sessions.</b> Clients issue commands within sessions, which open, renew and end through
 * the log ({@code io.synod.runtime.session}). When one ends — closed by its client or expired —
 * {@link #onSessionExpired} lets the state machine drop what belonged to it (a coordination
 * service's ephemeral nodes), at the same point of the log on every replica.
 *
 * <pre>{@code
 * final class Counter implements StateMachine {
 *     private long value;
 *     private long changedAt;
 *     public byte[] apply(ApplyContext ctx, byte[] command) {
 *         value += Bytes.readLong(command);
 *         changedAt = ctx.timestamp();                 // the leader's time, alike everywhere
 *         return Bytes.ofLong(value);
 *     }
 *     public SnapshotWriter snapshot() { return SnapshotWriter.of(Bytes.ofLongs(value, changedAt)); }
 *     public void restore(InputStream in) throws IOException {
 *         byte[] state = in.readAllBytes();
 *         value = Bytes.readLong(state, 0);
 *         changedAt = Bytes.readLong(state, 8);
 *     }
 * }
 * }</pre>
 */
public interface StateMachine {

    /**
     * Applies a chosen command and returns the answer for the client that issued it.
     *
     * @param ctx     where and when: index, position, term, leader time, session, sequence,
     *                replay (valid during this call only)
     * @param command the command's bytes
     * @throws CommandRejectedException to refuse the command, having changed nothing
     */
    byte[] apply(ApplyContext ctx, byte[] command);

    /**
     * A session ended — its client closed it, or it expired because it was not renewed within its
     * timeout of log time — at {@code ctx}'s place in the log, the same on every replica. The
     * state machine drops what the session owned; no command of the session is applied after
     * this call. The default does nothing.
     *
     * @param ctx       where: the index and position of the end; {@link ApplyContext#sessionId()}
     *                  is {@code sessionId} and {@link ApplyContext#sequence()} 0
     * @param sessionId the session that ended
     */
    default void onSessionExpired(ApplyContext ctx, long sessionId) {
    }

    /**
     * Takes a consistent view of the whole state, on the replica thread, cheaply: the returned
     * writer streams it later on another thread, and what it writes must restore to a state equal
     * to this one as of this call, whatever is applied meanwhile.
     */
    SnapshotWriter snapshot();

    /**
     * Replaces the whole state with what a {@link SnapshotWriter} of this machine wrote. The
     * stream ends where the writer stopped; the driver checked its checksum. Called on the
     * replica thread, at start and when a snapshot from a peer is installed.
     *
     * @throws IOException if reading fails; the replica stops (it cannot trust a half-restored state)
     */
    void restore(InputStream in) throws IOException;

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
