package io.synod.api.commit;

import io.synod.api.Envelope;

/**
 * An atomic commit protocol (two-phase, three-phase, Paxos Commit) on one node, as a
 * deterministic, single-threaded state machine: inputs in, a {@link CommitReady} out. It never
 * starts a thread, reads a clock, draws an unseeded random number, touches a file or a socket, or
 * calls the user's resource itself.
 *
 * <p><b>Inputs.</b> {@link #begin} (a caller asks this node to coordinate a transaction),
 * {@link #step} (a message arrived), {@link #tick} (time advanced by one tick; every timeout is
 * counted in ticks) and {@link #resourceVoted} (this node's resource answered a prepare the core
 * asked for). <b>Output.</b> Records and hard state to persist, then messages to send, then calls
 * on the resource, then outcomes for callers — in that order (see {@link CommitReady}).
 *
 * <p><b>Lifecycle.</b> A {@link CommitProtocol} builds the core from a {@link CommitContext}
 * that carries the surviving records; the core recovers from them (a coordinator re-announces a
 * recorded decision, a participant that voted yes and knows no outcome asks for it, and the
 * first batch has the resource restore what those records promise). A driver
 * loops: feed inputs; while {@link #hasReady()}, take {@link #ready()} and carry it out completely.
 *
 * <p><b>Failure.</b> Messages may be lost, duplicated, delayed and reordered; nodes crash at any
 * point of a batch and restart from what was persisted. A message the core cannot take is refused
 * with an {@link io.synod.api.InvalidMessageException} before anything changes; any other exception
 * stops the node for good. Whether a protocol can block (2PC with its coordinator gone) is the
 * protocol's nature, and the simulator reports it; whether it keeps atomicity is not negotiable.
 *
 * <pre>{@code
 * CommitCore core = protocol.create(new CommitContext(self, nodes, random, hardState.load(), log.entries(first, last + 1)));
 * core.begin(Transaction.of(new TransactionId(self, ++number), Map.of(2, debit, 3, credit)));
 * while (core.hasReady()) {
 *     CommitReady ready = core.ready();
 *     persist(ready);                                   // hard state, records; one fsync; then release
 *     ready.messages().forEach(transport::send);        // only now
 *     for (ResourceCall call : ready.resourceCalls()) {
 *         if (call instanceof ResourceCall.Prepare p) votes.add(p.transaction(), resource.prepare(p.transaction(), p.part()));
 *         else if (call instanceof ResourceCall.Restore r) resource.restorePrepared(r.transaction(), r.part());
 *         else if (call instanceof ResourceCall.Commit c) resource.commit(c.transaction());
 *         else resource.abort(call.transaction());
 *     }
 *     ready.outcomes().forEach(o -> futures.remove(o.transaction()).complete(o));
 *     votes.drain(core::resourceVoted);                 // inputs again, after the batch
 * }
 * }</pre>
 */
public interface CommitCore {

    /**
     * A caller asks this node to coordinate {@code transaction}, whose id names this node. The
     * outcome leaves through {@link CommitReady#outcomes()} exactly once per begin, unless this
     * node crashes first (a caller then learns it by asking again with the same id after the
     * restart, which answers the recorded or presumed outcome).
     */
    void begin(Transaction transaction);

    /**
     * A message from {@code envelope.from()} arrived.
     *
     * @throws io.synod.api.InvalidMessageException if the core cannot take the message; thrown
     *                                              before the core changed anything
     */
    void step(Envelope envelope);

    /** One tick of logical time passed. */
    void tick();

    /** This node's resource answered the prepare the core asked for in an earlier batch. */
    void resourceVoted(TransactionId transaction, Vote vote);

    /** True when {@link #ready()} has something to do. */
    boolean hasReady();

    /** Takes what has gathered since the last call. */
    CommitReady ready();
}
