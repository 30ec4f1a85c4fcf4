package io.synod.benchmarks.paxos;

import io.synod.benchmarks.group.ClosedLoop;
import io.synod.benchmarks.group.GroupCounts;
import io.synod.benchmarks.group.IterationProfile;
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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Multi-Paxos end to end: three replicas in one JVM over the in-JVM network, commands of 100
 * bytes submitted at the leader and counted when the leader has applied them.
 *
 * <ul>
 *   <li>{@link #throughput}: commands per second with {@code clients} commands outstanding (a
 *       closed loop: each completion lets the next command in), as that many concurrent clients
 *       with one request each would keep.</li>
 *   <li>{@link #latency}: one client, one command at a time; sampled, for p50/p99. With file
 *       storage each iteration ends with a short fsync probe on the same disk (printed).</li>
 *   <li>{@link #fsyncBaseline}: one 124-byte write plus {@code FileChannel.force(false)} on a
 *       preallocated file on the same disk, sampled: the floor a durable commit is compared with.</li>
 * </ul>
 * Parameters: {@code storage} memory (memory stores) or file ({@code FileStorage}, fsync per
 * batch); {@code maxBatch} 1 (batching off: one command per slot) or 1024 (on). The throughput
 * mode also reports messages sent by all replicas, slots applied (commands per slot is the batch
 * size reached) and log fsyncs of all replicas, per second (divide by the score for "per
 * command"; each iteration prints the ratios too), and how often leadership moved
 * ({@code leaderChanges}, {@code ballotRounds}: counts per iteration, summed by JMH).
 *
 * <p>Files go to {@code -Dsynod.bench.dir} (default: the temp directory).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class MultiPaxosBenchmark {

    static final int COMMAND_SIZE = 100;

    /**
     * The closed loop's warm-up before the first iteration: {@code -Dsynod.bench.warmup=SECONDS}
     * in the benchmark's JVM, 10 s by default (the smoke test sets 0).
     */
    static Duration warmUpLength() {
        return Duration.ofSeconds(Long.getLong("synod.bench.warmup", 10));
    }

    /** The three replicas and the leader that clients talk to. */
    @State(Scope.Benchmark)
    public static class Cluster {

        @Param({"memory", "file"})
        public String storage;

        @Param({"1", "1024"})
        public int maxBatch;

        ReplicaGroup replicas;
        Replica leader;
        byte[] command;

        @Setup(Level.Trial)
        public void start() throws InterruptedException {
            replicas = new ReplicaGroup(MultiPaxos.builder().maxBatch(maxBatch).build(), 3, ReplicaGroup.Network.IN_JVM,
                ReplicaGroup.Storage.named(storage), ReplicaGroup.boundedLog(maxBatch), ReplicaGroup.baseDir());
            leader = replicas.awaitLeader(30);
            command = new byte[COMMAND_SIZE];
            ThreadLocalRandom.current().nextBytes(command);
        }

        /**
         * Clients talk to the leader; if leadership moved (a disk stall longer than the election
         * timeout, for instance) they move too, rather than measure forwarding.
         */
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

        /**
         * A warm-up of {@link #warmUpLength()} before JMH's own (see {@link ClosedLoop#warmUp}),
         * whatever {@code -wi} says; its rates per second are printed.
         */
        @Setup(Level.Trial)
        public void warmUp(Cluster cluster) throws InterruptedException {
            long[] rates = ClosedLoop.warmUp(clients, cluster.leader, cluster.command, warmUpLength());
            if (rates.length > 0) {
                System.out.printf("  [warm-up before the iterations: %s thousand commands/s, one figure a second]%n",
                    ClosedLoop.describe(rates));
            }
            cluster.followLeader();
        }

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

    /**
     * What the commands cost, over one iteration: messages sent by all replicas, slots (log
     * entries carrying commands) and log fsyncs of all replicas. JMH reports these as rates;
     * divided by the score they give messages, slots and fsyncs per committed command, which the
     * iteration's end also prints. The counts are read every 1,024 calls (a few volatile loads).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class PerCommand {
        public long messages;
        public long slots;
        public long fsyncs;
        private GroupCounts counts;
        private IterationProfile profile;
        private int calls;

        @Setup(Level.Iteration)
        public void start(Cluster cluster) {
            counts = new GroupCounts(cluster.replicas, cluster.leader);
            profile = new IterationProfile(cluster.replicas);
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
            System.out.printf("  [%s; clients' replica is %s]%n", counts.perCommand(), cluster.leader.status().role());
            System.out.printf("  [%s]%n", profile.line(counts.commands()));
        }

        private void read() {
            messages = counts.messages();
            slots = counts.entries();
            fsyncs = counts.fsyncs();
        }
    }

    /**
     * Leadership during one iteration: {@code leaderChanges} (the replica that reports itself leader
     * changed, sampled every millisecond) and {@code ballotRounds} (campaigns: how far the highest
     * ballot round advanced, exact). Both should be 0 in a saturated run; the iteration's end prints
     * them, and JMH sums them over the iterations.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Leadership {
        public long leaderChanges;
        public long ballotRounds;
        private GroupCounts counts;
        private int calls;

        @Setup(Level.Iteration)
        public void start(Cluster cluster) {
            counts = new GroupCounts(cluster.replicas, cluster.leader);
            leaderChanges = 0;
            ballotRounds = 0;
            calls = 0;
        }

        void observe() {
            if ((++calls & 1023) == 0) {
                read();
            }
        }

        @TearDown(Level.Iteration)
        public void report() {
            read();
            System.out.printf("  [leadership: %d leader changes, %d campaigns this iteration]%n", leaderChanges, ballotRounds);
        }

        private void read() {
            leaderChanges = counts.leaderChanges();
            ballotRounds = counts.ballotRounds();
        }
    }

    /** A preallocated file beside the replicas' directories, for the fsync baseline. */
    @State(Scope.Benchmark)
    public static class Disk {
        private static final int FILE_SIZE = 64 << 20;
        /** A 100-byte command in a log record: 24 bytes of header, 100 of data. */
        private static final int RECORD = 24 + COMMAND_SIZE;

        private Path file;
        private FileChannel channel;
        private ByteBuffer record;
        private long position;

        @Setup(Level.Trial)
        public void open() throws IOException {
            file = Files.createTempFile(ReplicaGroup.baseDir(), "synod-fsync", ".bin");
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
            for (long at = 0; at < FILE_SIZE; at += zeros.capacity()) {
                channel.write(zeros.clear(), at);
            }
            channel.force(true);
            byte[] bytes = new byte[RECORD];
            ThreadLocalRandom.current().nextBytes(bytes);
            record = ByteBuffer.allocateDirect(RECORD).put(bytes);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            channel.close();
            Files.deleteIfExists(file);
        }

        void writeAndForce() throws IOException {
            if (position + RECORD > FILE_SIZE) {
                position = 0;
            }
            record.clear();
            while (record.hasRemaining()) {
                position += channel.write(record, position);
            }
            channel.force(false);
        }
    }

    /**
     * The disk's fsync latency swings by 10x within a run on a shared machine, so each latency
     * iteration with file storage is followed by a short fsync probe on the same disk, printed
     * beside it: the ratio is then taken between numbers measured a moment apart.
     */
    @State(Scope.Thread)
    public static class FsyncProbe {
        private static final int SAMPLES = 300;

        @TearDown(Level.Iteration)
        public void probe(Cluster cluster, Disk disk) throws IOException {
            if (!"file".equals(cluster.storage)) {
                return;
            }
            long[] micros = new long[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long start = System.nanoTime();
                disk.writeAndForce();
                micros[i] = (System.nanoTime() - start) / 1_000;
            }
            java.util.Arrays.sort(micros);
            System.out.printf("  [fsync probe after this iteration: p50 %d us, p90 %d us, p99 %d us]%n",
                micros[SAMPLES / 2], micros[SAMPLES * 9 / 10], micros[SAMPLES * 99 / 100]);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public Object throughput(Cluster cluster, Clients clients, PerCommand perCommand, Leadership leadership) {
        Object done = clients.cycle(cluster);
        perCommand.observe();
        leadership.observe();
        return done;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public Object latency(Cluster cluster, FsyncProbe probe) {
        return cluster.leader.submit(cluster.command).join();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public void fsyncBaseline(Disk disk) throws IOException {
        disk.writeAndForce();
    }
}
