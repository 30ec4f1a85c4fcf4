package io.synod.api;

/**
 * A protocol as a deterministic, single-threaded state machine: inputs in, a {@link Ready} out.
 *
 * <p>A core never starts a thread, reads a clock, draws an unseeded random number or touches a
 * file or a socket. It reacts to exactly four kinds of input — a message arrived
 * ({@link #step}), time advanced by one tick ({@link #tick}), a client proposed a command
 * ({@link #propose}) or asked for a linearizable read ({@link #read}) — and gathers what it
 * wants done in a {@code Ready}. The same core runs under the production runtime and under the
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
     * The driver took a snapshot of the applied state up to {@code snapshot.index()}: the core
     * may drop its log below it and ship the snapshot to peers that lag behind.
     */
    default void compacted(Snapshot snapshot) {
    }

    /** True when {@link #ready()} has something to do. */
    boolean hasReady();

    /** Takes what has gathered since the last call. */
    Ready ready();

    /** What this node believes now; for operators, tests and the simulator's liveness checks. */
    CoreStatus status();
}
