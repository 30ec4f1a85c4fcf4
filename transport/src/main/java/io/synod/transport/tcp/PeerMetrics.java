package io.synod.transport.tcp;

/**
 * One peer's counters, read at one moment (each counter on its own: they are not a consistent cut).
 * Counts start when the transport opens and never go down; the two {@code queued} figures are
 * gauges, what waits for the peer at that moment.
 *
 * @param peer              the peer's node id
 * @param connected         whether an authenticated connection to it is up
 * @param messagesSent      messages encoded for it and handed to its connection
 * @param bytesSent         bytes the socket took for it, frame headers included
 * @param messagesReceived  messages decoded from it (blocked or dropped ones too)
 * @param bytesReceived     bytes of frames received from it, headers included
 * @param connects          authenticated connections established with it
 * @param suspicions        its authenticated connection closed under it (it ended the stream, or
 *                          reading or writing failed): each time, this node suspected it had
 *                          stopped and told the poller ({@code EnvelopeHandler.onSuspect}; two
 *                          before the poller heard of the first are told once); not counted when this node closed the connection itself (a newer one
 *                          replaced it, a bad frame, {@code close()})
 * @param refusedFrames     frames from it refused after the handshake (too long, malformed,
 *                          undecodable); each closed the connection
 * @param refusedHandshakes handshakes with a node claiming its id that failed
 * @param droppedMessages   messages for it dropped before the wire: its queue was full, by count or
 *                          by bytes (the oldest go), or a message could not be encoded within the
 *                          frame bound
 * @param droppedArrivals   messages from it dropped because the inbox was full, by count or by
 *                          bytes (those dropped for bytes were never decoded)
 * @param blockedMessages   messages to or from it dropped because it is {@link TcpTransport#block blocked}
 * @param queuedMessages    messages waiting in its queue, encoded, for its connection to take them
 * @param queuedBytes       their bytes, frame headers included: at most
 *                          {@link TcpTransportConfig#sendQueueBytes()}
 */
public record PeerMetrics(int peer, boolean connected, long messagesSent, long bytesSent, long messagesReceived,
                          long bytesReceived, long connects, long suspicions, long refusedFrames, long refusedHandshakes,
                          long droppedMessages, long droppedArrivals, long blockedMessages,
                          int queuedMessages, int queuedBytes) {

    /** Connections established after the first: how often the link was lost and regained. */
    public long reconnects() {
        return Math.max(0, connects - 1);
    }
}
