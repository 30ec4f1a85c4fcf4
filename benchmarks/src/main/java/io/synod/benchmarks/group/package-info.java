/**
 * One harness for every benchmark that runs a replica group in one JVM: {@link
 * io.synod.benchmarks.group.ReplicaGroup} starts N replicas of a log protocol (Basic Paxos,
 * Multi-Paxos, ZAB) over the in-JVM network or TCP on loopback, on memory or file storage (fsync
 * on every batch), and {@link io.synod.benchmarks.group.CommitGroup} a coordinator and N
 * participants of an atomic commit protocol (2PC, 3PC, Paxos Commit). Both count what they send
 * and store, so a benchmark can report messages, bytes and fsyncs per committed operation.
 *
 * <p><b>Threading.</b> Each replica or commit node runs on its own thread (the runtime's); the
 * counters have one writer each and are read from the benchmark's thread.
 *
 * <pre>{@code
 * try (ReplicaGroup group = new ReplicaGroup(MultiPaxos.builder().maxBatch(1024).build(), 3,
 *         ReplicaGroup.Network.TCP, ReplicaGroup.Storage.FILE, ReplicaConfig.defaults(), Path.of("/tmp"))) {
 *     Replica leader = group.awaitLeader(30);
 *     leader.submit(new byte[100]).join();
 *     long messages = group.messagesSent();
 * }
 * }</pre>
 */
package io.synod.benchmarks.group;
