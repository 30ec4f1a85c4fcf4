/**
 * A ZooKeeper-compatible coordination service built on Synod.
 *
 * <p>Its parts live in sub-packages, one part each: {@code tree} (znodes, {@code Stat}, create modes,
 * the replicated state machine), {@code acl} (schemes and permissions), {@code wire} (ZooKeeper's
 * client protocol in Jute encoding), {@code session} and {@code watch} (what a server holds for the
 * clients connected to it) and {@code server} (connections, the request pipeline and the process).
 * The official ZooKeeper client and Apache Curator are the judges of compatibility: they run
 * unchanged against it in the tests.
 */
package io.synod.examples.coordination;
