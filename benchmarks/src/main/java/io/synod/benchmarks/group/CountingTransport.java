package io.synod.benchmarks.group;

import io.synod.api.Envelope;
import io.synod.spi.Transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A transport that counts what its node sends, so a benchmark can report messages per committed
 * operation. Only the node's own thread sends; the count is read from the benchmark thread.
 */
public final class CountingTransport implements Transport {

    private final Transport delegate;
    private final AtomicLong sent = new AtomicLong();

    public CountingTransport(Transport delegate) {
        this.delegate = delegate;
    }

    /** Messages sent through this transport so far. */
    public long sent() {
        return sent.get();
    }

    @Override
    public int self() {
        return delegate.self();
    }

    @Override
    public void send(Envelope envelope) {
        // One writer per counter: an ordered store is enough and costs no locked instruction.
        sent.lazySet(sent.get() + 1);
        delegate.send(envelope);
    }

    @Override
    public int poll(EnvelopeHandler handler, int limit) {
        return delegate.poll(handler, limit);
    }

    @Override
    public void onArrival(Runnable doorbell) {
        delegate.onArrival(doorbell);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
