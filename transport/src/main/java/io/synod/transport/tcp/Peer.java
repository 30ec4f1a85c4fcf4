package io.synod.transport.tcp;

import io.synod.api.Message;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;

import java.net.InetSocketAddress;

/**
 * Another member, as this node's transport keeps it: the messages queued for it, its connection,
 * when to dial it next and its counters.
 *
 * <p>The queue is bounded and keeps the newest: a message that finds it full pushes out the
 * oldest, which is counted as dropped. Consensus protocols retransmit what matters, and a fresh
 * message is worth more than a stale one; a sender is never blocked.
 */
final class Peer {

    final int id;
    final InetSocketAddress address;
    /** Whether this node dials the peer (it has the lower id) or waits for the peer to dial. */
    final boolean dialed;
    final ManyToManyConcurrentArrayQueue<Message> queue;
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
    /** When a message for the peer was last sent; read and written by senders, a hint only. */
    long lastSendNanos;

    Peer(int id, InetSocketAddress address, boolean dialed, int queueCapacity, Backoff backoff) {
        this.id = id;
        this.address = address;
        this.dialed = dialed;
        this.queue = new ManyToManyConcurrentArrayQueue<>(queueCapacity);
        this.counters = new PeerCounters(id);
        this.backoff = backoff;
    }

    /** Queues {@code message}, pushing out the oldest if the queue is full. Any thread. */
    void enqueue(Message message) {
        while (!queue.offer(message)) {
            if (queue.poll() != null) {
                counters.dropped();
            }
        }
    }

    /** Drops everything queued, counting it as blocked. */
    void discardQueued() {
        while (queue.poll() != null) {
            counters.blocked();
        }
    }
}
