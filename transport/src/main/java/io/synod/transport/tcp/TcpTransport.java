package io.synod.transport.tcp;

import io.synod.api.Envelope;
import io.synod.api.Message;
import io.synod.spi.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Transport} over TCP: one authenticated connection per pair of members, frames of
 * length-prefixed messages, one I/O thread ({@link Reactor}) per transport. See the package
 * documentation for the wire, the handshake and the failure behaviour.
 *
 * <p><b>Threading.</b> {@link #send} may be called from any thread and never blocks: it encodes
 * the message into its peer's bounded queue (pushing out the oldest if that peer's queue is full,
 * by count or by bytes) and, if the I/O thread sleeps, either wakes it or, for a message that
 * follows the previous one to that peer after a pause, writes it at once itself (a non-blocking
 * write: one system call, and no thread to wake). Codecs therefore run on sending threads while
 * the I/O thread decodes: they must keep no mutable state (the protocols' codecs keep none).
 * {@link #poll} is for one thread, the replica's: it hands over what the I/O thread decoded, and
 * then the peers it suspects, and lets the I/O thread wake that thread when a message or a
 * suspicion arrives while it idles (by the wake the
 * poller registered with {@link #onArrival}, or else by unparking it). A message to this
 * node itself is handed to its own inbox, never encoded.
 *
 * <p><b>Memory.</b> What waits is bounded by count and by bytes on both sides: per peer,
 * {@link TcpTransportConfig#sendQueueCapacity()} messages and
 * {@link TcpTransportConfig#sendQueueBytes()} encoded bytes; arrived,
 * {@link TcpTransportConfig#inboxCapacity()} messages and {@link TcpTransportConfig#inboxBytes()}
 * frame bytes (a frame that would not fit is dropped undecoded). Besides these, each connection
 * holds at most the frame it is reading and what it is writing.
 *
 * <p><b>Partitions for tests.</b> {@link #block} drops every message to and from a peer, in this
 * node, until {@link #unblock}; the connection stays up, as a link that loses packets would.
 */
public final class TcpTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    private final TcpTransportConfig config;
    private final int self;
    private final ChannelTable channels;
    private final Inbox inbox;
    private final Suspicions suspicions;
    private final Reactor reactor;
    private final Thread thread;
    private final AtomicLong droppedToSelf = new AtomicLong();
    private final TransportMetrics metrics = new Metrics();
    private volatile boolean closed;

    private TcpTransport(TcpTransportConfig config) throws IOException {
        this.config = config;
        this.self = config.self();
        this.channels = new ChannelTable(config.channels());
        this.inbox = new Inbox(config.inboxCapacity(), config.inboxBytes());
        this.suspicions = new Suspicions(config.members().size() - 1);
        this.reactor = new Reactor(config, channels, inbox, suspicions);
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
     * Encodes a message into its addressee's queue; never blocks. A message the codec cannot
     * encode, or that encodes beyond the frame bound, is dropped, counted and logged.
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
                if (inbox.offer(envelope, 0)) {
                    inbox.ring();
                } else {
                    droppedToSelf.incrementAndGet();
                }
            }
            return;
        }
        Peer peer = peer(envelope.to());
        Message message = envelope.message();
        CodecChannel channel = channels.route(message);
        if (closed) {
            return;
        }
        if (peer.blocked) {
            peer.counters.blocked();
            return;
        }
        if (!enqueue(peer, channel, message)) {
            return;
        }
        if (peer.connection != null) {
            long now = System.nanoTime();
            boolean sparse = now - peer.lastSendNanos >= Reactor.SPARSE_NANOS;
            peer.lastSendNanos = now;
            reactor.sendSoon(peer, sparse);
        }
    }

    /** Encodes {@code message} into {@code peer}'s queue; false if it was dropped (counted and logged). */
    private boolean enqueue(Peer peer, CodecChannel channel, Message message) {
        int pushedOut;
        try {
            pushedOut = peer.outbox.offer(channel.id(), message, channel.codec());
        } catch (RuntimeException e) {
            peer.counters.dropped();
            LOG.warn("node {}: cannot encode a {} for node {}; dropped: {}", self, message.getClass().getSimpleName(), peer.id, e.toString());
            return false;
        }
        if (pushedOut == Outbox.TOO_LONG) {
            peer.counters.dropped();
            LOG.warn("node {}: a {} for node {} encodes to more than the {}-byte frame bound; dropped",
                self, message.getClass().getSimpleName(), peer.id, config.maxFrameLength());
            return false;
        }
        peer.counters.dropped(pushedOut);
        return true;
    }

    /**
     * Hands up to {@code limit} arrived messages to {@code handler}, on the calling thread, and
     * then the peers whose connection closed under this node since the last poll
     * ({@link EnvelopeHandler#onSuspect}): each once, and never before a message that arrived
     * from any peer before the connection closed (see {@link Suspicions}).
     *
     * @return the messages and suspicions handed over
     * @throws IllegalStateException if the I/O thread failed: this node can no longer hear its
     *                               peers and must stop
     */
    @Override
    public int poll(EnvelopeHandler handler, int limit) {
        // After the inbox: finding it empty, its drain armed the doorbell before its last look, so
        // a suspicion queued after the look below rings and wakes this thread if it parks.
        int n = inbox.drain(handler, limit);
        n += suspicions.drain(handler, inbox.framesDrained());
        if (n == 0) {
            Throwable failure = reactor.failure();
            if (failure != null && !closed) {
                throw new IllegalStateException("node " + self + ": the TCP transport's I/O thread failed", failure);
            }
        }
        return n;
    }

    /**
     * Runs {@code wake} after arrived messages are queued (on the I/O thread, or on a thread
     * sending to this node itself), instead of unparking the thread that last polled and found
     * nothing, which is what this transport does until a wake is registered.
     */
    @Override
    public void onArrival(Runnable wake) {
        inbox.onArrival(Objects.requireNonNull(wake, "wake"));
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

    /** Connections this node began to dial to {@code peer} (for tests). */
    long dials(int peer) {
        return peer(peer).dials;
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
        suspicions.clear();
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
                all.put(p.id, p.metrics());
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

        @Override
        public int inboxMessages() {
            return inbox.messages();
        }

        @Override
        public long inboxBytes() {
            return inbox.bytes();
        }
    }
}
