package io.synod.transport.tcp;

/**
 * Why a connection was refused before it carried any message. Each refusal is logged with the
 * remote address and counted in {@link TransportMetrics#refusals()}.
 */
public enum HandshakeRefusal {
    /** The handshake bytes did not parse, or came out of order. */
    MALFORMED,
    /** The peer speaks another version of the handshake itself. */
    HANDSHAKE_VERSION,
    /** The peer belongs to another cluster (its cluster id differs). */
    WRONG_CLUSTER,
    /** The peer runs another replication protocol, or another version of it. */
    WRONG_PROTOCOL,
    /** The peer claims a node id that is not a member of this cluster. */
    NOT_A_MEMBER,
    /** The peer dialed although the lower id dials: its id is not below the node it dialed. */
    WRONG_DIALER,
    /** The peer meant another node, or another node answered than the one dialed. */
    WRONG_ADDRESSEE,
    /** The peer could not prove that it knows the cluster secret. */
    WRONG_SECRET,
    /** The peer refused this node (the peer's reason is in the log). */
    REFUSED_BY_PEER,
    /** The peer closed the connection before the handshake completed. */
    CLOSED,
    /** The handshake did not complete in time. */
    TIMEOUT,
    /** Too many accepted connections were already in their handshake. */
    TOO_MANY_PENDING,
    /** The TLS handshake failed (an untrusted certificate, a peer speaking plain TCP, ...). */
    TLS;

    private static final HandshakeRefusal[] VALUES = values();

    /** The refusal with this code, or null if no refusal has it. */
    static HandshakeRefusal ofCode(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
