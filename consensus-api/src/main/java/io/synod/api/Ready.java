package io.synod.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a protocol core asks the outside world to do after one or more inputs: the only
 * way a core acts.
 *
 * <h2>The durability contract</h2>
 * A driver handles a {@code Ready} in exactly this order, finishing each step before the next:
 * <ol>
 *   <li><b>Send early</b> {@link #earlyMessages()} (optional as a separate step: a driver may
 *       instead send them while it persists, or together with {@link #messages()} after it).</li>
 *   <li><b>Persist.</b> Store {@link #hardState()} if present; drop log entries from
 *       {@link #truncateFrom()} on if it is positive; append {@link #entries()}; make all of it
 *       durable (one fsync for the batch). The hard state is stored first unless
 *       {@link #hardStateAfterLog()} asks for it to be stored once the log changes are durable.
 *       A truncation and the appends after it are crash-atomic (the log store's contract): after
 *       a crash the log is the old one or the new one, never the truncated old one with part of
 *       the new tail.</li>
 *   <li><b>Send</b> {@link #messages()}, and start sending this node's newest snapshot to each of
 *       {@link #snapshotRecipients()}. Every promise, acceptance, acknowledgement or vote a
 *       message reports is therefore already on disk when a peer can see it.</li>
 *   <li><b>Apply</b> {@link #committed()} to the state machine, in index order.</li>
 *   <li><b>Answer</b> clients: complete the futures of applied commands, then handle
 *       {@link #replies()}.</li>
 * </ol>
 * If the node crashes anywhere in this sequence, nothing after the crash point happened; a
 * protocol must be safe with that, and the simulator crashes nodes between every two steps to
 * prove it — in particular after early messages left and before or while the batch is persisted,
 * and between the log and a hard state stored after it.
 * A driver must finish handling one {@code Ready} before it asks for the next, and feeds the core
 * no input while it handles one: a core may therefore take any later call as proof that the
 * previous {@code Ready}'s batch is durable.
 *
 * <p><b>A pipelined driver</b> (the runtime's, persisting in the background) may instead go on
 * feeding the core and asking for Readys while a batch persists, provided that none of it can be
 * told apart from the rule above by a peer, a client or a crash: it carries the Readys out in the
 * order they were cut, sends nothing of a Ready (early messages included) before every earlier
 * batch is durable, sends the early messages of a Ready it persists together with earlier ones only
 * after that persist, applies a committed entry early only once this node's own copy of it is
 * durable, and persists every Ready cut so far before the core reads its log
 * ({@code ProtocolContext.log()}). A core's belief that an earlier batch was durable is then true
 * by the time anything that rests on it is seen.
 *
 * <h2>Early messages</h2>
 * {@link #earlyMessages()} may leave before the batch is durable (Raft thesis §10.2.1: a leader
 * sends to followers while its own fsync runs, so the two fsyncs of a command overlap instead of
 * adding up). Such a message must not report anything this batch persists: no promise,
 * acceptance, vote or acknowledgement, and nothing whose meaning rests on state that is not yet
 * durable (such as a ballot promised in this same batch). A proposal that carries a value is the
 * typical early message. A protocol that never uses them loses nothing: the list is empty.
 *
 * <h2>Snapshots</h2>
 * No snapshot bytes pass through a core. The driver takes snapshots of the applied state on its
 * own (telling the core {@link ProtocolCore#compacted}), streams one to a peer when a core asks
 * ({@link #snapshotRecipients()}), and installs one a peer streamed to it (telling the core
 * {@link ProtocolCore#snapshotInstalled}).
 *
 * @param hardState          the core's durable state (ballot promised, epoch, vote…) to store
 *                           atomically, or {@code null} if unchanged
 * @param hardStateAfterLog  true to store {@code hardState} only once the log changes are durable
 *                           (see {@link Effects#persistHardStateAfterLog}); false: before them
 * @param truncateFrom       if positive, the first log index to discard before appending
 * @param entries            log entries to append, in index order, contiguous with the log
 * @param earlyMessages      messages that may leave before or while the above is persisted; they
 *                           report nothing it persists
 * @param messages           messages to send once the above is durable
 * @param snapshotRecipients peers to stream this node's newest snapshot to, once the above is durable
 * @param committed          entries chosen by the protocol, to apply in index order
 * @param replies            answers to client requests other than applied commands
 */
public record Ready(
    byte[] hardState,
    boolean hardStateAfterLog,
    long truncateFrom,
    List<LogEntry> entries,
    List<Envelope> earlyMessages,
    List<Envelope> messages,
    List<Integer> snapshotRecipients,
    List<LogEntry> committed,
    List<ClientReply> replies) {

    /** A Ready that asks for nothing. */
    public static final Ready EMPTY = new Ready(null, false, 0, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    /** Every message of this Ready, early ones first, in the order a driver that sends them together sends them. */
    public List<Envelope> allMessages() {
        if (earlyMessages.isEmpty()) {
            return messages;
        }
        if (messages.isEmpty()) {
            return earlyMessages;
        }
        List<Envelope> all = new ArrayList<>(earlyMessages.size() + messages.size());
        all.addAll(earlyMessages);
        all.addAll(messages);
        return List.copyOf(all);
    }

    /** True when the persist step has work: a driver may skip the fsync otherwise. */
    public boolean mustPersist() {
        return hardState != null || truncateFrom > 0 || !entries.isEmpty();
    }

    /** True when this Ready asks for nothing at all. */
    public boolean isEmpty() {
        return !mustPersist() && earlyMessages.isEmpty() && messages.isEmpty() && snapshotRecipients.isEmpty()
            && committed.isEmpty() && replies.isEmpty();
    }
}
