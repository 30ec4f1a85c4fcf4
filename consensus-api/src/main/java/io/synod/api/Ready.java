package io.synod.api;

import java.util.List;

/**
 * Everything a protocol core asks the outside world to do after one or more inputs: the only
 * way a core acts.
 *
 * <h2>The durability contract</h2>
 * A driver handles a {@code Ready} in exactly this order, finishing each step before the next:
 * <ol>
 *   <li><b>Persist.</b> Install {@link #snapshot()} if present (the log is emptied and restarts
 *       after the snapshot's index, and the state machine is restored from it); store {@link #hardState()} if
 *       present; drop log entries from {@link #truncateFrom()} on if it is positive; append
 *       {@link #entries()}; make all of it durable (one fsync for the batch).</li>
 *   <li><b>Send</b> {@link #messages()}. Every promise, acceptance, acknowledgement or vote a
 *       message reports is therefore already on disk when a peer can see it.</li>
 *   <li><b>Apply</b> {@link #committed()} to the state machine, in index order.</li>
 *   <li><b>Answer</b> clients: complete the futures of applied commands, then handle
 *       {@link #replies()}.</li>
 * </ol>
 * If the node crashes anywhere in this sequence, nothing after the crash point happened; a
 * protocol must be safe with that, and the simulator crashes nodes between every two steps to
 * prove it. A driver must finish handling one {@code Ready} before it asks for the next.
 *
 * @param snapshot     a snapshot received from a peer to install in place of the state machine
 *                     and the log below it, or {@code null}
 * @param hardState    the core's durable state (ballot promised, epoch, vote…) to store
 *                     atomically, or {@code null} if unchanged
 * @param truncateFrom if positive, the first log index to discard before appending
 * @param entries      log entries to append, in index order, contiguous with the log
 * @param messages     messages to send once the above is durable
 * @param committed    entries chosen by the protocol, to apply in index order
 * @param replies      answers to client requests other than applied commands
 */
public record Ready(
    Snapshot snapshot,
    byte[] hardState,
    long truncateFrom,
    List<LogEntry> entries,
    List<Envelope> messages,
    List<LogEntry> committed,
    List<ClientReply> replies) {

    /** A Ready that asks for nothing. */
    public static final Ready EMPTY = new Ready(null, null, 0, List.of(), List.of(), List.of(), List.of());

    /** True when the persist step has work: a driver may skip the fsync otherwise. */
    public boolean mustPersist() {
        return snapshot != null || hardState != null || truncateFrom > 0 || !entries.isEmpty();
    }

    /** True when this Ready asks for nothing at all. */
    public boolean isEmpty() {
        return !mustPersist() && messages.isEmpty() && committed.isEmpty() && replies.isEmpty();
    }
}
