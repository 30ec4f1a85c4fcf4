/**
 * Watches: the changes the tree reports and the table of watches a server holds.
 *
 * <p><b>What flows where.</b> Applying a command yields {@link io.synod.examples.coordination.watch.ChangeEvent}s
 * (NodeCreated, NodeDeleted, NodeDataChanged, NodeChildrenChanged for the parent), on the replica
 * thread of every replica. The server a client is connected to keeps a
 * {@link io.synod.examples.coordination.watch.WatchTable} keyed by its connections; for each event
 * it asks the table which connections the event reaches and queues one notification per
 * connection, before it answers any later read on that connection, so that a client sees the
 * event before data newer than it. Events from entries replayed at start-up
 * ({@code ApplyContext.replay()}) reach no watch: no connection registered one yet.
 *
 * <p><b>Threading.</b> Not thread-safe; use it on the replica thread.
 *
 * <pre>{@code
 * WatchTable<Connection> watches = new WatchTable<>();
 * watches.addDataWatch("/config", connection);                    // getData(path, watch=true)
 * watches.addWatch("/services", connection, AddWatchMode.PERSISTENT_RECURSIVE);
 * for (ChangeEvent event : applied.events()) {
 *     for (Connection c : watches.trigger(event)) {
 *         c.notify(event.type().code(), event.path(), event.zxid());
 *     }
 * }
 * if (!watches.remove("/config", connection, WatcherType.DATA)) { reply(ErrorCode.NO_WATCHER); }
 * }</pre>
 */
package io.synod.examples.coordination.watch;
