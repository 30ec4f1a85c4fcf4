package io.synod.transport.tcp;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bodies of the handshake's frames (channel {@link CodecChannel#CONTROL}). The dialer sends a
 * {@link Hello}, the acceptor answers with a {@link Welcome}, the dialer completes with a
 * {@link Proof}; either side may instead send a {@link Refuse} and close.
 *
 * <p>Hello, and Welcome before its MAC:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |     Type      |    Version    |   From (int32, node id)      ...
 *  +---------------+---------------+-------------------------------+
 * ...              |   To (int32, the node meant)                 ...
 *  +-------------------------------+-------------------------------+
 * ...              |   Protocol Version (int32)                   ...
 *  +-------------------------------+-------------------------------+
 * ...              |   Nonce (32 random bytes)                    ...
 *  +-------------------------------+---------------+---------------+
 * ...                                              | Cluster Id Len|
 *  +-----------------------------------------------+---------------+
 *  |   Cluster Id (UTF-8)                                         ...
 *  +---------------+-----------------------------------------------+
 *  | Protocol Len  |   Protocol Name (UTF-8)                      ...
 *  +---------------+-----------------------------------------------+
 *  |   MAC (32 bytes, Welcome only)                               ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Proof: Type, then a 32-byte MAC. Refuse: Type, then one byte, a {@link HandshakeRefusal}'s
 * ordinal. Integers are little-endian. A body must be exactly as long as its fields say.
 */
sealed interface HandshakeMessage {

    int HELLO = 1;
    int WELCOME = 2;
    int PROOF = 3;
    int REFUSE = 4;

    /** The handshake's own version, in every Hello and Welcome. */
    int VERSION = 1;
    int NONCE_LENGTH = 32;
    int MAC_LENGTH = 32;

    int TYPE_OFFSET = 0;
    int VERSION_OFFSET = TYPE_OFFSET + 1;
    int FROM_OFFSET = VERSION_OFFSET + 1;
    int TO_OFFSET = FROM_OFFSET + Integer.BYTES;
    int PROTOCOL_VERSION_OFFSET = TO_OFFSET + Integer.BYTES;
    int NONCE_OFFSET = PROTOCOL_VERSION_OFFSET + Integer.BYTES;
    int CLUSTER_ID_LENGTH_OFFSET = NONCE_OFFSET + NONCE_LENGTH;
    int PROOF_MAC_OFFSET = TYPE_OFFSET + 1;
    int REFUSE_REASON_OFFSET = TYPE_OFFSET + 1;

    /** Longest body: a Welcome with both names at their longest. */
    int MAX_BODY_LENGTH = CLUSTER_ID_LENGTH_OFFSET + 1 + TcpTransportConfig.MAX_NAME_LENGTH + 1
        + TcpTransportConfig.MAX_NAME_LENGTH + MAC_LENGTH;
    /** The frame bound while a connection is in its handshake. */
    int MAX_FRAME_LENGTH = Frame.HEADER_LENGTH + MAX_BODY_LENGTH;

    /** Who a Hello or Welcome says is speaking, to whom, in which cluster and protocol. */
    record Greeting(int from, int to, int protocolVersion, byte[] nonce, String clusterId, String protocolName) {
    }

    /** The dialer introduces itself. */
    record Hello(Greeting greeting) implements HandshakeMessage {
    }

    /** The acceptor introduces itself and proves it knows the secret. */
    record Welcome(Greeting greeting, byte[] mac) implements HandshakeMessage {
    }

    /** The dialer proves it knows the secret. */
    record Proof(byte[] mac) implements HandshakeMessage {
    }

    /** The sender refuses the connection, for this reason, and closes it. */
    record Refuse(HandshakeRefusal reason) implements HandshakeMessage {
    }

    /** A Hello or Welcome of a handshake version this node does not speak. */
    record OtherVersion(int type, int version) implements HandshakeMessage {
    }

    /** Encodes a Hello (mac null) or a Welcome into a fresh array. */
    static byte[] encodeGreeting(Greeting g, byte[] mac) {
        byte[] cluster = g.clusterId().getBytes(StandardCharsets.UTF_8);
        byte[] protocol = g.protocolName().getBytes(StandardCharsets.UTF_8);
        int length = CLUSTER_ID_LENGTH_OFFSET + 1 + cluster.length + 1 + protocol.length + (mac == null ? 0 : MAC_LENGTH);
        UnsafeBuffer b = new UnsafeBuffer(new byte[length]);
        b.putByte(TYPE_OFFSET, (byte) (mac == null ? HELLO : WELCOME));
        b.putByte(VERSION_OFFSET, (byte) VERSION);
        b.putInt(FROM_OFFSET, g.from(), ByteOrder.LITTLE_ENDIAN);
        b.putInt(TO_OFFSET, g.to(), ByteOrder.LITTLE_ENDIAN);
        b.putInt(PROTOCOL_VERSION_OFFSET, g.protocolVersion(), ByteOrder.LITTLE_ENDIAN);
        b.putBytes(NONCE_OFFSET, g.nonce());
        int at = CLUSTER_ID_LENGTH_OFFSET;
        at = putName(b, at, cluster);
        at = putName(b, at, protocol);
        if (mac != null) {
            b.putBytes(at, mac);
        }
        return b.byteArray();
    }

    static byte[] encodeProof(byte[] mac) {
        byte[] body = new byte[PROOF_MAC_OFFSET + MAC_LENGTH];
        body[TYPE_OFFSET] = PROOF;
        System.arraycopy(mac, 0, body, PROOF_MAC_OFFSET, MAC_LENGTH);
        return body;
    }

    static byte[] encodeRefuse(HandshakeRefusal reason) {
        return new byte[] {REFUSE, (byte) reason.ordinal()};
    }

    /**
     * Reads one body of exactly {@code length} bytes.
     *
     * @throws MalformedFrameException if the bytes are not a handshake message
     */
    static HandshakeMessage decode(DirectBuffer b, int offset, int length) {
        if (length < 1) {
            throw new MalformedFrameException("empty handshake message");
        }
        int type = b.getByte(offset + TYPE_OFFSET) & 0xFF;
        switch (type) {
            case HELLO, WELCOME -> {
                need(length >= VERSION_OFFSET + 1, "greeting without a version", length);
                int version = b.getByte(offset + VERSION_OFFSET) & 0xFF;
                if (version != VERSION) {
                    return new OtherVersion(type, version);
                }
                return decodeGreeting(type, b, offset, length);
            }
            case PROOF -> {
                need(length == PROOF_MAC_OFFSET + MAC_LENGTH, "proof of the wrong length", length);
                byte[] mac = new byte[MAC_LENGTH];
                b.getBytes(offset + PROOF_MAC_OFFSET, mac);
                return new Proof(mac);
            }
            case REFUSE -> {
                need(length == REFUSE_REASON_OFFSET + 1, "refusal of the wrong length", length);
                HandshakeRefusal reason = HandshakeRefusal.ofCode(b.getByte(offset + REFUSE_REASON_OFFSET) & 0xFF);
                need(reason != null, "refusal with an unknown reason", length);
                return new Refuse(reason);
            }
            default -> throw new MalformedFrameException("unknown handshake message type " + type);
        }
    }

    private static HandshakeMessage decodeGreeting(int type, DirectBuffer b, int offset, int length) {
        need(length > CLUSTER_ID_LENGTH_OFFSET, "greeting shorter than its fixed fields", length);
        int from = b.getInt(offset + FROM_OFFSET, ByteOrder.LITTLE_ENDIAN);
        int to = b.getInt(offset + TO_OFFSET, ByteOrder.LITTLE_ENDIAN);
        int protocolVersion = b.getInt(offset + PROTOCOL_VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN);
        byte[] nonce = new byte[NONCE_LENGTH];
        b.getBytes(offset + NONCE_OFFSET, nonce);
        int at = CLUSTER_ID_LENGTH_OFFSET;
        int clusterLength = b.getByte(offset + at) & 0xFF;
        at++;
        need(at + clusterLength + 1 <= length, "cluster id runs past the message", length);
        String cluster = b.getStringWithoutLengthUtf8(offset + at, clusterLength);
        at += clusterLength;
        int protocolLength = b.getByte(offset + at) & 0xFF;
        at++;
        int macLength = type == WELCOME ? MAC_LENGTH : 0;
        need(at + protocolLength + macLength == length, "greeting length disagrees with its fields", length);
        String protocol = b.getStringWithoutLengthUtf8(offset + at, protocolLength);
        at += protocolLength;
        Greeting g = new Greeting(from, to, protocolVersion, nonce, cluster, protocol);
        if (type == HELLO) {
            return new Hello(g);
        }
        byte[] mac = new byte[MAC_LENGTH];
        b.getBytes(offset + at, mac);
        return new Welcome(g, mac);
    }

    /** The bytes a Welcome's MAC covers: the whole body but the MAC. */
    static byte[] withoutMac(byte[] welcome) {
        return Arrays.copyOf(welcome, welcome.length - MAC_LENGTH);
    }

    private static int putName(MutableDirectBuffer b, int at, byte[] name) {
        b.putByte(at, (byte) name.length);
        b.putBytes(at + 1, name);
        return at + 1 + name.length;
    }

    private static void need(boolean ok, String what, int length) {
        if (!ok) {
            throw new MalformedFrameException(what + " (" + length + " bytes)");
        }
    }
}
