package io.synod.benchmarks.transport;

import io.synod.api.ApplyContext;
import io.synod.api.CoreStatus;
import io.synod.api.Message;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.snapshot.SnapshotTransferCodec;
import io.synod.runtime.snapshot.SnapshotTransferMessage;
import io.synod.spi.Transport;
import io.synod.storage.MemoryStorage;
import io.synod.transport.InJvmNetwork;
import io.synod.transport.tcp.CodecChannel;
import io.synod.transport.tcp.TcpTransport;
import io.synod.transport.tcp.TcpTransportConfig;
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

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One client's write latency on three Multi-Paxos replicas in one JVM with memory stores, over
 * the in-JVM network or over {@link TcpTransport} on 127.0.0.1: the client submits a 100-byte
 * command at the leader and waits for its result, one at a time (batching cannot hide a slow
 * hand-off here). Each commit is a round of Accept and Accepted between the leader and its
 * followers, so this is where the replica threads' idling between messages shows: a replica that
 * parks and is not woken by an arrival sleeps its park out on every commit. Sampled.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ReplicatedWriteBenchmark {

    private static final int[] MEMBERS = {1, 2, 3};
    private static final byte[] SECRET = "benchmark secret, not a secret".getBytes(StandardCharsets.UTF_8);

    @Param({"in-jvm", "tcp"})
    public String network;

    private final List<Replica> replicas = new ArrayList<>();
    private Replica leader;
    private final byte[] command = new byte[100];

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        MultiPaxos protocol = MultiPaxos.builder().maxBatch(1).build();
        List<Transport> transports = "tcp".equals(network) ? tcp(protocol) : inJvm();
        for (int i = 0; i < MEMBERS.length; i++) {
            replicas.add(Replica.builder().protocol(protocol).self(MEMBERS[i]).members(MEMBERS)
                .transport(transports.get(i)).stateMachine(new Nothing())
                .storage(new MemoryStorage()).config(ReplicaConfig.defaults()).start());
        }
        leader = awaitLeader();
    }

    /** Clients follow leadership if it moved, rather than measure forwarding. */
    @Setup(Level.Iteration)
    public void followLeader() throws InterruptedException {
        if (!"leader".equals(leader.status().role())) {
            leader = awaitLeader();
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        replicas.forEach(Replica::close);
        replicas.clear();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public Object write() {
        return leader.submit(command).join();
    }

    private static List<Transport> inJvm() {
        InJvmNetwork net = new InJvmNetwork();
        List<Transport> all = new ArrayList<>();
        for (int id : MEMBERS) {
            all.add(net.join(id));
        }
        return all;
    }

    /** The highest id listens first: the lower id of each pair dials, so it needs the other's port. */
    private static List<Transport> tcp(MultiPaxos protocol) {
        InetSocketAddress[] addresses = new InetSocketAddress[MEMBERS.length];
        TcpTransport[] opened = new TcpTransport[MEMBERS.length];
        for (int i = MEMBERS.length - 1; i >= 0; i--) {
            TcpTransportConfig.Builder b = TcpTransportConfig.builder(MEMBERS[i])
                .cluster("benchmark", SECRET).protocol(protocol.name(), 1)
                // The runtime streams snapshots in messages of its own, on a channel of their own.
                .channel(new CodecChannel(2, SnapshotTransferMessage.class, new SnapshotTransferCodec()))
                .channel(new CodecChannel(CodecChannel.PROTOCOL, Message.class, protocol.codec()));
            for (int j = 0; j < MEMBERS.length; j++) {
                b.member(MEMBERS[j], j > i ? addresses[j] : new InetSocketAddress("127.0.0.1", 0));
            }
            opened[i] = TcpTransport.open(b.build());
            addresses[i] = opened[i].localAddress();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (TcpTransport t : opened) {
            while (!t.metrics().peers().values().stream().allMatch(p -> p.connected())) {
                if (System.nanoTime() - deadline > 0) {
                    for (TcpTransport each : opened) {
                        each.close();
                    }
                    throw new IllegalStateException("the three TCP transports did not connect within 30 s");
                }
                LockSupport.parkNanos(1_000_000);
            }
        }
        return List.of(opened);
    }

    /** A replica that leads and has committed a command of its own. */
    private Replica awaitLeader() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0) {
            for (Replica r : replicas) {
                CoreStatus s = r.status();
                if ("leader".equals(s.role()) && s.leader() == r.self()) {
                    try {
                        r.submit(new byte[1]).get(30, TimeUnit.SECONDS);
                        return r;
                    } catch (Exception e) {
                        break; // leadership moved while we asked; look again
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no leader among the three replicas within 30 s");
    }

    /** Answers every command alike: the replication path is measured, not a service. */
    private static final class Nothing implements StateMachine {
        private static final byte[] OK = new byte[0];

        @Override
        public byte[] apply(ApplyContext ctx, byte[] command) {
            return OK;
        }

        @Override
        public SnapshotWriter snapshot() {
            return SnapshotWriter.of(OK);
        }

        @Override
        public void restore(InputStream in) {
        }
    }
}
