/**
 * The connection layer of the coordination service: the port ZooKeeper clients connect to.
 *
 * <h2>Parts</h2>
 * {@link io.synod.examples.coordination.server.ClientPort} listens and runs one I/O thread (a selector
 * over every connection); {@link io.synod.examples.coordination.server.ClientConnection} is one client's
 * connection; {@link io.synod.examples.coordination.server.RequestHandler} is what the service implements;
 * {@link io.synod.examples.coordination.server.PendingReply} is the reply owed to one request.
 *
 * <h2>Lifecycle of a connection</h2>
 * The first frame must be a ConnectRequest, handed to {@code RequestHandler.connect}; nothing more is
 * read until the handler establishes, refuses or closes. Then each request is decoded and handed to
 * {@code RequestHandler.request} with its {@code PendingReply}; pings are answered by the port (in order,
 * with the zxid {@code RequestHandler.ping} returns); a request of an unsupported type is answered
 * UNIMPLEMENTED and the connection closed, as ZooKeeper does.
 *
 * <h2>Ordering</h2>
 * Replies leave in request order, whatever order they are completed in (reads complete at once, writes
 * when the log has them); watch events leave when pushed. Calls from other threads reach the connection
 * in the order they were made.
 *
 * <h2>Bad input and slow clients</h2>
 * A frame's length is checked against the limit ({@code jute.maxbuffer} plus room for headers) from its
 * four bytes, before its body is read; a longer or negative length, a malformed frame, or a client whose
 * unread replies pass {@code maxOutboundBytes} closes that connection and no other. A connection with
 * {@code maxOutstandingRequests} unanswered is not read until replies catch up.
 *
 * <pre>{@code
 * try (ClientPort port = ClientPort.open(ClientPortConfig.defaults(new InetSocketAddress("127.0.0.1", 2181)),
 *         new RequestHandler() {
 *             public void connect(ClientConnection c, ConnectRequest r) {
 *                 c.establish(new ConnectResponse(0, r.timeOut(), nextSessionId(), password, false, r.oldClient()));
 *             }
 *             public void request(ClientConnection c, ClientRequest r, PendingReply reply) {
 *                 replica.submit(r).thenAccept(result -> reply.complete(result.zxid(), result.body()));
 *             }
 *             public long ping(ClientConnection c) { return lastAppliedZxid(); }
 *             public void disconnected(ClientConnection c, String reason) { }
 *         })) {
 *     ...
 * }
 * }</pre>
 */
package io.synod.examples.coordination.server;
