package io.synod.transport.tcp;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a {@link TcpTransport} needs, validated once by {@link Builder#build()} and immutable
 * afterwards.
 *
 * <p><b>Addresses.</b> Each member's address is where it listens. This node listens on its own
 * entry's port (0 picks a free one; {@link TcpTransport#localAddress()} tells which) at
 * {@link #bindAddress()}, which is 127.0.0.1 unless set: a node is reachable from other machines
 * only when asked to be. The node with the lower id dials (see the package documentation), so only
 * the addresses of members with a higher id than this node must carry a real port.
 *
 * <pre>{@code
 * TcpTransportConfig config = TcpTransportConfig.builder(1)
 *     .member(1, new InetSocketAddress("127.0.0.1", 7101))
 *     .member(2, new InetSocketAddress("127.0.0.1", 7102))
 *     .member(3, new InetSocketAddress("127.0.0.1", 7103))
 *     .cluster("orders", secret)                  // at least 16 bytes, the same on every member
 *     .protocol(protocol.name(), 1)
 *     .codec(protocol.codec())
 *     .build();
 * }</pre>
 */
public final class TcpTransportConfig {

    /** Largest frame when none is set: 4 MiB, room for a batch of a thousand 4 KiB commands. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 4 * 1024 * 1024;
    /** Messages queued per peer when none is set. */
    public static final int DEFAULT_SEND_QUEUE_CAPACITY = 8 * 1024;
    /**
     * Bytes queued per peer when none is set, frame headers included: 8 MiB, or twice the max
     * frame length if that is more, so that two frames of the largest size fit.
     */
    public static final int DEFAULT_SEND_QUEUE_BYTES = 8 * 1024 * 1024;
    /** Arrived messages held for the polling thread when none is set. */
    public static final int DEFAULT_INBOX_CAPACITY = 64 * 1024;
    /**
     * Frame bytes of the arrived messages held for the polling thread when none is set: 16 MiB,
     * or twice the max frame length if that is more.
     */
    public static final int DEFAULT_INBOX_BYTES = 16 * 1024 * 1024;
    /** Fewest bytes a cluster secret may have: 128 bits. */
    public static final int MIN_SECRET_LENGTH = 16;
    /** Longest cluster id or protocol name, in UTF-8 bytes (the handshake gives each one length byte). */
    public static final int MAX_NAME_LENGTH = 255;

    private final int self;
    private final Map<Integer, InetSocketAddress> members;
    private final InetAddress bindAddress;
    private final String clusterId;
    private final byte[] secret;
    private final String protocolName;
    private final int protocolVersion;
    private final List<CodecChannel> channels;
    private final int maxFrameLength;
    private final int sendQueueCapacity;
    private final int sendQueueBytes;
    private final int inboxCapacity;
    private final int inboxBytes;
    /** The byte bounds as given (null: derived from the frame bound), for {@link #toBuilder()}. */
    private final Integer sendQueueBytesGiven;
    private final Integer inboxBytesGiven;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final long backoffSeed;
    private final Duration handshakeTimeout;
    private final int maxPendingConnections;
    private final TlsConfig tls;

    private TcpTransportConfig(Builder b) {
        this.self = b.self;
        this.members = Collections.unmodifiableMap(new TreeMap<>(b.members));
        this.bindAddress = b.bindAddress;
        this.clusterId = b.clusterId;
        this.secret = b.secret.clone();
        this.protocolName = b.protocolName;
        this.protocolVersion = b.protocolVersion;
        this.channels = List.copyOf(b.channels);
        this.maxFrameLength = b.maxFrameLength;
        this.sendQueueCapacity = b.sendQueueCapacity;
        this.sendQueueBytes = b.sendQueueBytes != null ? b.sendQueueBytes : twoFramesOr(DEFAULT_SEND_QUEUE_BYTES, b.maxFrameLength);
        this.inboxCapacity = b.inboxCapacity;
        this.inboxBytes = b.inboxBytes != null ? b.inboxBytes : twoFramesOr(DEFAULT_INBOX_BYTES, b.maxFrameLength);
        this.sendQueueBytesGiven = b.sendQueueBytes;
        this.inboxBytesGiven = b.inboxBytes;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.backoffSeed = b.backoffSeed == null ? self : b.backoffSeed;
        this.handshakeTimeout = b.handshakeTimeout;
        this.maxPendingConnections = b.maxPendingConnections;
        this.tls = b.tls;
    }

    private static int twoFramesOr(int bytes, int maxFrameLength) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(bytes, 2L * maxFrameLength));
    }

    /** A builder for node {@code self}. */
    public static Builder builder(int self) {
        return new Builder(self);
    }

    /** A builder holding this configuration's values, to derive another from it. */
    public Builder toBuilder() {
        Builder b = new Builder(self);
        b.members.putAll(members);
        b.bindAddress = bindAddress;
        b.clusterId = clusterId;
        b.secret = secret.clone();
        b.protocolName = protocolName;
        b.protocolVersion = protocolVersion;
        b.channels.addAll(channels);
        b.maxFrameLength = maxFrameLength;
        b.sendQueueCapacity = sendQueueCapacity;
        b.sendQueueBytes = sendQueueBytesGiven;
        b.inboxCapacity = inboxCapacity;
        b.inboxBytes = inboxBytesGiven;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.backoffSeed = backoffSeed;
        b.handshakeTimeout = handshakeTimeout;
        b.maxPendingConnections = maxPendingConnections;
        b.tls = tls;
        return b;
    }

    public int self() {
        return self;
    }

    /** Every member's listening address, this node's included, by node id. */
    public Map<Integer, InetSocketAddress> members() {
        return members;
    }

    public InetAddress bindAddress() {
        return bindAddress;
    }

    public String clusterId() {
        return clusterId;
    }

    /** A copy of the shared cluster secret. */
    public byte[] secret() {
        return secret.clone();
    }

    public String protocolName() {
        return protocolName;
    }

    public int protocolVersion() {
        return protocolVersion;
    }

    public List<CodecChannel> channels() {
        return channels;
    }

    /** Largest frame, header included, that this node sends or accepts. */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    /** Messages queued per peer; when full, the oldest are dropped. */
    public int sendQueueCapacity() {
        return sendQueueCapacity;
    }

    /**
     * Bytes of encoded frames queued per peer, headers included; when a new message would exceed
     * it, the oldest are dropped. Besides this, the peer's connection holds what it took from the
     * queue and has not yet written: at most as much again.
     */
    public int sendQueueBytes() {
        return sendQueueBytes;
    }

    /** Arrived messages waiting for {@code poll}; when full, arrivals are dropped. */
    public int inboxCapacity() {
        return inboxCapacity;
    }

    /**
     * Frame bytes of the arrived messages waiting for {@code poll}; an arrival that would exceed
     * it is dropped before it is decoded. Besides this, each connection buffers the frame it is
     * reading: up to one frame of the maximum length.
     */
    public int inboxBytes() {
        return inboxBytes;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Seeds the reconnection jitter; by default the node id, so that nodes do not redial in step. */
    public long backoffSeed() {
        return backoffSeed;
    }

    /** Time a connection has from its start to a completed handshake (TCP, TLS and cluster). */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** Accepted connections that may be in their handshake at once; more are closed at once. */
    public int maxPendingConnections() {
        return maxPendingConnections;
    }

    public Optional<TlsConfig> tls() {
        return Optional.ofNullable(tls);
    }

    /** Builds a {@link TcpTransportConfig}; {@link #build()} checks every value. */
    public static final class Builder {
        private final int self;
        private final Map<Integer, InetSocketAddress> members = new TreeMap<>();
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private String clusterId;
        private byte[] secret;
        private String protocolName;
        private int protocolVersion = -1;
        private final List<CodecChannel> channels = new ArrayList<>();
        private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
        private int sendQueueCapacity = DEFAULT_SEND_QUEUE_CAPACITY;
        private Integer sendQueueBytes;
        private int inboxCapacity = DEFAULT_INBOX_CAPACITY;
        private Integer inboxBytes;
        private Duration initialBackoff = Duration.ofMillis(50);
        private Duration maxBackoff = Duration.ofSeconds(2);
        private Long backoffSeed;
        private Duration handshakeTimeout = Duration.ofSeconds(5);
        private int maxPendingConnections = 16;
        private TlsConfig tls;

        private Builder(int self) {
            this.self = self;
        }

        /** Adds or replaces a member's listening address. */
        public Builder member(int id, InetSocketAddress address) {
            members.put(id, Objects.requireNonNull(address, "address"));
            return this;
        }

        /** Interface to listen on; 127.0.0.1 unless set. */
        public Builder bindAddress(InetAddress value) {
            this.bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        /** The cluster's id and the secret every member shares (copied). */
        public Builder cluster(String id, byte[] sharedSecret) {
            this.clusterId = id;
            this.secret = sharedSecret == null ? null : sharedSecret.clone();
            return this;
        }

        /** The replication protocol's name and wire version; peers must run the same. */
        public Builder protocol(String name, int version) {
            this.protocolName = name;
            this.protocolVersion = version;
            return this;
        }

        /** Carries every message through one codec, on channel {@link CodecChannel#PROTOCOL}. */
        public Builder codec(MessageCodec codec) {
            return channel(new CodecChannel(CodecChannel.PROTOCOL, Message.class, codec));
        }

        /** Adds a channel; a message takes the first added channel whose type it has. */
        public Builder channel(CodecChannel channel) {
            channels.add(Objects.requireNonNull(channel, "channel"));
            return this;
        }

        public Builder maxFrameLength(int value) {
            this.maxFrameLength = value;
            return this;
        }

        public Builder sendQueueCapacity(int value) {
            this.sendQueueCapacity = value;
            return this;
        }

        public Builder inboxCapacity(int value) {
            this.inboxCapacity = value;
            return this;
        }

        /** Bytes queued per peer; by default {@link #DEFAULT_SEND_QUEUE_BYTES} or two max frames. */
        public Builder sendQueueBytes(int value) {
            this.sendQueueBytes = value;
            return this;
        }

        /** Frame bytes held for {@code poll}; by default {@link #DEFAULT_INBOX_BYTES} or two max frames. */
        public Builder inboxBytes(int value) {
            this.inboxBytes = value;
            return this;
        }

        /** First redial delay and its cap; each failed attempt doubles the delay, with jitter. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder backoffSeed(long value) {
            this.backoffSeed = value;
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            this.handshakeTimeout = value;
            return this;
        }

        public Builder maxPendingConnections(int value) {
            this.maxPendingConnections = value;
            return this;
        }

        /** Encrypts and mutually authenticates connections; off unless set. */
        public Builder tls(TlsConfig value) {
            this.tls = value;
            return this;
        }

        /**
         * Checks every value.
         *
         * @throws IllegalArgumentException naming the first value that is missing or out of range
         */
        public TcpTransportConfig build() {
            require(self >= 0, "node id must be >= 0, was " + self);
            require(members.containsKey(self), "members " + members.keySet() + " must include this node, " + self);
            for (Map.Entry<Integer, InetSocketAddress> m : members.entrySet()) {
                int id = m.getKey();
                int port = m.getValue().getPort();
                require(id >= 0, "member ids must be >= 0, was " + id);
                require(id <= self || port > 0, "node " + self + " dials node " + id + " (the lower id dials), so "
                    + id + "'s address needs a port, was " + m.getValue());
            }
            requireName(clusterId, "cluster id");
            require(secret != null && secret.length >= MIN_SECRET_LENGTH,
                "the cluster secret must have at least " + MIN_SECRET_LENGTH + " bytes, had " + (secret == null ? 0 : secret.length));
            requireName(protocolName, "protocol name");
            require(protocolVersion >= 0, "protocol version must be set and >= 0, was " + protocolVersion);
            require(!channels.isEmpty(), "a codec is needed: codec(...) or channel(...)");
            Set<Integer> ids = new HashSet<>();
            for (CodecChannel c : channels) {
                require(ids.add(c.id()), "channel " + c.id() + " is given twice");
            }
            require(maxFrameLength >= 64 && maxFrameLength <= (1 << 30), "max frame length must be 64 B..1 GiB, was " + maxFrameLength);
            require(sendQueueCapacity >= 1, "send queue capacity must be >= 1, was " + sendQueueCapacity);
            requirePowerOfTwo(inboxCapacity, "inbox capacity");
            require(sendQueueBytes == null || sendQueueBytes >= maxFrameLength, "send queue bytes must be >= the max frame length "
                + maxFrameLength + " (a frame of that length must fit), was " + sendQueueBytes);
            require(inboxBytes == null || inboxBytes >= maxFrameLength, "inbox bytes must be >= the max frame length "
                + maxFrameLength + " (a frame of that length must fit), was " + inboxBytes);
            require(initialBackoff != null && !initialBackoff.isNegative() && !initialBackoff.isZero(),
                "initial backoff must be positive, was " + initialBackoff);
            require(maxBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
                "max backoff must be >= the initial backoff " + initialBackoff + ", was " + maxBackoff);
            require(handshakeTimeout != null && !handshakeTimeout.isNegative() && !handshakeTimeout.isZero(),
                "handshake timeout must be positive, was " + handshakeTimeout);
            require(maxPendingConnections >= 1, "max pending connections must be >= 1, was " + maxPendingConnections);
            return new TcpTransportConfig(this);
        }

        private static void requireName(String value, String what) {
            require(value != null && !value.isEmpty(), what + " must be set");
            int bytes = value.getBytes(StandardCharsets.UTF_8).length;
            require(bytes <= MAX_NAME_LENGTH, what + " must fit " + MAX_NAME_LENGTH + " UTF-8 bytes, had " + bytes);
        }

        private static void requirePowerOfTwo(int value, String what) {
            require(value >= 2 && Integer.bitCount(value) == 1, what + " must be a power of two >= 2, was " + value);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
