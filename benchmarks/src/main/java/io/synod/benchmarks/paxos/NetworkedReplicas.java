package io.synod.benchmarks.paxos;

import io.synod.api.CoreStatus;
import io.synod.api.Message;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.snapshot.SnapshotTransferCodec;
import io.synod.runtime.snapshot.SnapshotTransferMessage;
import io.synod.spi.Transport;
import io.synod.storage.FileStorage;
import io.synod.storage.MemoryStorage;
import io.synod.storage.StorageOptions;
import io.synod.storage.SyncPolicy;
import io.synod.transport.InJvmNetwork;
import io.synod.transport.tcp.CodecChannel;
import io.synod.transport.tcp.PeerMetrics;
import io.synod.transport.tcp.TcpTransport;
import io.synod.transport.tcp.TcpTransportConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Three Multi-Paxos replicas in one JVM, talking over the in-JVM network or over
 * {@link TcpTransport} on 127.0.0.1 (ports picked by the system), with memory stores or a
 * {@link FileStorage} each (fsync on every batch); counters for messages sent, commands and slots
 * applied, log fsyncs, and messages the TCP transports dropped.
 */
final class NetworkedReplicas implements AutoCloseable {

    /** How the replicas reach each other. */
    enum Network { IN_JVM, TCP }

    private static final int[] MEMBERS = {1, 2, 3};
    private static final byte[] SECRET = "benchmark secret, not a secret".getBytes(StandardCharsets.UTF_8);
    /**
     * Frames as large as a Promise or Accept of 32 slots of 1,024 commands of 100 bytes may be
     * (about 4 MiB, the transport's default bound): a larger bound, so that no such message is
     * dropped as oversized.
     */
    private static final int MAX_FRAME = 64 << 20;

    private final List<Replica> replicas = new ArrayList<>();
    private final List<SlotCountingMachine> machines = new ArrayList<>();
    private final List<AtomicLong> sent = new ArrayList<>();
    private final List<FileStorage> files = new ArrayList<>();
    private final List<TcpTransport> sockets = new ArrayList<>();
    private final Path dir;
    private final LeadershipWatch leadership;

    NetworkedReplicas(Network network, ThreeReplicas.Storage storage, int maxBatch, ReplicaConfig config, Path baseDir) {
        MultiPaxos protocol = MultiPaxos.builder().maxBatch(maxBatch).build();
        try {
            this.dir = storage == ThreeReplicas.Storage.FILE ? Files.createTempDirectory(baseDir, "synod-multi-paxos") : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory under " + baseDir, e);
        }
        List<Transport> transports = network == Network.TCP ? openTcp(protocol) : joinInJvm();
        for (int i = 0; i < MEMBERS.length; i++) {
            int id = MEMBERS[i];
            AtomicLong counter = new AtomicLong();
            SlotCountingMachine machine = new SlotCountingMachine();
            Replica.Builder builder = Replica.builder().protocol(protocol).self(id).members(MEMBERS)
                .transport(new CountingTransport(transports.get(i), counter))
                .stateMachine(machine).config(config);
            if (storage == ThreeReplicas.Storage.FILE) {
                FileStorage fs = FileStorage.open(dir.resolve("node-" + id), StorageOptions.builder().syncPolicy(SyncPolicy.ALWAYS).build());
                files.add(fs);
                builder.storage(fs);
            } else {
                builder.storage(new MemoryStorage());
            }
            sent.add(counter);
            machines.add(machine);
            replicas.add(builder.start());
        }
        leadership = new LeadershipWatch(replicas);
    }

    private static List<Transport> joinInJvm() {
        InJvmNetwork network = new InJvmNetwork();
        List<Transport> all = new ArrayList<>();
        for (int id : MEMBERS) {
            all.add(network.join(id));
        }
        return all;
    }

    /** The highest id listens first: the lower id of each pair dials, so it needs the other's port. */
    private List<Transport> openTcp(MultiPaxos protocol) {
        InetSocketAddress[] addresses = new InetSocketAddress[MEMBERS.length];
        TcpTransport[] opened = new TcpTransport[MEMBERS.length];
        for (int i = MEMBERS.length - 1; i >= 0; i--) {
            TcpTransportConfig.Builder b = TcpTransportConfig.builder(MEMBERS[i])
                .cluster("benchmark", SECRET).protocol(protocol.name(), 1).maxFrameLength(MAX_FRAME)
                .channel(new CodecChannel(2, SnapshotTransferMessage.class, new SnapshotTransferCodec()))
                .channel(new CodecChannel(CodecChannel.PROTOCOL, Message.class, protocol.codec()));
            for (int j = 0; j < MEMBERS.length; j++) {
                b.member(MEMBERS[j], j > i ? addresses[j] : new InetSocketAddress("127.0.0.1", 0));
            }
            opened[i] = TcpTransport.open(b.build());
            sockets.add(opened[i]);
            addresses[i] = opened[i].localAddress();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!allConnected()) {
            if (System.nanoTime() - deadline > 0) {
                sockets.forEach(TcpTransport::close);
                throw new IllegalStateException("the three TCP transports did not connect within 30 s");
            }
            LockSupport.parkNanos(1_000_000);
        }
        return List.of(opened);
    }

    private boolean allConnected() {
        for (TcpTransport t : sockets) {
            for (PeerMetrics peer : t.metrics().peers().values()) {
                if (!peer.connected()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Waits until one replica leads and has committed a command of its own, and returns it.
     *
     * @throws IllegalStateException if no leader emerges within {@code timeoutSeconds}
     */
    Replica awaitLeader(long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            for (Replica r : replicas) {
                CoreStatus s = r.status();
                if ("leader".equals(s.role()) && s.leader() == r.self()) {
                    try {
                        r.submit(new byte[1]).get(timeoutSeconds, TimeUnit.SECONDS);
                        return r;
                    } catch (Exception e) {
                        break; // leadership moved while we asked; look again
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no leader among " + replicas.size() + " replicas within " + timeoutSeconds + " s");
    }

    long messagesSent() {
        long total = 0;
        for (AtomicLong c : sent) {
            total += c.get();
        }
        return total;
    }

    long commandsApplied(Replica r) {
        return machines.get(replicas.indexOf(r)).commands();
    }

    long slotsApplied(Replica r) {
        return machines.get(replicas.indexOf(r)).slots();
    }

    long fsyncs() {
        long total = 0;
        for (FileStorage fs : files) {
            total += fs.log().fsyncCount();
        }
        return total;
    }

    /** Messages the TCP transports dropped (full queues or inboxes, oversized frames); 0 in-JVM. */
    long dropped() {
        long total = 0;
        for (TcpTransport t : sockets) {
            for (PeerMetrics peer : t.metrics().peers().values()) {
                total += peer.droppedMessages() + peer.droppedArrivals();
            }
        }
        return total;
    }

    long leaderChanges() {
        return leadership.leaderChanges();
    }

    long ballotRounds() {
        return leadership.ballotRounds();
    }

    @Override
    public void close() {
        leadership.close();
        replicas.forEach(Replica::close);
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + dir, e);
            }
        }
    }
}
