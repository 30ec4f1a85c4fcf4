package io.synod.api.commit;

import io.synod.api.Envelope;
import io.synod.api.LogEntry;

import java.util.List;

/**
 * Everything a {@link CommitCore} asks the outside world to do after one or more inputs: the only
 * way it acts. The commit protocols' counterpart of {@link io.synod.api.Ready}, with the same
 * durability contract.
 *
 * <h2>The durability contract</h2>
 * A driver handles a {@code CommitReady} in exactly this order, finishing each step before the next:
 * <ol>
 *   <li><b>Persist.</b> Store {@link #hardState()} if present; append {@link #records()} to the
 *       node's record log; make both durable (one fsync for the batch). Then the log may drop the
 *       records at or below {@link #releaseThrough()}.</li>
 *   <li><b>Send</b> {@link #messages()}. A vote, a decision or an acknowledgement a message reports
 *       is therefore on disk before any peer can see it: a participant never says yes before its
 *       prepared record is durable, a coordinator never announces a decision it could forget.</li>
 *   <li><b>Call the resource</b>: {@link #resourceCalls()} in order. A prepare's vote goes back
 *       to the core as an input ({@link CommitCore#resourceVoted}) once this batch is done. A
 *       core's first batch after a restart restores and re-applies what its records say
 *       ({@link ResourceCall.Restore}, then outcomes again).</li>
 *   <li><b>Report</b> {@link #outcomes()} to the callers waiting on those transactions.</li>
 * </ol>
 * If the node crashes anywhere in this sequence, nothing after the crash point happened; a
 * protocol must be safe with that. A driver finishes one {@code CommitReady} before it asks for
 * the next and feeds the core no input meanwhile, so a core may take any later call as proof
 * that the previous batch is durable.
 *
 * @param hardState      the core's small durable state (a termination round's ballot, a Paxos
 *                       Commit acceptor's promises), or {@code null} if unchanged
 * @param records        records to append, numbered on from the record log's last index (term 0)
 * @param releaseThrough if positive, every record at or below this index is no longer needed
 *                       (all the transactions it speaks of are finished everywhere)
 * @param messages       messages to send once the above is durable
 * @param resourceCalls  calls on this node's resource, in order
 * @param outcomes       outcomes of transactions this node coordinates, for their callers
 */
public record CommitReady(
    byte[] hardState,
    List<LogEntry> records,
    long releaseThrough,
    List<Envelope> messages,
    List<ResourceCall> resourceCalls,
    List<Outcome> outcomes) {

    /** A batch that asks for nothing. */
    public static final CommitReady EMPTY = new CommitReady(null, List.of(), 0, List.of(), List.of(), List.of());

    public CommitReady {
        records = List.copyOf(records);
        messages = List.copyOf(messages);
        resourceCalls = List.copyOf(resourceCalls);
        outcomes = List.copyOf(outcomes);
    }

    /** True when the persist step has work: a driver may skip the fsync otherwise. */
    public boolean mustPersist() {
        return hardState != null || !records.isEmpty();
    }

    /** True when this batch asks for nothing at all. */
    public boolean isEmpty() {
        return !mustPersist() && releaseThrough <= 0 && messages.isEmpty() && resourceCalls.isEmpty() && outcomes.isEmpty();
    }
}
