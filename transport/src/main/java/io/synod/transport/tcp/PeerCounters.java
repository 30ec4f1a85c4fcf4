package io.synod.transport.tcp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The live counters behind one peer's {@link PeerMetrics}. Counters written only by whoever holds
 * the reactor (one thread at a time, handed over through the reactor's lock) are advanced with an
 * ordered store, no locked instruction on the hot path; those that any sending thread writes are
 * advanced atomically.
 */
final class PeerCounters {

    private final int peer;
    volatile boolean connected;
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong suspicions = new AtomicLong();
    private final AtomicLong refusedFrames = new AtomicLong();
    private final AtomicLong refusedHandshakes = new AtomicLong();
    private final AtomicLong droppedMessages = new AtomicLong();
    private final AtomicLong droppedArrivals = new AtomicLong();
    private final AtomicLong blockedMessages = new AtomicLong();

    PeerCounters(int peer) {
        this.peer = peer;
    }

    // Whoever holds the reactor (one thread at a time).

    void sent(int messages) {
        messagesSent.lazySet(messagesSent.get() + messages);
    }

    void sentBytes(long bytes) {
        bytesSent.lazySet(bytesSent.get() + bytes);
    }

    void received(int bytes) {
        messagesReceived.lazySet(messagesReceived.get() + 1);
        bytesReceived.lazySet(bytesReceived.get() + bytes);
    }

    void connected() {
        connects.lazySet(connects.get() + 1);
        connected = true;
    }

    void suspected() {
        suspicions.lazySet(suspicions.get() + 1);
    }

    void refusedFrame() {
        refusedFrames.lazySet(refusedFrames.get() + 1);
    }

    void refusedHandshake() {
        refusedHandshakes.lazySet(refusedHandshakes.get() + 1);
    }

    void droppedArrival() {
        droppedArrivals.lazySet(droppedArrivals.get() + 1);
    }

    // Any thread.

    void dropped() {
        dropped(1);
    }

    void dropped(int messages) {
        if (messages > 0) {
            droppedMessages.addAndGet(messages);
        }
    }

    void blocked() {
        blocked(1);
    }

    void blocked(int messages) {
        if (messages > 0) {
            blockedMessages.addAndGet(messages);
        }
    }

    PeerMetrics snapshot(int queuedMessages, int queuedBytes) {
        return new PeerMetrics(peer, connected, messagesSent.get(), bytesSent.get(), messagesReceived.get(),
            bytesReceived.get(), connects.get(), suspicions.get(), refusedFrames.get(), refusedHandshakes.get(), droppedMessages.get(),
            droppedArrivals.get(), blockedMessages.get(), queuedMessages, queuedBytes);
    }
}
