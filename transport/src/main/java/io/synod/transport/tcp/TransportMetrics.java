package io.synod.transport.tcp;

import java.util.Map;

/**
 * What a transport has done, per peer and in total, for an operator or a metrics exporter. Every
 * call reads the live counters; it is safe from any thread.
 *
 * <pre>{@code
 * TransportMetrics metrics = transport.metrics();
 * metrics.peers().forEach((id, m) -> export("synod_transport_bytes_sent", id, m.bytesSent()));
 * long wrongSecret = metrics.refusals().get(HandshakeRefusal.WRONG_SECRET);
 * }</pre>
 */
public interface TransportMetrics {

    /** Every peer's counters (every member but this node), by node id. */
    Map<Integer, PeerMetrics> peers();

    /** One peer's counters. */
    default PeerMetrics peer(int id) {
        PeerMetrics m = peers().get(id);
        if (m == null) {
            throw new IllegalArgumentException("node " + id + " is not a peer; peers are " + peers().keySet());
        }
        return m;
    }

    /** Failed handshakes, from this node's side, by reason (every reason present, most at 0). */
    Map<HandshakeRefusal, Long> refusals();

    /** Messages a node sent to itself that were dropped because its inbox was full. */
    long droppedToSelf();

    /** Messages arrived and not yet polled, now (a gauge). */
    int inboxMessages();

    /**
     * Frame bytes of the messages arrived and not yet polled, now (a gauge): at most
     * {@link TcpTransportConfig#inboxBytes()}. A node's messages to itself count 0 (never encoded).
     */
    long inboxBytes();
}
