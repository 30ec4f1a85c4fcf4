package io.synod.benchmarks.paxos;

import io.synod.benchmarks.group.ClosedLoop;
import io.synod.benchmarks.group.GroupCounts;
import io.synod.benchmarks.group.ReplicaGroup;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
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
            replicas = new ReplicaGroup(MultiPaxos.builder().maxBatch(maxBatch).build(), 3, ReplicaGroup.Network.named(network),
                ReplicaGroup.Storage.named(storage), ReplicaGroup.boundedLog(maxBatch), ReplicaGroup.baseDir());
            leader = replicas.awaitLeader(30);
            command = new byte[MultiPaxosBenchmark.COMMAND_SIZE];
            ThreadLocalRandom.current().nextBytes(command);
        }

        /** Clients follow leadership if it moved, rather than measure forwarding. */
        @Setup(Level.Iteration)
        public void followLeader() throws InterruptedException {
            leader = replicas.follow(leader);
        }

        @TearDown(Level.Trial)
        public void stop() {
            replicas.close();
        }
    }

    /** A closed loop of {@code clients} outstanding commands. */
    @State(Scope.Thread)
    public static class Clients {

        @Param({"64", "4096"})
        public int clients;

        private ClosedLoop loop;

        @Setup(Level.Iteration)
        public void fill(Cluster cluster) {
            loop = new ClosedLoop(clients, cluster.leader, cluster.command);
        }

        @TearDown(Level.Iteration)
        public void drain() {
            loop.drain();
        }

        Object cycle(Cluster cluster) {
            return loop.cycle(cluster.leader, cluster.command);
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
        private GroupCounts counts;
        private int calls;

        @Setup(Level.Iteration)
        public void start(Cluster cluster) {
            counts = new GroupCounts(cluster.replicas, cluster.leader);
            calls = 0;
        }

        void observe() {
            if ((++calls & 1023) == 0) {
                read();
            }
        }

        /** Reads the counters once more at the end (the smoke test checks that every command submitted was counted). */
        @TearDown(Level.Iteration)
        public void report(Cluster cluster) {
            read();
            System.out.printf("  [%s: %s]%n", cluster.network, counts.perCommand());
        }

        private void read() {
            messages = counts.messages();
            commands = counts.commands();
            slots = counts.entries();
            fsyncs = counts.fsyncs();
            dropped = counts.dropped();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public Object throughput(Cluster cluster, Clients clients, PerCommand perCommand) {
        Object done = clients.cycle(cluster);
        perCommand.observe();
        return done;
    }
}
