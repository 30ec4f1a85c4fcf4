package io.synod.examples.coordination.admin;

import io.synod.examples.coordination.metrics.ConnectionStats;

import java.net.InetSocketAddress;

/**
 * What {@code cons}, {@code stat}, {@code crst} and the admin endpoint read of one client connection. The
 * client port's connections implement it; the tools see nothing else of them, so they do not depend on the
 * server that serves them.
 */
public interface ConnectionView {

    InetSocketAddress remoteAddress();

    /** The session the connection holds, 0 before its handshake. */
    long sessionId();

    /** The negotiated session timeout in ms, 0 before the handshake. */
    int sessionTimeout();

    /** When the handshake completed (ms since the epoch), 0 before. */
    long establishedMillis();

    /** Requests read and not yet answered. */
    int outstandingRequests();

    /** The selector interest set (ZooKeeper's {@code cons} prints it). */
    int interestOps();

    ConnectionStats stats();

    /** {@code crst}: forgets the connection's counters. */
    void resetStats();
}
