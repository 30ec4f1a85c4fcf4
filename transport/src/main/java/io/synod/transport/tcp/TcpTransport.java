package io.synod.transport.tcp;

import io.synod.api.Envelope;
import io.synod.runtime.Doorbell;
import io.synod.spi.Transport;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link Transport} over TCP: one authenticated connection per pair of members, frames of
 * length-prefixed messages, one I/O thread ({@link Reactor}) per transport. See the package
 * documentation for the wire, the handshake and the failure behaviour.
 *
 * <p><b>Threading.</b> {@link #send} may be called from any thread and never blocks: it queues the
 * message for its peer (pushing out the oldest if that peer's queue is full) and, if the I/O
 * thread sleeps, either wakes it or, for a message that follows the previous one to that peer
 * after a pause, writes it at once itself (a non-blocking write: one system call, and no thread
 * to wake). Codecs therefore run on sending threads as well as on the I/O thread, one at a time
 * per transport. {@link #poll} is for one thread, the replica's: it hands over what the
 * I/O thread decoded, and lets the I/O thread wake that thread when a message arrives while it
 * idles. A message to this node itself is handed to its own inbox, never encoded.
 *
 * <p><b>Partitions for tests.</b> {@link #block} drops every message to and from a peer, in this
 * node, until {@link #unblock}; the connection stays up, as a link that loses packets would.
 */
public final class TcpTransport implements Transport {

    private final TcpTransportConfig config;
    private final int self;
    private final ChannelTable channels;
    private final ManyToOneConcurrentArrayQueue<Envelope> inbox;
    private final Doorbell doorbell = new Doorbell();
    private final Reactor reactor;
    private final Thread thread;
    private final AtomicLong droppedToSelf = new AtomicLong();
    private final TransportMetrics metrics = new Metrics();
    private volatile boolean closed;
    private EnvelopeHandler lastHandler;
    private Consumer<Envelope> lastConsumer;

    private TcpTransport(TcpTransportConfig config) throws IOException {
        this.config = config;
        this.self = config.self();
        this.channels = new ChannelTable(config.channels());
        this.inbox = new ManyToOneConcurrentArrayQueue<>(config.inboxCapacity());
        this.reactor = new Reactor(config, channels, inbox, doorbell);
        this.thread = new Thread(reactor, "synod-tcp-" + self);
        thread.setDaemon(true);
    }

    /**
     * Binds this node's listening socket and starts the I/O thread, which dials the members with
     * higher ids at once.
     *
     * @throws UncheckedIOException if the address cannot be bound (naming it)
     */
    public static TcpTransport open(TcpTransportConfig config) {
        TcpTransport transport;
        try {
            transport = new TcpTransport(config);
        } catch (IOException e) {
            throw new UncheckedIOException("node " + config.self() + " cannot listen on " + config.bindAddress() + ":"
                + config.members().get(config.self()).getPort() + ": " + e.getMessage(), e);
        }
        transport.thread.start();
        return transport;
    }

    @Override
    public int self() {
        return self;
    }

    /** The configuration this transport runs with. */
    public TcpTransportConfig config() {
        return config;
    }

    /** Where this node listens (with the port picked, if the configuration said 0). */
    public InetSocketAddress localAddress() {
        try {
            return reactor.localAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Queues a message for its addressee; never blocks.
     *
     * @throws IllegalArgumentException if it is not from this node, not to a member, or of a type
     *                                  no channel carries
     */
    @Override
    public void send(Envelope envelope) {
        if (envelope.from() != self) {
            throw new IllegalArgumentException("node " + self + " cannot send as node " + envelope.from());
        }
        if (envelope.to() == self) {
            if (!closed) {
                if (inbox.offer(envelope)) {
                    doorbell.ring();
                } else {
                    droppedToSelf.incrementAndGet();
                }
            }
            return;
        }
        Peer peer = peer(envelope.to());
        channels.route(envelope.message());
        if (closed) {
            return;
        }
        if (peer.blocked) {
            peer.counters.blocked();
            return;
        }
        peer.enqueue(envelope.message());
        if (peer.connection != null) {
            long now = System.nanoTime();
            boolean sparse = now - peer.lastSendNanos >= Reactor.SPARSE_NANOS;
            peer.lastSendNanos = now;
            reactor.sendSoon(peer, sparse);
        }
    }

    /**
     * Hands up to {@code limit} arrived messages to {@code handler}, on the calling thread.
     *
     * @throws IllegalStateException if the I/O thread failed: this node can no longer hear its
     *                               peers and must stop
     */
    @Override
    public int poll(EnvelopeHandler handler, int limit) {
        if (handler != lastHandler) {
            // The driver polls with the same handler every cycle: adapt it once, not per poll.
            lastHandler = handler;
            lastConsumer = handler::onEnvelope;
        }
        int n = inbox.drain(lastConsumer, limit);
        if (n == 0) {
            Throwable failure = reactor.failure();
            if (failure != null && !closed) {
                throw new IllegalStateException("node " + self + ": the TCP transport's I/O thread failed", failure);
            }
            doorbell.idle();
            n = inbox.drain(lastConsumer, limit);
        }
        if (n > 0) {
            doorbell.busy();
        }
        return n;
    }

    /** Drops all traffic to and from {@code peer} in this node from now on (for tests). */
    public void block(int peer) {
        Peer p = peer(peer);
        p.blocked = true;
        p.discardQueued();
    }

    /** Lets traffic to and from {@code peer} through again. */
    public void unblock(int peer) {
        peer(peer).blocked = false;
    }

    /** Flushes that sending threads did themselves while the I/O thread slept. */
    long writesBySenders() {
        return reactor.writesBySenders();
    }

    /** Per-peer counters and refused handshakes, live. */
    public TransportMetrics metrics() {
        return metrics;
    }

    /** Stops the I/O thread, closes every connection and the listening socket; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        reactor.stop();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        inbox.clear();
    }

    private Peer peer(int id) {
        Peer p = reactor.peer(id);
        if (p == null) {
            throw new IllegalArgumentException("node " + id + " is not a peer of node " + self
                + "; members are " + config.members().keySet());
        }
        return p;
    }

    private final class Metrics implements TransportMetrics {
        @Override
        public Map<Integer, PeerMetrics> peers() {
            Map<Integer, PeerMetrics> all = new TreeMap<>();
            for (Peer p : reactor.peers()) {
                all.put(p.id, p.counters.snapshot());
            }
            return Collections.unmodifiableMap(all);
        }

        @Override
        public Map<HandshakeRefusal, Long> refusals() {
            return reactor.refusals();
        }

        @Override
        public long droppedToSelf() {
            return droppedToSelf.get();
        }
    }
}
