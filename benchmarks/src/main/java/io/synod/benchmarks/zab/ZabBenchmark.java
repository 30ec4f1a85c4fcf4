package io.synod.benchmarks.zab;

import io.synod.benchmarks.group.ClosedLoop;
import io.synod.benchmarks.group.GroupCounts;
import io.synod.benchmarks.group.ReplicaGroup;
import io.synod.api.Protocol;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.zab.Zab;
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

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * ZAB beside Multi-Paxos, end to end on the runtime: three replicas in one JVM over the in-JVM
 * network, commands of 100 bytes submitted at the leader and counted when the leader applied
 * them. Every figure comes for both protocols ({@code protocol} = {@code zab} or
 * {@code multi-paxos}) in the same run, under the same storage, batching and load.
 *
 * <ul>
 *   <li>{@link #throughput}: commands per second with {@code clients} commands outstanding (a
 *       closed loop). Also reported, as rates to divide by the score: messages sent by all
 *       replicas, log entries applied, log fsyncs of all replicas (each iteration prints them per
 *       command).</li>
 *   <li>{@link #latency}: one client, one command at a time, sampled.</li>
 *   <li>{@link #failover}: the leader is closed; the time until a survivor has committed a new
 *       command (single shot per iteration, each on a fresh cluster).</li>
 * </ul>
 * Both protocols run with their defaults but for {@code maxBatch} (1: batching off; 1024: on); a
 * tick is the runtime's default 50 ms. Files go to {@code -Dsynod.bench.dir} (default: the temp directory).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ZabBenchmark {

    static final int COMMAND_SIZE = 100;

    static Protocol protocol(String name, int maxBatch) {
        return switch (name) {
            case "zab" -> Zab.builder().maxBatch(maxBatch).build();
            case "multi-paxos" -> MultiPaxos.builder().maxBatch(maxBatch).build();
            default -> throw new IllegalArgumentException("unknown protocol " + name);
        };
    }

    /** The three replicas and the leader clients talk to. */
    @State(Scope.Benchmark)
    public static class Cluster {

        @Param({"zab", "multi-paxos"})
        public String protocol;

        @Param({"memory", "file"})
        public String storage;

        @Param({"1", "1024"})
        public int maxBatch;

        ReplicaGroup replicas;
        Replica leader;
        byte[] command;

        @Setup(Level.Trial)
        public void start() throws InterruptedException {
            replicas = new ReplicaGroup(protocol(protocol, maxBatch), 3, ReplicaGroup.Network.IN_JVM, ReplicaGroup.Storage.named(storage), ReplicaGroup.boundedLog(maxBatch), ReplicaGroup.baseDir());
            leader = replicas.awaitLeader(30);
            command = new byte[COMMAND_SIZE];
            ThreadLocalRandom.current().nextBytes(command);
        }

        /** If leadership moved (a long disk stall, say), clients follow it rather than measure forwarding. */
        @Setup(Level.Iteration)
        public void followLeader() throws InterruptedException {
            leader = replicas.follow(leader);
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

    /** Messages, log entries and fsyncs over one iteration, read every 1,024 calls; printed per command. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class PerCommand {
        public long messages;
        public long entries;
        public long fsyncs;
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

        @TearDown(Level.Iteration)
        public void report(Cluster cluster) {
            read();
            System.out.printf(Locale.ROOT, "  [%s: %s]%n", cluster.protocol, counts.perCommand());
        }

        private void read() {
            messages = counts.messages();
            entries = counts.entries();
            fsyncs = counts.fsyncs();
        }
    }

    /** A fresh cluster per measured failover, with a leader that has committed. */
    @State(Scope.Thread)
    public static class Failover {

        @Param({"zab", "multi-paxos"})
        public String protocol;

        @Param({"memory", "file"})
        public String storage;

        ReplicaGroup replicas;
        Replica leader;

        @Setup(Level.Iteration)
        public void start() throws InterruptedException {
            replicas = new ReplicaGroup(protocol(protocol, 64), 3, ReplicaGroup.Network.IN_JVM, ReplicaGroup.Storage.named(storage), ReplicaGroup.boundedLog(64), ReplicaGroup.baseDir());
            leader = replicas.awaitLeader(30);
        }

        @TearDown(Level.Iteration)
        public void stop() {
            replicas.close();
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

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public Object latency(Cluster cluster) {
        return cluster.leader.submit(cluster.command).join();
    }

    /** Closes the leader and waits for a survivor to lead and commit a command: leader loss to first commit. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Threads(1)
    public Object failover(Failover f) throws InterruptedException {
        // Leadership may have moved since the set-up (a disk stall on a busy machine): close the
        // replica that leads now, or the figure would time a change that already happened.
        Replica lost = f.leader;
        for (Replica r : f.replicas.all()) {
            if (ReplicaGroup.leads(r)) {
                lost = r;
                break;
            }
        }
        lost.close();
        while (true) {
            for (Replica r : f.replicas.all()) {
                if (r != lost && ReplicaGroup.leads(r)) {
                    try {
                        return r.submit(new byte[1]).get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        break; // it lost leadership while we asked; look again
                    }
                }
            }
            Thread.sleep(1);
        }
    }
}
