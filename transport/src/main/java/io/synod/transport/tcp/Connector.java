package io.synod.transport.tcp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.security.SecureRandom;

/**
 * How connections begin: accepting from the listening socket (within the bound on connections in
 * their handshake) and dialing a peer, each with its wire (plain or TLS, with the TLS roles and
 * checks of its side) and its side of the handshake with a fresh nonce. What becomes of a
 * connection after that is the business of the {@link Reactor} (its reads and writes) and of
 * {@link Links} (its authentication as a peer's link, and its end).
 *
 * <p>Reactor thread only (or a sender holding the reactor).
 */
final class Connector {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
    /** Connections taken from the accept queue per readiness event. */
    private static final int ACCEPTS_PER_EVENT = 16;

    private final Reactor reactor;
    private final Links links;
    private final TcpTransportConfig config;
    private final int self;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final Handshake.Identity identity;
    private final ClusterKey key;
    private final SecureRandom nonces = new SecureRandom();

    Connector(Reactor reactor, Links links, TcpTransportConfig config, Selector selector, ServerSocketChannel server) {
        this.reactor = reactor;
        this.links = links;
        this.config = config;
        this.self = config.self();
        this.selector = selector;
        this.server = server;
        this.identity = new Handshake.Identity(self, config.members().keySet(), config.clusterId(),
            config.protocolName(), config.protocolVersion());
        this.key = new ClusterKey(config.secret());
    }

    /** Takes what waits in the accept queue; each connection starts in its handshake. */
    void accept() {
        for (int i = 0; i < ACCEPTS_PER_EVENT; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                LOG.warn("node {}: accept failed: {}", self, e.toString());
                return;
            }
            if (ch == null) {
                return;
            }
            String remote = remoteOf(ch);
            if (links.pendingAccepted() >= config.maxPendingConnections()) {
                links.countRefusal(HandshakeRefusal.TOO_MANY_PENDING);
                LOG.warn("node {}: refused a connection from {}: {} connections are in their handshake already",
                    self, remote, config.maxPendingConnections());
                closeQuietly(ch);
                continue;
            }
            Connection c = null;
            try {
                configure(ch);
                Handshake handshake = Handshake.acceptor(identity, key, nonce());
                c = new Connection(reactor, links, ch, remote, wire(ch, false, null), handshake,
                    System.nanoTime() + config.handshakeTimeout().toNanos());
                c.key = ch.register(selector, 0, c);
                links.opened(c);
                c.connected();
            } catch (IOException | RuntimeException e) {
                LOG.warn("node {}: cannot take the connection from {}: {}", self, remote, e.toString());
                if (c != null) {
                    links.discard(c);
                } else {
                    closeQuietly(ch);
                }
            }
        }
    }

    /** Starts a connection to {@code p}; a failure to even start schedules the next attempt. */
    void dial(Peer p, long now) {
        p.dials++;
        SocketChannel ch = null;
        Connection c = null;
        try {
            // Resolved anew on each attempt, so that a peer whose name moved is found again.
            InetSocketAddress address = p.address.isUnresolved()
                ? new InetSocketAddress(p.address.getHostString(), p.address.getPort()) : p.address;
            ch = SocketChannel.open();
            configure(ch);
            Handshake handshake = Handshake.dialer(identity, key, nonce(), p.id);
            c = new Connection(reactor, links, ch, address.toString(), wire(ch, true, address), handshake,
                now + config.handshakeTimeout().toNanos());
            c.peer = p;
            c.key = ch.register(selector, 0, c);
            p.dialing = c;
            links.opened(c);
            if (ch.connect(address)) {
                c.connected();
            } else {
                c.key.interestOps(SelectionKey.OP_CONNECT);
            }
        } catch (IOException | UnresolvedAddressException | SecurityException e) {
            LOG.debug("node {}: cannot dial node {} at {}: {}", self, p.id, p.address, e.toString());
            if (c != null) {
                links.discard(c);
            } else {
                closeQuietly(ch);
                p.nextDialNanos = now + p.backoff.nextDelayNanos();
            }
        }
    }

    private Wire wire(SocketChannel ch, boolean dialer, InetSocketAddress remote) throws SSLException {
        if (config.tls().isEmpty()) {
            return new PlainWire(ch);
        }
        TlsConfig tls = config.tls().get();
        SSLEngine engine;
        if (dialer) {
            engine = tls.context().createSSLEngine(remote.getHostString(), remote.getPort());
            engine.setUseClientMode(true);
            if (tls.verifyHostname()) {
                SSLParameters params = engine.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                engine.setSSLParameters(params);
            }
        } else {
            engine = tls.context().createSSLEngine();
            engine.setUseClientMode(false);
            engine.setNeedClientAuth(true);
        }
        return new TlsWire(ch, engine);
    }

    private byte[] nonce() {
        byte[] n = new byte[HandshakeMessage.NONCE_LENGTH];
        nonces.nextBytes(n);
        return n;
    }

    private static void configure(SocketChannel ch) throws IOException {
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
    }

    private static String remoteOf(SocketChannel ch) {
        try {
            return String.valueOf(ch.getRemoteAddress());
        } catch (IOException e) {
            return "(unknown address)";
        }
    }

    static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Nothing more to do with it.
            }
        }
    }
}
