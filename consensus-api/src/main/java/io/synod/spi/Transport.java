package io.synod.spi;

import io.synod.api.Envelope;

/**
 * One node's end of the network between replicas.
 *
 * <p><b>Semantics.</b> Best effort: a message may be lost, duplicated, delayed or reordered, and
 * protocols are built for that. {@link #send} never blocks on the network; a transport that
 * cannot take a message drops it (and may count it).
 *
 * <p><b>Threading.</b> {@link #send} and {@link #poll} are called from the node's single driver
 * thread. A transport may run its own I/O threads behind them.
 *
 * <pre>{@code
 * transport.send(new Envelope(self, 2, new Prepare(ballot)));
 * int work = transport.poll(core::step, 64);
 * }</pre>
 *
 * <p><b>Suspicions.</b> A transport that keeps connections may tell the driver, through
 * {@link EnvelopeHandler#onSuspect}, that one to a peer closed: the driver hands it to its core as
 * {@link io.synod.api.ProtocolCore#suspect}, so that a follower need not wait out a dead leader's
 * silence.
 */
public interface Transport extends AutoCloseable {

    /** The node this end belongs to. */
    int self();

    /** Queues a message for its addressee; never blocks. */
    void send(Envelope envelope);

    /**
     * Hands up to {@code limit} arrived messages to {@code handler}, and then the peers this
     * transport came to suspect since the last poll ({@link EnvelopeHandler#onSuspect}).
     *
     * @return how many messages and suspicions were handed over (an Agrona duty cycle's work count)
     */
    int poll(EnvelopeHandler handler, int limit);

    /**
     * Asks the transport to run {@code wake} each time it has queued arrived messages for
     * {@link #poll}, on the thread that queued them, so that a driver thread that parks while
     * idle can be woken by an arrival rather than sleep its park out. {@code wake} must be cheap
     * and thread-safe; the driver, before it parks, looks at {@link #poll} once more after it
     * made itself wakeable. A later call replaces the earlier {@code wake}; a transport that
     * wraps another passes it on. The default does nothing: the driver then finds messages at its
     * next poll.
     */
    default void onArrival(Runnable wake) {
    }

    /** Stops sending and receiving; idempotent. */
    @Override
    void close();

    /** Receives arrived messages, and suspicions. */
    @FunctionalInterface
    interface EnvelopeHandler {
        void onEnvelope(Envelope envelope);

        /**
         * The transport lost its connection to {@code peer} and suspects it has stopped; a hint
         * that may be wrong, late or missing (see {@link io.synod.api.ProtocolCore#suspect}). A
         * transport with no connections to lose never calls it; the default ignores it.
         */
        default void onSuspect(int peer) {
        }
    }
}
