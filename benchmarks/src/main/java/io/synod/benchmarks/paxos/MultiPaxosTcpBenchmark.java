package io.synod.benchmarks.paxos;

import io.synod.benchmarks.group.ReplicaGroup;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Multi-Paxos throughput over TCP on loopback beside the in-JVM network, in the same run: three
 * replicas in one JVM, 100-byte commands submitted at the leader in a closed loop of
 * {@code clients} outstanding commands (as {@link MultiPaxosBenchmark#throughput}), batching on.
 * The {@code network} parameter is the only difference between the pairs of figures, so their
 * ratio is what the TCP transport costs (framing, encoding, two system calls and two thread
 * hand-offs per batch of messages) against handing records between threads.
 *
 * <p>Aux counters, per second over all replicas: {@code messages} sent, {@code commands} and
 * {@code slots} applied by the leader, log {@code fsyncs}, and messages the TCP transports
 * {@code dropped} (full queues or oversized frames; 0 in a healthy run). Each iteration also
 * prints the per-command ratios and how often leadership moved.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class MultiPaxosTcpBenchmark {

    /** The replicas and the leader clients talk to. */
    @State(Scope.Benchmark)
    public static class Cluster {

        @Param({"in-jvm", "tcp"})
        public String network;

        @Param({"memory", "file"})
        public String storage;

        @Param({"1024"})
        public int maxBatch;

        ReplicaGroup replicas;
        Replica leader;
        byte[] command;

        @Setup(Level.Trial)
        public void start() throws InterruptedException {
            ReplicaConfig defaults = ReplicaConfig.defaults();
            // As MultiPaxosBenchmark: snapshot about every two million commands, to bound the log.
            ReplicaConfig config = defaults.withSnapshotEvery(Math.max(1, Math.min(defaults.snapshotEvery(), 2_000_000 / maxBatch)));
            replicas = new ReplicaGroup(MultiPaxos.builder().maxBatch(maxBatch).build(), 3, ReplicaGroup.Network.named(network),
                ReplicaGroup.Storage.named(storage), config, MultiPaxosBenchmark.baseDir());
            leader = replicas.awaitLeader(30);
            command = new byte[MultiPaxosBenchmark.COMMAND_SIZE];
            ThreadLocalRandom.current().nextBytes(command);
        }

        /** Clients follow leadership if it moved, rather than measure forwarding. */
        @Setup(Level.Iteration)
        public void followLeader() throws InterruptedException {
            if (!"leader".equals(leader.status().role())) {
                Replica previous = leader;
                leader = replicas.awaitLeader(30);
                System.out.printf("  [leadership moved from replica %d to %d]%n", previous.self(), leader.self());
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            replicas.close();
        }
    }

    /** A closed loop of {@code clients} outstanding commands, oldest first. */
    @State(Scope.Thread)
    public static class Clients {

        @Param({"64", "4096"})
        public int clients;

        private CompletableFuture<?>[] ring;
        private int next;

        @Setup(Level.Iteration)
        public void fill(Cluster cluster) {
            ring = new CompletableFuture<?>[clients];
            for (int i = 0; i < clients; i++) {
                ring[i] = cluster.leader.submit(cluster.command);
            }
            next = 0;
        }

        @TearDown(Level.Iteration)
        public void drain() {
            for (CompletableFuture<?> f : ring) {
                f.join();
            }
        }

        Object cycle(Cluster cluster) {
            Object done = ring[next].join();
            ring[next] = cluster.leader.submit(cluster.command);
            next = next + 1 == ring.length ? 0 : next + 1;
            return done;
        }
    }

    /** What the commands cost over one iteration; read every 1,024 calls and at the iteration's end. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class PerCommand {
        public long messages;
        public long commands;
        public long slots;
        public long fsyncs;
        public long dropped;
        private long messages0;
        private long commands0;
        private long slots0;
        private long fsyncs0;
        private long dropped0;
        private long changes0;
        private long rounds0;
        private int calls;

        @Setup(Level.Iteration)
        public void start(Cluster cluster) {
            ReplicaGroup r = cluster.replicas;
            messages0 = r.messagesSent();
            commands0 = r.commandsApplied(cluster.leader);
            slots0 = r.entriesApplied(cluster.leader);
            fsyncs0 = r.fsyncs();
            dropped0 = r.dropped();
            changes0 = r.leaderChanges();
            rounds0 = r.ballotRounds();
            calls = 0;
        }

        void observe(Cluster cluster) {
            if ((++calls & 1023) == 0) {
                read(cluster);
            }
        }

        /** Reads the counters once more at the end (the smoke test checks that every command submitted was counted). */
        @TearDown(Level.Iteration)
        public void report(Cluster cluster) {
            read(cluster);
            ReplicaGroup r = cluster.replicas;
            System.out.printf("  [%s: %d commands applied: %.3f messages, %.4f slots, %.4f fsyncs per command; %d dropped;"
                    + " %d leader changes, %d campaigns]%n", cluster.network, commands, messages / (double) commands,
                slots / (double) commands, fsyncs / (double) commands, dropped, r.leaderChanges() - changes0,
                r.ballotRounds() - rounds0);
        }

        private void read(Cluster cluster) {
            ReplicaGroup r = cluster.replicas;
            messages = r.messagesSent() - messages0;
            commands = r.commandsApplied(cluster.leader) - commands0;
            slots = r.entriesApplied(cluster.leader) - slots0;
            fsyncs = r.fsyncs() - fsyncs0;
            dropped = r.dropped() - dropped0;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public Object throughput(Cluster cluster, Clients clients, PerCommand perCommand) {
        Object done = clients.cycle(cluster);
        perCommand.observe(cluster);
        return done;
    }
}
