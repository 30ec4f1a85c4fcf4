/**
 * A small blocking client of ZooKeeper's protocol, built on the {@code wire} package's records, for
 * tools that must not carry a ZooKeeper jar (synod-cli).
 *
 * <p><b>Lifecycle.</b> {@link io.synod.examples.coordination.client.ZooKeeperClient#connect} opens a TCP
 * connection and a new session; {@code close()} ends the session and the connection. There is no
 * reconnection: a broken connection fails every outstanding call with
 * {@link io.synod.examples.coordination.client.ConnectionLostException} and closes the client.
 *
 * <p><b>Threading.</b> Calls block and may come from any thread; they are numbered and sent in one
 * order, and answered in that order. A reader thread completes them; a timer thread pings every third of
 * the session timeout; notifications reach the watcher on a third thread, one at a time, in the order
 * the server sent them.
 *
 * <p><b>Failures.</b> An error the server answers is a
 * {@link io.synod.examples.coordination.client.KeeperError} carrying ZooKeeper's code and the request's
 * path; a reply that does not parse, or arrives for no outstanding request, breaks the connection.
 *
 * <pre>{@code
 * try (ZooKeeperClient zk = ZooKeeperClient.connect(address, 30_000, event -> System.out.println(event))) {
 *     zk.create("/app", "v".getBytes(UTF_8), Acl.OPEN, CreateMode.PERSISTENT, 0);
 *     Stat stat = zk.exists("/app", true);          // a watch on /app's data
 *     zk.setData("/app", "w".getBytes(UTF_8), stat.version());
 * }
 * }</pre>
 */
package io.synod.examples.coordination.client;
