/**
 * Replicas talking over TCP: {@link io.synod.transport.tcp.TcpTransport}, configured by one
 * validated {@link io.synod.transport.tcp.TcpTransportConfig}.
 *
 * <p><b>Lifecycle.</b> {@code TcpTransport.open(config)} binds the node's listening socket (127.0.0.1
 * unless another bind address is set) and starts one I/O thread, which dials the peers this node
 * dials and accepts the others. Connections come and go underneath: a lost one is redialed with
 * capped exponential backoff and seeded jitter. {@code close()} stops the thread and closes every
 * socket.
 *
 * <p><b>Who dials.</b> Of each pair of members, the one with the lower id dials and the other
 * accepts. So there is exactly one connection per pair and never a duplicate to tie-break, nor two
 * nodes dialing each other at once after a partition heals. The cost: a node with a higher id
 * that restarts waits for its lower-id peers to redial it, which they do within the backoff cap
 * (2 s by default), and meanwhile its messages to them wait in their queues. A new authenticated
 * connection from a peer replaces its old one, which is how a restarted dialer is taken back
 * before the acceptor has noticed the old connection die.
 *
 * <p><b>Threading.</b> {@code send} is safe from any thread and never blocks: it encodes the
 * message, on the sending thread, into the addressee's bounded queue of frames. The I/O thread
 * takes everything queued for a peer at once and writes it with one system call (mostly),
 * and decodes what arrives into the inbox that {@code poll} drains on the replica thread. Idle,
 * the I/O thread sleeps in {@code select}; a send then either wakes it or, if it follows the
 * previous message to that peer after a pause, is written at once by the sending thread itself
 * (non-blocking), which saves a thread hand-off on a lone message and leaves bursts to be
 * batched. An arrival runs the wake the replica runtime registered ({@code Transport.onArrival}:
 * its doorbell), or, until one is registered, unparks the thread that last polled and found
 * nothing; so the runtime's idle strategy may park without delaying messages. Codecs thus encode on sending threads while
 * the I/O thread decodes: a codec must keep no mutable state (the protocols' codecs keep none).
 *
 * <p><b>Memory.</b> Everything that waits is bounded by count and by bytes, so that large
 * messages (snapshots, big batches) cannot exhaust the heap: per peer, the queue of encoded
 * frames ({@code sendQueueCapacity}, {@code sendQueueBytes}: 8,192 messages and 8 MiB by
 * default); arrived, the inbox ({@code inboxCapacity}, {@code inboxBytes}: 65,536 messages and
 * 16 MiB of frames). A byte bound is at least the frame bound, and by default twice it if that is
 * more than the figure above. Besides these, each connection holds the frame it is reading and
 * what it took from its peer's queue and is writing (at most one queue's worth): so a peer that
 * stops reading costs at most twice {@code sendQueueBytes}. {@code metrics()} shows what waits,
 * as gauges, and what was dropped.
 *
 * <p><b>Wire.</b> Length-prefixed {@link io.synod.transport.tcp.Frame frames}, each with a
 * channel byte. Channel 0 carries the handshake; every other channel is a
 * {@link io.synod.transport.tcp.CodecChannel}: a message type and its codec. A protocol's messages
 * take one channel; the runtime's own messages (snapshot chunks) can take another with their own
 * codec, on the same connection. A frame length beyond the configured maximum is refused as soon
 * as its four bytes arrive, before anything of the frame is buffered.
 *
 * <p><b>Handshake.</b> Before any message, each connection proves membership: cluster id,
 * protocol name and version, node ids, and an HMAC-SHA256 under the shared cluster secret over
 * fresh nonces of both sides (see {@code Handshake}). A node with the wrong secret, cluster,
 * protocol or version, or an id that is not a member, is refused and logged, and counted in
 * {@link io.synod.transport.tcp.TransportMetrics#refusals()}; nothing it sends is decoded, let
 * alone polled. With {@link io.synod.transport.tcp.TlsConfig TLS} on, the handshake runs inside
 * a mutually authenticated TLS session; without it, the handshake authenticates the peer but not
 * the bytes that follow: use TLS on any network an attacker can reach.
 *
 * <p><b>Failure semantics.</b> Best effort, like every {@link io.synod.spi.Transport}. A peer's
 * queue, when full by count or by bytes, drops its oldest messages; a full inbox drops the
 * arrival (one that would exceed the byte bound before it is decoded); both are counted.
 * Bad input from a peer (a frame too long, an undecodable body, a handshake out of order) closes
 * that peer's connection, is counted and logged, and touches no other connection. If the I/O
 * thread itself fails, {@code poll} throws, so that the replica stops rather than run deaf.
 *
 * <p><b>Suspicions.</b> When a peer's established connection closes under this node (the peer
 * ended the stream, or reading or writing failed), the transport suspects the peer has stopped:
 * a killed process's sockets close at once. {@code poll} hands the suspicion to
 * {@code EnvelopeHandler.onSuspect} after its messages, once per lost connection, and never
 * ahead of a message that arrived before the connection closed; it is logged and counted
 * ({@code PeerMetrics.suspicions}). Connections this node closes itself are no suspicion (one
 * replaced by the peer's newer connection, one that carried a bad frame, all of them on
 * {@code close()}), nor are failed dials and handshakes: a dead peer that is redialed for
 * minutes was suspected once, when its connection closed. A test partition ({@code block})
 * closes nothing and so raises none. A suspicion is a hint: a peer that hangs, or a network
 * that drops packets without resetting the connection, raises none, and the protocol's own
 * timeouts remain the failure detector of record.
 *
 * <p><b>Why NIO and not Netty.</b> The transport needs one selector, two buffers per connection
 * and an SSLEngine: the JDK gives all of it, and the library stays free of a large dependency
 * (and of its version conflicts in the applications that embed it). Netty's strengths (many event
 * loops, pooled buffers, a pipeline of handlers, HTTP/2) matter for thousands of connections, not
 * for a handful of peers with one connection each. The price is owning the non-blocking TLS loop
 * ({@code TlsWire}), which is small and tested against JSSE itself.
 *
 * <p><b>Example</b>:
 * <pre>{@code
 * TcpTransportConfig config = TcpTransportConfig.builder(1)
 *     .member(1, new InetSocketAddress("10.0.0.1", 7100))
 *     .member(2, new InetSocketAddress("10.0.0.2", 7100))
 *     .member(3, new InetSocketAddress("10.0.0.3", 7100))
 *     .bindAddress(InetAddress.getByName("10.0.0.1"))
 *     .cluster("orders", secret)
 *     .protocol(protocol.name(), 1)
 *     .codec(protocol.codec())
 *     .tls(TlsConfig.fromStores(keyStore, keyPassword, trustStore, trustPassword))
 *     .build();
 * try (TcpTransport transport = TcpTransport.open(config)) {
 *     transport.send(new Envelope(1, 2, message));
 *     transport.poll(envelope -> core.step(envelope), 64);
 *     transport.metrics().peer(2).bytesSent();
 * }
 * }</pre>
 */
package io.synod.transport.tcp;
