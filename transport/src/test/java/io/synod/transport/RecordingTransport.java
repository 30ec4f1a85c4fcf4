package io.synod.transport;

import io.synod.api.Envelope;
import io.synod.spi.Transport;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * A transport around another that records what its node sends, noting for each send whether a
 * condition held at that moment (for instance "a sync had failed"), and that can slip envelopes
 * of the test's choosing into what its node polls.
 */
final class RecordingTransport implements Transport {

    /** A send, and whether the condition held when it happened. */
    record Sent(Envelope envelope, boolean afterCondition) {
    }

    private final Transport delegate;
    private final BooleanSupplier condition;
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Queue<Envelope> injected = new ConcurrentLinkedQueue<>();
    final AtomicBoolean closed = new AtomicBoolean();

    RecordingTransport(Transport delegate, BooleanSupplier condition) {
        this.delegate = delegate;
        this.condition = condition;
    }

    /** Hands {@code envelope} to the node at its next poll, as if it had arrived. */
    void inject(Envelope envelope) {
        injected.add(envelope);
    }

    long sentAfterCondition() {
        return sent.stream().filter(Sent::afterCondition).count();
    }

    @Override
    public int self() {
        return delegate.self();
    }

    @Override
    public void send(Envelope envelope) {
        sent.add(new Sent(envelope, condition.getAsBoolean()));
        delegate.send(envelope);
    }

    @Override
    public int poll(EnvelopeHandler handler, int limit) {
        int n = 0;
        Envelope e;
        while (n < limit && (e = injected.poll()) != null) {
            handler.onEnvelope(e);
            n++;
        }
        return n + delegate.poll(handler, limit - n);
    }

    @Override
    public void onArrival(Runnable wake) {
        delegate.onArrival(wake);
    }

    @Override
    public void close() {
        closed.set(true);
        delegate.close();
    }
}
