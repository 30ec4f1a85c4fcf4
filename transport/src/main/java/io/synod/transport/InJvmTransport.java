package io.synod.transport;

import io.synod.api.Envelope;
import io.synod.runtime.Doorbell;
import io.synod.spi.Transport;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One node's end of an {@link InJvmNetwork}: a bounded inbox that every peer writes into. A
 * message that arrives while the node's thread idles wakes it (by the wake registered with
 * {@link #onArrival}, or else by unparking the thread that last polled and found nothing), so
 * an idle strategy may park long without delaying delivery.
 */
final class InJvmTransport implements Transport {

    private final InJvmNetwork network;
    private final int self;
    private final ManyToOneConcurrentArrayQueue<Envelope> inbox;
    /** Wakes the polling replica thread when a message arrives while it idles. */
    private final Doorbell doorbell = new Doorbell();
    /** What an arrival runs: the poller's registered wake, or else this transport's doorbell. */
    private volatile Runnable wake = doorbell::ring;
    private volatile boolean closed;
    private EnvelopeHandler lastHandler;
    private Consumer<Envelope> lastConsumer;

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
        if (handler != lastHandler) {
            // The driver polls with the same handler every cycle: adapt it once, not per poll.
            lastHandler = handler;
            lastConsumer = handler::onEnvelope;
        }
        int n = inbox.drain(lastConsumer, limit);
        if (n == 0) {
            doorbell.idle();
            n = inbox.drain(lastConsumer, limit);
        }
        if (n > 0) {
            doorbell.busy();
        }
        return n;
    }

    boolean offer(Envelope envelope) {
        if (closed || !inbox.offer(envelope)) {
            return false;
        }
        wake.run();
        return true;
    }

    @Override
    public void onArrival(Runnable wake) {
        this.wake = Objects.requireNonNull(wake, "wake");
    }

    @Override
    public void close() {
        closed = true;
        network.leave(this);
        inbox.clear();
    }
}
