package io.synod.transport.tcp;

import org.agrona.collections.Int2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which connection is each peer's link, and how connections end. A connection is opened (and
 * waits, in its handshake, among the {@link #pending} ones), becomes its peer's link once
 * authenticated (replacing an older one), and ends in one of three ways: refused (its handshake
 * failed, or as an established link it carried a bad frame), lost (the peer closed it or the
 * socket failed: a suspicion), or discarded; a link this node dials is then redialed after its
 * backoff. Here so that the {@link Reactor} keeps to its duty cycle: none of this runs per frame
 * or per round, only when a connection comes or goes.
 *
 * <p>Used by whoever holds the reactor, one thread at a time; {@link #refusals()} from any thread.
 */
final class Links {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    private final TcpTransportConfig config;
    private final int self;
    private final Int2ObjectHashMap<Peer> peers;
    private final Peer[] peerList;
    private final Inbox inbox;
    private final Suspicions suspicions;
    private final Map<HandshakeRefusal, AtomicLong> refusals = new EnumMap<>(HandshakeRefusal.class);
    /**
     * The connections in their handshake. The reactor scans it for their deadlines each round
     * itself (it holds the same list), rather than through a call here.
     */
    final List<Connection> pending = new ArrayList<>();

    Links(TcpTransportConfig config, Int2ObjectHashMap<Peer> peers, Peer[] peerList, Inbox inbox, Suspicions suspicions) {
        this.config = config;
        this.self = config.self();
        this.peers = peers;
        this.peerList = peerList;
        this.inbox = inbox;
        this.suspicions = suspicions;
        for (HandshakeRefusal r : HandshakeRefusal.values()) {
            refusals.put(r, new AtomicLong());
        }
    }

    /** Handshakes refused so far, by reason; any thread. */
    Map<HandshakeRefusal, Long> refusals() {
        Map<HandshakeRefusal, Long> counts = new EnumMap<>(HandshakeRefusal.class);
        refusals.forEach((r, n) -> counts.put(r, n.get()));
        return Collections.unmodifiableMap(counts);
    }

    /** A new connection has begun its handshake. */
    void opened(Connection c) {
        pending.add(c);
    }

    int pendingAccepted() {
        int n = 0;
        for (Connection c : pending) {
            if (!c.handshake.isDialer()) {
                n++;
            }
        }
        return n;
    }

    void established(Connection c, int peerId) {
        Peer p = peers.get(peerId);
        pending.remove(c);
        if (p.dialing == c) {
            p.dialing = null;
        }
        Connection old = p.connection;
        if (old != null && old != c) {
            LOG.info("node {}: node {} connected anew; closing its previous connection", self, p.id);
            old.peer = null;
            old.close();
        }
        c.peer = p;
        p.connection = c;
        p.backoff.reset();
        p.counters.connected();
        LOG.info("node {}: connected with node {} ({}{})", self, p.id, c.remote, config.tls().isPresent() ? ", TLS" : "");
    }

    /** Reading, writing or connecting {@code c} threw {@code e}: ends {@code c} as its stage says. */
    void failed(Connection c, Exception e) {
        switch (c.state) {
            case CONNECTING -> {
                LOG.debug("node {}: cannot reach node {} at {}: {}", self, c.peer.id, c.remote, e.toString());
                discard(c);
            }
            case SECURING -> refuse(c, HandshakeRefusal.TLS, e.toString());
            case HANDSHAKING -> refuse(c, e instanceof SSLException ? HandshakeRefusal.TLS : HandshakeRefusal.CLOSED, e.toString());
            case ESTABLISHED -> {
                if (e instanceof RuntimeException) {
                    // A fault of this node's, not a sign that the peer stopped: no suspicion.
                    LOG.error("node {}: unexpected fault on the connection with node {}; closing it", self, c.peer.id, e);
                    discard(c);
                } else {
                    lost(c, e.toString());
                }
            }
            case CLOSED -> {
            }
        }
    }

    /** The peer ended the stream. */
    void ended(Connection c) {
        switch (c.state) {
            case SECURING -> refuse(c, HandshakeRefusal.TLS, "the peer closed the connection during the TLS handshake");
            case HANDSHAKING -> refuse(c, HandshakeRefusal.CLOSED, "the peer closed the connection during the handshake");
            default -> lost(c, "closed by the peer");
        }
    }

    void refuse(Connection c, HandshakeRefusal reason, String detail) {
        countRefusal(reason);
        int claimed = c.peer != null ? c.peer.id : c.handshake.peer();
        Peer p = claimed >= 0 ? peers.get(claimed) : null;
        if (p != null) {
            p.counters.refusedHandshake();
        }
        String who = c.handshake.isDialer() ? "to node " + claimed + " at " + c.remote : "from " + c.remote;
        LOG.warn("node {}: handshake {} failed: {} ({})", self, who, reason, detail);
        discard(c);
    }

    void refuseFrame(Connection c, String detail) {
        c.peer.counters.refusedFrame();
        LOG.warn("node {}: closing the connection with node {} ({}): {}", self, c.peer.id, c.remote, detail);
        discard(c);
    }

    void countRefusal(HandshakeRefusal reason) {
        refusals.get(reason).incrementAndGet();
    }

    /**
     * An established connection ended under this node: the peer closed it, or reading or writing
     * it failed. If it was the peer's current link, the peer is suspected of having stopped (a
     * killed process's sockets close at once), and the poller hears of it. A connection this node
     * closes itself never comes here, so it is no suspicion: one replaced by a newer connection
     * from the same peer (the peer is evidently up), one that carried a malformed frame (a live
     * peer sent it, and it will be redialed: suspecting it would only unseat a working leader),
     * or all of them on {@code close()}. Nor is a failed dial or handshake: a peer that is down
     * was suspected when its connection closed, and one suspicion per loss is enough however
     * often it is redialed.
     */
    private void lost(Connection c, String detail) {
        Peer p = c.peer;
        boolean current = c.state == Connection.State.ESTABLISHED && p != null && p.connection == c;
        if (current) {
            LOG.info("node {}: lost the connection with node {}: {}; suspecting that it stopped", self, p.id, detail);
        }
        discard(c);
        if (current) {
            suspect(p);
        }
    }

    /** Queues a suspicion of {@code p} behind the frames that came before it, and wakes the poller. */
    private void suspect(Peer p) {
        p.counters.suspected();
        suspicions.offer(p, inbox.framesOffered());
        // Rung at once, not at the end of the round as arrivals are: this may be a sender's thread
        // holding the reactor, and a suspicion is rare.
        inbox.ring();
    }

    /** Closes {@code c} and, if it was this node's link to a peer it dials, schedules a redial. */
    void discard(Connection c) {
        c.close();
        pending.remove(c);
        Peer p = c.peer;
        if (p == null) {
            return;
        }
        if (p.connection == c) {
            p.connection = null;
            p.counters.connected = false;
        }
        if (p.dialing == c) {
            p.dialing = null;
        }
        if (p.dialed && p.connection == null && p.dialing == null) {
            p.nextDialNanos = System.nanoTime() + p.backoff.nextDelayNanos();
        }
    }

    /** Closes every link and every connection in its handshake (the transport is closing). */
    void closeAll() {
        for (Peer p : peerList) {
            Connection c = p.connection;
            if (c != null) {
                c.close();
                p.connection = null;
            }
            p.counters.connected = false;
        }
        for (Connection c : pending) {
            c.close();
        }
        pending.clear();
    }
}
