/**
 * ZooKeeper sessions on Synod's replicated sessions.
 *
 * <p>A ZooKeeper session is a runtime session opened FIFO (its commands apply in the order the client
 * sent them) with the timeout the server negotiated within its bounds; its id is the runtime's
 * session id, its password {@link io.synod.examples.coordination.session.SessionPassword derived} from
 * the id and a cluster secret, so any server can check it. The first command of a session registers it
 * in the replicated {@link io.synod.examples.coordination.session.SessionRegistry} (timeout, last
 * sequence number, owner). A server the client moves to logs an owner change: where it applies, it
 * tells whether the session is still open and how to number its next commands
 * ({@link io.synod.examples.coordination.session.SequenceWindow}), every server closes its earlier
 * connection of the session, and the tree commands that connection still had in flight change nothing
 * (ZooKeeper's SESSIONMOVED), on every replica alike.
 * Pings renew the session ({@code Replica.touch}); a session not renewed for its timeout of log time
 * expires at one point of the log, where the tree deletes its ephemerals on every replica.
 */
package io.synod.examples.coordination.session;
