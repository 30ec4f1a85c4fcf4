package io.synod.twophase;

import io.synod.api.Envelope;
import io.synod.spi.Transport;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A transport the test fills ({@link #arrive}) and reads ({@link #sent}), with no network behind it. */
final class Inbox implements Transport {

    private final int self;
    private final ConcurrentLinkedQueue<Envelope> arrived = new ConcurrentLinkedQueue<>();
    final List<Envelope> sent = new CopyOnWriteArrayList<>();

    Inbox(int self) {
        this.self = self;
    }

    /** Hands {@code e} to the node at its next poll. */
    void arrive(Envelope e) {
        arrived.add(e);
    }

    @Override
    public int self() {
        return self;
    }

    @Override
    public void send(Envelope envelope) {
        sent.add(envelope);
    }

    @Override
    public int poll(EnvelopeHandler handler, int limit) {
        int n = 0;
        Envelope e;
        while (n < limit && (e = arrived.poll()) != null) {
            handler.onEnvelope(e);
            n++;
        }
        return n;
    }

    @Override
    public void close() {
    }
}
