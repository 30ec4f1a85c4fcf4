package io.synod.api;

/**
 * Where and when a command is applied: handed to {@link StateMachine#apply} beside the command.
 * Every value comes from the log, never from the applying replica, so it is the same on every
 * replica that applies the command.
 *
 * <p><b>Lifetime.</b> One instance is reused for every command: read what you need during the
 * call and keep the values, never the context.
 *
 * <p><b>Identity.</b> {@code (index(), position())} names one application uniquely and grows
 * with the log: a coordination service can derive a transaction id from it (ZooKeeper's zxid,
 * say, from the term, the index and the position).
 *
 * <pre>{@code
 * public byte[] apply(ApplyContext ctx, byte[] command) {
 *     long zxid = (ctx.index() << 16) | ctx.position();       // unique and increasing
 *     Node node = tree.create(path, data, ctx.timestamp(), ctx.sessionId(), zxid);
 *     return node.stat().encode();
 * }
 * }</pre>
 */
public interface ApplyContext {

    /** The log index of the entry being applied. */
    long index();

    /**
     * The 0-based position of this application within its entry: a command's place in the
     * entry's batch; the runtime's own events of the entry (commands of a FIFO session released
     * after a gap filled, sessions ending) follow the batch's commands.
     */
    int position();

    /**
     * The term (ballot, epoch) of the leader that cut the entry's batch, as the batch records it,
     * so that every replica sees the same value (a Paxos entry may be re-accepted under later
     * ballots, differently on different replicas). Not necessarily increasing along the log.
     */
    long term();

    /**
     * Log time, in milliseconds since the epoch: the proposing leader's wall clock when it cut
     * the batch, kept monotonic by the runtime (the maximum of every batch's time so far). Never
     * the applying replica's clock; use it for time stamps and timeouts in the replicated state.
     */
    long timestamp();

    /** The session that issued the command, or {@link Command#NO_SESSION}. */
    long sessionId();

    /** The command's sequence number within its session. */
    long sequence();

    /**
     * True when this replica already held the entry in its log when it started, so it may have
     * applied it before a restart. Only for side effects outside the replicated state (a watch
     * notification, a metric); the state itself must change alike either way.
     */
    boolean replay();
}
