package io.synod.transport.tcp;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Another member, as this node's transport keeps it: the messages queued for it (its
 * {@link Outbox}, which keeps the newest within its bounds), its connection, when to dial it next
 * and its counters.
 */
final class Peer {

    final int id;
    final InetSocketAddress address;
    /** Whether this node dials the peer (it has the lower id) or waits for the peer to dial. */
    final boolean dialed;
    final Outbox outbox;
    final PeerCounters counters;
    final Backoff backoff;

    /** Traffic to and from the peer is dropped (a partition made for a test). */
    volatile boolean blocked;
    /** The authenticated connection, or null. Written only by whoever holds the reactor. */
    volatile Connection connection;
    /** A connection this node is dialing and which is not yet authenticated. Holder of the reactor only. */
    Connection dialing;
    /** When to dial next, if this node dials and is not connected. Holder of the reactor only. */
    long nextDialNanos;
    /** Whether a suspicion of the peer waits for the poller (see {@link Suspicions}). */
    final AtomicBoolean suspicionWaiting = new AtomicBoolean();
    /** How many arrived frames the poller must have had before it hears of that suspicion. */
    volatile long suspectedAfterFrames;
    /** Connections this node began to dial to the peer; written only by whoever holds the reactor. */
    volatile long dials;
    /** When a message for the peer was last sent; read and written by senders, a hint only. */
    long lastSendNanos;

    Peer(int id, InetSocketAddress address, boolean dialed, Outbox outbox, Backoff backoff) {
        this.id = id;
        this.address = address;
        this.dialed = dialed;
        this.outbox = outbox;
        this.counters = new PeerCounters(id);
        this.backoff = backoff;
    }

    /** Drops everything queued, counting it as blocked. */
    void discardQueued() {
        counters.blocked(outbox.clear());
    }

    /** The counters and the queue's size, now. */
    PeerMetrics metrics() {
        return counters.snapshot(outbox.messages(), outbox.bytes());
    }
}
