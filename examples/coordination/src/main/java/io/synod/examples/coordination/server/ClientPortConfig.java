package io.synod.examples.coordination.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The client port's limits, validated once.
 *
 * @param bind                   where to listen (port 0: any free port)
 * @param maxDataBytes           ZooKeeper's {@code jute.maxbuffer}: the largest znode data a request may
 *                               carry; a frame may be {@link #FRAME_OVERHEAD_BYTES} longer, for its header,
 *                               path and ACL. A longer frame closes its connection before its body is read.
 * @param maxOutboundBytes       bytes of replies a connection may have waiting for its client to read before
 *                               the port stops reading its requests (it is throttled, not disconnected); and
 *                               the bytes of watch events that may wait, beyond which a client that does not
 *                               read is disconnected, so that it slows no one else
 * @param maxOutstandingRequests requests of one connection not yet answered; beyond it the port stops
 *                               reading from that connection until replies catch up
 * @param handshakeTimeout       how long a connection may stay without sending its ConnectRequest
 *                               (ZooKeeper's {@code zookeeper.nio.sessionlessCnxnTimeout})
 * @param maxClientCnxns         connections one client IP address may hold at once (ZooKeeper's
 *                               {@code maxClientCnxns}; 0: no limit); one more is closed as it is accepted
 */
public record ClientPortConfig(InetSocketAddress bind, int maxDataBytes, long maxOutboundBytes, int maxOutstandingRequests,
                               Duration handshakeTimeout, int maxClientCnxns) {

    /** ZooKeeper's default {@code maxClientCnxns}. */
    public static final int DEFAULT_MAX_CLIENT_CNXNS = 60;
    /** ZooKeeper's default {@code jute.maxbuffer}: 0xFFFFF. */
    public static final int DEFAULT_MAX_DATA_BYTES = 1_048_575;
    /** What a frame may hold beyond its data: header, path, ACL, version and flags. */
    public static final int FRAME_OVERHEAD_BYTES = 16 * 1024;

    public ClientPortConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (maxDataBytes < 0 || maxDataBytes > Integer.MAX_VALUE - FRAME_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("maxDataBytes must be between 0 and "
                + (Integer.MAX_VALUE - FRAME_OVERHEAD_BYTES) + ", not " + maxDataBytes);
        }
        if (maxOutboundBytes < (long) maxDataBytes + FRAME_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("maxOutboundBytes (" + maxOutboundBytes
                + ") must hold at least one largest frame (" + ((long) maxDataBytes + FRAME_OVERHEAD_BYTES) + " bytes)");
        }
        if (maxOutstandingRequests < 1) {
            throw new IllegalArgumentException("maxOutstandingRequests must be positive, not " + maxOutstandingRequests);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive, not " + handshakeTimeout);
        }
        if (maxClientCnxns < 0) {
            throw new IllegalArgumentException("maxClientCnxns must be 0 (no limit) or positive, not " + maxClientCnxns);
        }
    }

    /**
     * ZooKeeper's defaults: 1 MiB of data, 10 s to send the handshake, 60 connections per address; 1,000
     * outstanding requests and 8 MiB outbound per connection.
     */
    public static ClientPortConfig defaults(InetSocketAddress bind) {
        return new ClientPortConfig(bind, DEFAULT_MAX_DATA_BYTES, 8L << 20, 1_000, Duration.ofSeconds(10),
            DEFAULT_MAX_CLIENT_CNXNS);
    }

    /** The longest frame accepted. */
    public int maxFrameBytes() {
        return maxDataBytes + FRAME_OVERHEAD_BYTES;
    }

    public ClientPortConfig withMaxDataBytes(int bytes) {
        return new ClientPortConfig(bind, bytes, Math.max(maxOutboundBytes, (long) bytes + FRAME_OVERHEAD_BYTES),
            maxOutstandingRequests, handshakeTimeout, maxClientCnxns);
    }

    public ClientPortConfig withMaxOutboundBytes(long bytes) {
        return new ClientPortConfig(bind, maxDataBytes, bytes, maxOutstandingRequests, handshakeTimeout, maxClientCnxns);
    }

    public ClientPortConfig withMaxOutstandingRequests(int requests) {
        return new ClientPortConfig(bind, maxDataBytes, maxOutboundBytes, requests, handshakeTimeout, maxClientCnxns);
    }

    public ClientPortConfig withHandshakeTimeout(Duration timeout) {
        return new ClientPortConfig(bind, maxDataBytes, maxOutboundBytes, maxOutstandingRequests, timeout, maxClientCnxns);
    }

    public ClientPortConfig withMaxClientCnxns(int connections) {
        return new ClientPortConfig(bind, maxDataBytes, maxOutboundBytes, maxOutstandingRequests, handshakeTimeout, connections);
    }
}
