package io.synod.benchmarks.paxos;

import io.synod.api.Envelope;
import io.synod.spi.Transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A transport that counts what its node sends, so a benchmark can report messages per committed
 * command. Only the replica thread sends; the count is read from the benchmark thread.
 */
final class CountingTransport implements Transport {

    private final Transport delegate;
    private final AtomicLong sent;

    CountingTransport(Transport delegate, AtomicLong sent) {
        this.delegate = delegate;
        this.sent = sent;
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
    public void onArrival(Runnable wake) {
        // Without this the replica thread would learn of arrivals only from its idle back-off.
        delegate.onArrival(wake);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
