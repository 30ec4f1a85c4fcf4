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
 * four bytes, before its body is read; a longer or negative length, a malformed frame, a client whose
 * unread watch events pass {@code maxOutboundBytes}, or one that takes no byte waiting for it during its
 * session timeout closes that connection and no other. A client that reads its replies is never
 * disconnected: a connection with {@code maxOutstandingRequests} unanswered, or with {@code maxOutboundBytes}
 * of replies unsent, is not read until they catch up (ZooKeeper throttles the same way), and a request the
 * runtime times out is asked again while the connection is open ({@link
 * io.synod.examples.coordination.server.AskAgain}, a write under its own session number). An address holding
 * {@code maxClientCnxns} connections has its next one closed at accept; a reply longer than a request may be
 * is answered MARSHALLINGERROR.
 *
 * <h2>Four-letter words</h2>
 * A new connection's first four bytes go to {@code RequestHandler.command} before they are taken as a frame
 * length; {@code WithFourLetterWords} hands them to the {@code admin} package's {@code FourLetterWords}, which
 * answers with text, and the connection closes. The {@code admin} package reads this one only through views it
 * defines ({@code ServedClients}, {@code ConnectionView}, {@code FactsSource}), which the port, its connections
 * and {@code FactsGathering} implement: the two packages do not depend on each other both ways.
 *
 * <h2>The service</h2>
 * {@link io.synod.examples.coordination.server.CoordinationNode} is one server: a Synod {@code Replica} of
 * the {@link io.synod.examples.coordination.server.CoordinationStateMachine} (the tree and the session
 * registry), the {@link io.synod.examples.coordination.server.CoordinationService} (the handler below) on
 * it, and a {@code ClientPort}. {@link io.synod.examples.coordination.server.CoordinationMain} runs one
 * server, a cluster member over TCP (a voter or an observer), or a local cluster, from a zoo.cfg-style
 * {@link io.synod.examples.coordination.server.ServerConfig}: its {@code server.N} lines are
 * {@link io.synod.examples.coordination.server.ServerLine}s, who votes and how are an
 * {@link io.synod.examples.coordination.server.Ensemble}, snapshot retention is
 * {@link io.synod.examples.coordination.server.Autopurge}, and
 * {@link io.synod.examples.coordination.server.DataDirPurge} purges a stopped server's directory; a single
 * {@code server.N} line runs standalone, and {@code sslQuorum} gives the peers TLS
 * ({@link io.synod.examples.coordination.server.PeerTls}). The service answers reads with {@code ReplicaReads},
 * keeps its connections in a {@code ConnectionBook} and gathers the tools' figures with {@code FactsGathering}.
 * The handler follows the sketch below, with
 * these choices: the zxid is {@link io.synod.examples.coordination.server.Zxid the log index and position};
 * a read, sync included, waits for the connection's earlier writes and syncs; a read of an invalid path is
 * NoNode, as ZooKeeper looks the path up without validating it; a session resumed on another server is
 * taken over by an owner change in the log, after which its earlier connection is closed wherever it is
 * and that connection's writes still in flight are refused at apply (SESSIONMOVED); a write frame over
 * {@code jute.maxbuffer} closes its connection, as ZooKeeper's "Len error" does.
 *
 * <h2>Serving from the tree (the service's handler, a sketch)</h2>
 * Writes become a {@code tree.Command(connection's auth ids, op)} in the log; the reply zxid is the
 * write's own (its log position), and results are ZooKeeper's:
 * <ul>
 *   <li>{@code CreateRequest}: {@code CreateMode.fromFlag(flags)} ({@code null}: BadArguments without
 *       logging; createContainer must carry flag 4), then {@code Op.Create(path, data, acl, mode, NO_TTL)};
 *       {@code CreateTtlRequest} the same with its ttl. {@code Created(path, stat)} answers
 *       {@code CreateResponse(path)} to create, {@code Create2Response(path, stat)} to create2,
 *       createContainer and createTTL.</li>
 *   <li>{@code DeleteRequest} → {@code Op.Delete} → {@code Response.EMPTY}; {@code SetDataRequest} →
 *       {@code Op.SetData} and {@code SetAclRequest} → {@code Op.SetAcl}, both → {@code StatResponse}.</li>
 *   <li>{@code MultiRequest(MULTI)} → {@code Op.Multi} (a {@code CheckVersionRequest} is {@code Op.Check});
 *       each {@code OpResult} becomes {@code MultiResult.ok(requestOp, body)} or
 *       {@code MultiResult.error(code)}, and the reply header's error stays 0.</li>
 *   <li>closeSession → {@code Op.CloseSession}; complete the reply, then
 *       {@link io.synod.examples.coordination.server.ClientConnection#closeWhenAnswered}.</li>
 *   <li>An {@code OpResult.Error(code)} is {@link io.synod.examples.coordination.server.PendingReply#fail}.</li>
 * </ul>
 * Reads run on the replica thread against the local tree, after {@code readLocal(lastZxidSeen)}, and
 * after the session's earlier writes: {@code WatchableRequest} exists → {@code tree.exists} ({@code null}:
 * NoNode, the watch still set) → {@code StatResponse}; getData → {@code GetDataResponse}; getChildren →
 * {@code PathsResponse}; getChildren2 → {@code GetChildren2Response}; {@code PathRequest} getACL →
 * {@code GetAclResponse}, getAllChildrenNumber → {@code IntResponse}, getEphemerals (the connection's
 * session) → {@code PathsResponse}, sync → the runtime's barrier, then {@code PathResponse(path)};
 * multiRead → {@code tree.multiRead} → {@code MultiResponse}. A {@code TreeException} is
 * {@code fail(zxid, e.code())}. setWatches, addWatch, checkWatches and removeWatches go to the server's
 * watch table, not the tree; auth adds an id to the connection (reply zxid 0); whoAmI lists them;
 * sasl answers {@code SaslResponse.NONE}. The tree's {@code ChangeEvent}s of each applied command go,
 * on the replica thread and before any reply completed after them, to
 * {@link io.synod.examples.coordination.server.ClientConnection#sendEvent} as
 * {@code WatcherEvent.of(type.code(), path)} with the event's zxid.
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
