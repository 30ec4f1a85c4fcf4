/**
 * The replicated znode tree: the state machine of the coordination service.
 *
 * <p><b>Lifecycle.</b> A {@link io.synod.examples.coordination.tree.DataTree} starts with the root
 * and ZooKeeper's system nodes, or is read back whole from a
 * {@link io.synod.examples.coordination.tree.TreeSnapshot}. It changes only by
 * {@link io.synod.examples.coordination.tree.DataTree#apply applying} logged
 * {@link io.synod.examples.coordination.tree.Command}s, in log order.
 *
 * <p><b>Threading.</b> Not thread-safe: the replica thread applies commands and serves the local
 * reads, so a read sees the state after some applied prefix of the log, never a half-applied
 * command. The one exception is a snapshot: {@link io.synod.examples.coordination.tree.DataTree#openView}
 * gives a {@link io.synod.examples.coordination.tree.TreeView} of the tree as it is, which another
 * thread writes while commands go on applying (copy-on-write per node; see its class comment).
 *
 * <p><b>Determinism.</b> Every value that enters a change comes from the log: the zxid (derived
 * by the service from the log position), the leader's time stamp, the issuing session and the
 * ids the issuing connection had authenticated (inside the command). No clock is read and no
 * order depends on hashing: children, ephemerals and due nodes are visited in path order. Errors
 * (NoNode, BadVersion, NoAuth...) are results, the same on every replica; a command whose bytes
 * do not decode is refused before anything changes.
 *
 * <p><b>Time-driven removal.</b> Containers and TTL nodes are removed by commands too: the leader
 * asks {@link io.synod.examples.coordination.tree.DataTree#dueForRemoval} on its tick and proposes
 * an {@link io.synod.examples.coordination.tree.Op.RemoveExpired} per path, which checks again at
 * apply time. A session's end (close or expiry, both at a point of the log) is an
 * {@link io.synod.examples.coordination.tree.Op.CloseSession} applied for that session.
 *
 * <pre>{@code
 * DataTree tree = new DataTree(TreeConfig.DEFAULT);
 * byte[] command = CommandCodec.encode(new Command(connectionIds,
 *         new Op.Create("/locks/lock-", new byte[0], Acl.OPEN, CreateMode.EPHEMERAL_SEQUENTIAL, Op.NO_TTL)));
 * // in StateMachine.apply(ctx, command):
 * Applied applied = tree.apply(command, zxidOf(ctx), ctx.timestamp(), ctx.sessionId());
 * watches.trigger(applied.events());                  // the server's WatchTable
 * return applied.encodedResult();                     // ResultCodec.decode on the submitting server
 * }</pre>
 */
package io.synod.examples.coordination.tree;
