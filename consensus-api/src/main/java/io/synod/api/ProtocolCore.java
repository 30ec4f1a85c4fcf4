package io.synod.api;

/**
 * A protocol as a deterministic, single-threaded state machine: inputs in, a {@link Ready} out.
 *
 * <p>A core never starts a thread, reads a clock, draws an unseeded random number or touches a
 * file or a socket. It reacts to four kinds of input — a message arrived ({@link #step}), time
 * advanced by one tick ({@link #tick}), a client proposed a command ({@link #propose}) or asked
 * for a linearizable read ({@link #read}) — and to the driver's news (a snapshot compacted,
 * installed or sent, a peer suspected), and gathers what it wants done in a {@code Ready}. The same core runs under the production runtime and under the
 * simulator, and cannot tell which.
 *
 * <p><b>Lifecycle.</b> A {@link Protocol} builds the core from a {@link ProtocolContext} that
 * carries what the node recovered from disk. The driver then loops: feed inputs; while
 * {@link #hasReady()}, take {@link #ready()} and carry it out completely (see {@code Ready} for
 * the order) before taking the next.
 *
 * <p><b>Failure.</b> A core may lose any message and see any message twice or late; the network
 * is not trusted. A crash loses every input since the last durable Ready; the core is rebuilt
 * from what was persisted. A message the core cannot take is refused with an
 * {@link InvalidMessageException} before anything changes; any other exception a core throws
 * stops its node for good (fail-stop): the driver carries out nothing more and sends nothing more.
 *
 * <p><b>Restart.</b> After a restart the state machine holds only the recovered snapshot's state
 * (or nothing). The core must therefore hand out again, through {@code Effects.commit}, every
 * chosen entry above the snapshot's index as soon as it knows them to be chosen; the driver skips
 * entries it has applied already, so committing an entry twice is harmless, but skipping one is not.
 */
public interface ProtocolCore {

    /**
     * A message from {@code envelope.from()} arrived.
     *
     * @throws InvalidMessageException if the core cannot take the message (another protocol's, one
     *                                 addressed elsewhere, fields out of range); thrown before the
     *                                 core changed anything, so the driver drops the message and
     *                                 carries on. Any other exception stops the node.
     */
    void step(Envelope envelope);

    /** One tick of logical time passed; timeouts are counted in ticks. */
    void tick();

    /**
     * A client asks for {@code command} to be ordered and applied. The core either orders it
     * (possibly by forwarding it to a leader), or replies {@link ClientReply.Rejected}.
     */
    void propose(Command command);

    /**
     * A client asks to read linearizably; the core replies {@link ClientReply.ReadReady} with
     * the index the read must wait for, or {@link ClientReply.ReadRejected}.
     */
    void read(long readId);

    /**
     * The driver wrote a snapshot of the applied state up to {@code snapshot.index()} (in the
     * background, while it went on applying) and compacted its durable log below it, keeping the
     * entries {@link ProtocolContext#log() log reader} still shows: the core may drop its own copy of the log
     * below it, and ask for the snapshot to be sent to peers that need what it no longer has.
     */
    default void compacted(SnapshotMeta snapshot) {
    }

    /**
     * The driver installed a snapshot a peer streamed to this node (after this core or the peer's
     * asked for it, {@link Effects#sendSnapshot}): the state machine now holds the replicated state
     * up to {@code snapshot.index()}, every durable log entry at or below it is gone, and those
     * above it are kept. The core must treat every index up to it as chosen and applied. The
     * driver calls it between inputs, only for a snapshot beyond what it had applied.
     *
     * <p>The default does nothing: right for a core that never asks for snapshots to be sent.
     */
    default void snapshotInstalled(SnapshotMeta snapshot) {
    }

    /**
     * A peer this node streamed its snapshot to ({@link Effects#sendSnapshot}) confirmed that it
     * holds the replicated state through {@code snapshot.index()}: it installed it, or had that
     * state or newer already. A leader may resume that peer from the entry after it.
     *
     * <p>The default does nothing: right for a core that learns a peer's progress otherwise.
     */
    default void snapshotSent(int peer, SnapshotMeta snapshot) {
    }

    /**
     * The transport suspects that {@code peer} has stopped: its connection to the peer closed
     * (the peer's process exited or was killed and its machine reset the connection). A failure
     * detector's suspicion, and a hint for liveness only: it may be wrong (a connection can drop
     * while its peer lives on), late, or never come (a peer that hangs, or a cut cable, closes
     * nothing). A core must therefore stay safe whatever it does with it, and keep counting
     * silence in ticks as before. What it is good for: starting an election at once when the
     * leader's connection closes, instead of waiting out the leader's silence, as ZooKeeper's
     * followers do when their leader's socket closes.
     *
     * <p>The default ignores it: right for a core that has no leader to lose.
     */
    default void suspect(int peer) {
    }

    /** True when {@link #ready()} has something to do. */
    boolean hasReady();

    /** Takes what has gathered since the last call. */
    Ready ready();

    /** What this node believes now; for operators, tests and the simulator's liveness checks. */
    CoreStatus status();
}
