package io.synod.benchmarks.compare;

import io.synod.benchmarks.group.CommitGroup;
import io.synod.benchmarks.group.ReplicaGroup;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the closed loop drives: a started replica group or commit group, one operation at a time
 * per call, with the counters the report divides by the operations done.
 */
interface Target extends AutoCloseable {

    /** Commands of this size, as the other benchmarks submit. */
    int COMMAND_SIZE = 100;

    /** Starts one operation (a command at the leader, or a transaction). */
    CompletableFuture<?> submit();

    /** Messages sent by all nodes so far. */
    long messages();

    /** Bytes sent by all nodes so far, or -1 where the network does not count them (in-JVM). */
    long bytes();

    /** Log fsyncs of all nodes so far. */
    long fsyncs();

    /** Times leadership moved so far (0 for commit groups). */
    long leaderChanges();

    /** Called between iterations: if leadership moved, clients follow it. */
    void followLeader() throws InterruptedException;

    @Override
    void close() throws Exception;

    /** Starts the nodes of {@code s}, with data under {@code dir}, and waits until they serve. */
    static Target start(Scenario s, Path dir) throws InterruptedException {
        return Protocols.isCommit(s.protocol()) ? new Commit(s, dir) : new Log(s, dir);
    }

    /** A log protocol's replica group, clients at the leader. */
    final class Log implements Target {
        private final ReplicaGroup group;
        private final byte[] command = new byte[COMMAND_SIZE];
        private volatile Replica leader;

        Log(Scenario s, Path dir) throws InterruptedException {
            ReplicaConfig defaults = ReplicaConfig.defaults();
            // As the other benchmarks: snapshot about every two million commands, so the in-memory log stays bounded.
            ReplicaConfig config = defaults.withSnapshotEvery(Math.max(1, Math.min(defaults.snapshotEvery(), 2_000_000 / s.maxBatch())));
            group = new ReplicaGroup(Protocols.log(s.protocol(), s.maxBatch()), s.n(), s.network(), s.storage(), config, dir);
            ThreadLocalRandom.current().nextBytes(command);
            try {
                leader = group.awaitLeader(30);
            } catch (RuntimeException | InterruptedException e) {
                group.close();
                throw e;
            }
        }

        @Override
        public CompletableFuture<?> submit() {
            return leader.submit(command);
        }

        @Override
        public long messages() {
            return group.messagesSent();
        }

        @Override
        public long bytes() {
            return group.bytesSent();
        }

        @Override
        public long fsyncs() {
            return group.fsyncs();
        }

        @Override
        public long leaderChanges() {
            return group.leaderChanges();
        }

        @Override
        public void followLeader() throws InterruptedException {
            if (group.lostLeadership(leader)) {
                leader = group.awaitLeader(30);
            }
        }

        @Override
        public void close() {
            group.close();
        }
    }

    /** A commit protocol's group, transactions begun at the coordinator. */
    final class Commit implements Target {
        private final CommitGroup group;

        Commit(Scenario s, Path dir) {
            group = new CommitGroup(Protocols.commit(s.protocol()), s.n(), s.storage(), dir);
        }

        @Override
        public CompletableFuture<?> submit() {
            return group.commit();
        }

        @Override
        public long messages() {
            return group.messagesSent();
        }

        @Override
        public long bytes() {
            return -1;
        }

        @Override
        public long fsyncs() {
            return group.fsyncs();
        }

        @Override
        public long leaderChanges() {
            return 0;
        }

        @Override
        public void followLeader() {
        }

        @Override
        public void close() throws Exception {
            group.close();
        }
    }
}
