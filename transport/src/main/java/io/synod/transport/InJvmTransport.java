package io.synod.transport;

import io.synod.api.Envelope;
import io.synod.spi.Transport;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/** One node's end of an {@link InJvmNetwork}: a bounded inbox that every peer writes into. */
final class InJvmTransport implements Transport {

    private final InJvmNetwork network;
    private final int self;
    private final ManyToOneConcurrentArrayQueue<Envelope> inbox;
    private volatile boolean closed;

    InJvmTransport(InJvmNetwork network, int self, int capacity) {
        this.network = network;
        this.self = self;
        this.inbox = new ManyToOneConcurrentArrayQueue<>(capacity);
    }

    @Override
    public int self() {
        return self;
    }

    @Override
    public void send(Envelope envelope) {
        if (envelope.from() != self) {
            throw new IllegalArgumentException("node " + self + " cannot send as node " + envelope.from());
        }
        if (!closed) {
            network.deliver(envelope);
        }
    }

    @Override
    public int poll(EnvelopeHandler handler, int limit) {
        return inbox.drain(handler::onEnvelope, limit);
    }

    boolean offer(Envelope envelope) {
        return !closed && inbox.offer(envelope);
    }

    @Override
    public void close() {
        closed = true;
        network.leave(this);
        inbox.clear();
    }
}
