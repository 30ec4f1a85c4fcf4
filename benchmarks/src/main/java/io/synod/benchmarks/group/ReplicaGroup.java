package io.synod.benchmarks.group;

import io.synod.api.CoreStatus;
import io.synod.api.Message;
import io.synod.api.Protocol;
import io.synod.paxos.basic.BasicPaxos;
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
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * N replicas of one log protocol in one JVM, talking over the in-JVM network or over
 * {@link TcpTransport} on 127.0.0.1 (ports picked by the system), with memory stores or a
 * {@link FileStorage} each (fsync on every batch), and counters for messages sent, commands and
 * log entries applied, log fsyncs, and bytes and drops of the TCP transports.
 *
 * <p>Basic Paxos has no distinguished leader: {@link #awaitLeader} then returns replica 1 once it
 * has committed a command, and clients submit there.
 */
public final class ReplicaGroup implements AutoCloseable {

    /** How the replicas reach each other. */
    public enum Network {
        IN_JVM, TCP;

        /** {@code in-jvm} or {@code tcp}. */
        public static Network named(String name) {
            return valueOf(name.replace('-', '_').toUpperCase(Locale.ROOT));
        }

        /** The name {@link #named} reads. */
        public String label() {
            return name().replace('_', '-').toLowerCase(Locale.ROOT);
        }
    }

    /** Where each replica keeps its log and hard state. */
    public enum Storage {
        MEMORY, FILE;

        /** {@code memory} or {@code file}. */
        public static Storage named(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }

        /** The name {@link #named} reads. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final byte[] SECRET = "benchmark secret, not a secret".getBytes(StandardCharsets.UTF_8);
    /**
     * Frames as large as a Promise or Accept of 32 slots of 1,024 commands of 100 bytes may be
     * (about 4 MiB, the transport's default bound): a larger bound, so that no such message is
     * dropped as oversized.
     */
    private static final int MAX_FRAME = 64 << 20;

    private final int[] members;
    private final boolean leaderless;
    private final List<Replica> replicas = new ArrayList<>();
    private final List<CountingMachine> machines = new ArrayList<>();
    private final List<CountingTransport> counted = new ArrayList<>();
    private final List<FileStorage> files = new ArrayList<>();
    private final List<TcpTransport> sockets = new ArrayList<>();
    private final Path dir;
    private final LeadershipWatch leadership;

    /**
     * Starts {@code size} replicas numbered 1..size.
     *
     * @param baseDir where file storage makes its temporary directory (deleted at {@link #close})
     */
    public ReplicaGroup(Protocol protocol, int size, Network network, Storage storage, ReplicaConfig config, Path baseDir) {
        if (size < 1) {
            throw new IllegalArgumentException("a group needs at least one replica, got " + size);
        }
        this.members = new int[size];
        for (int i = 0; i < size; i++) {
            members[i] = i + 1;
        }
        this.leaderless = BasicPaxos.NAME.equals(protocol.name());
        try {
            this.dir = storage == Storage.FILE ? Files.createTempDirectory(baseDir, "synod-" + protocol.name()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory under " + baseDir, e);
        }
        List<Transport> transports = network == Network.TCP ? openTcp(protocol) : joinInJvm();
        for (int i = 0; i < size; i++) {
            int id = members[i];
            CountingTransport transport = new CountingTransport(transports.get(i));
            CountingMachine machine = new CountingMachine();
            Replica.Builder builder = Replica.builder().protocol(protocol).self(id).members(members)
                .transport(transport).stateMachine(machine).config(config);
            if (storage == Storage.FILE) {
                FileStorage fs = FileStorage.open(dir.resolve("node-" + id), StorageOptions.builder().syncPolicy(SyncPolicy.ALWAYS)
                    .preallocateSegments(preallocateSegments()).build());
                files.add(fs);
                builder.storage(fs);
            } else {
                builder.storage(new MemoryStorage());
            }
            counted.add(transport);
            machines.add(machine);
            replicas.add(builder.start());
        }
        leadership = new LeadershipWatch(replicas);
    }

    private List<Transport> joinInJvm() {
        InJvmNetwork network = new InJvmNetwork();
        List<Transport> all = new ArrayList<>();
        for (int id : members) {
            all.add(network.join(id));
        }
        return all;
    }

    /** The highest id listens first: the lower id of each pair dials, so it needs the other's port. */
    private List<Transport> openTcp(Protocol protocol) {
        InetSocketAddress[] addresses = new InetSocketAddress[members.length];
        TcpTransport[] opened = new TcpTransport[members.length];
        for (int i = members.length - 1; i >= 0; i--) {
            TcpTransportConfig.Builder b = TcpTransportConfig.builder(members[i])
                .cluster("benchmark", SECRET).protocol(protocol.name(), 1).maxFrameLength(MAX_FRAME)
                .channel(new CodecChannel(2, SnapshotTransferMessage.class, new SnapshotTransferCodec()))
                .channel(new CodecChannel(CodecChannel.PROTOCOL, Message.class, protocol.codec()));
            for (int j = 0; j < members.length; j++) {
                b.member(members[j], j > i ? addresses[j] : new InetSocketAddress("127.0.0.1", 0));
            }
            opened[i] = TcpTransport.open(b.build());
            sockets.add(opened[i]);
            addresses[i] = opened[i].localAddress();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!allConnected()) {
            if (System.nanoTime() - deadline > 0) {
                sockets.forEach(TcpTransport::close);
                throw new IllegalStateException("the " + members.length + " TCP transports did not connect within 30 s");
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

    /** Where file storage goes: {@code -Dsynod.bench.dir}, or the temp directory. */
    public static Path baseDir() {
        return Path.of(System.getProperty("synod.bench.dir", System.getProperty("java.io.tmpdir")));
    }

    /**
     * Whether file storage prepares the next log segment in the background (the default);
     * {@code -Dsynod.bench.preallocate=false} in the benchmark's JVM creates each on the replica
     * thread, for a comparison in one build.
     */
    public static boolean preallocateSegments() {
        return Boolean.parseBoolean(System.getProperty("synod.bench.preallocate", "true"));
    }

    /**
     * The runtime's defaults, but with a snapshot about every two million commands, or at the
     * default if that comes first: snapshots bound the log a replica keeps (in memory too, the
     * core's view of it), and the default counts entries, which with {@code maxBatch} commands
     * each would be far more than a benchmark's heap holds. (A snapshot with file storage costs
     * several fsyncs, directory fsyncs among them.) {@code -Dsynod.bench.persistInBackground=true}
     * persists on a thread of each replica's own instead ({@link ReplicaConfig#persistInBackground()}), to compare the two
     * in one build.
     */
    public static ReplicaConfig boundedLog(int maxBatch) {
        ReplicaConfig defaults = ReplicaConfig.defaults();
        return defaults.withSnapshotEvery(Math.max(1, Math.min(defaults.snapshotEvery(), 2_000_000 / maxBatch)))
            .withPersistInBackground(Boolean.parseBoolean(System.getProperty("synod.bench.persistInBackground", "false")));
    }

    /**
     * {@code current} if it still leads, else the replica that leads now (printed, as clients that
     * follow leadership rather than measure forwarding would move to it).
     */
    public Replica follow(Replica current) throws InterruptedException {
        if (!lostLeadership(current)) {
            return current;
        }
        Replica now = awaitLeader(30);
        System.out.printf("  [leadership moved from replica %d to %d]%n", current.self(), now.self());
        return now;
    }

    /** True when {@code r} says it leads: "leader" (Multi-Paxos) or "leading" (ZAB). */
    public static boolean leads(Replica r) {
        CoreStatus s = r.status();
        return s.isLeader() && ("leader".equals(s.role()) || "leading".equals(s.role()));
    }

    /** True when clients of this group should move: the replica they use no longer leads. */
    public boolean lostLeadership(Replica r) {
        return !leaderless && !leads(r);
    }

    /**
     * Waits until one replica leads and has committed a command of its own, and returns it (for
     * Basic Paxos: replica 1, once it has committed one).
     *
     * @throws IllegalStateException if none does within {@code timeoutSeconds}
     */
    public Replica awaitLeader(long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            for (Replica r : replicas) {
                if (leaderless ? r.self() == members[0] : leads(r)) {
                    try {
                        r.submit(new byte[1]).get(timeoutSeconds, TimeUnit.SECONDS);
                        return r;
                    } catch (Exception e) {
                        break; // leadership moved while we asked; look again
                    }
                }
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no leader among " + replicas.size() + " replicas within " + timeoutSeconds + " s");
    }

    /** The replicas, in id order. */
    public List<Replica> all() {
        return List.copyOf(replicas);
    }

    /** Messages all replicas sent so far. */
    public long messagesSent() {
        long total = 0;
        for (CountingTransport t : counted) {
            total += t.sent();
        }
        return total;
    }

    /** Bytes the TCP transports sent so far (frames as written); -1 over the in-JVM network, which sends none. */
    public long bytesSent() {
        if (sockets.isEmpty()) {
            return -1;
        }
        long total = 0;
        for (TcpTransport t : sockets) {
            for (PeerMetrics peer : t.metrics().peers().values()) {
                total += peer.bytesSent();
            }
        }
        return total;
    }

    /** Commands {@code r} has applied. */
    public long commandsApplied(Replica r) {
        return machines.get(replicas.indexOf(r)).commands();
    }

    /** Log entries (slots) {@code r} has applied. */
    public long entriesApplied(Replica r) {
        return machines.get(replicas.indexOf(r)).entries();
    }

    /** Log fsyncs of all replicas so far; 0 with memory storage. */
    public long fsyncs() {
        long total = 0;
        for (FileStorage fs : files) {
            total += fs.log().fsyncCount();
        }
        return total;
    }

    /** Time all replicas' logs spent in fsync so far, in nanoseconds; 0 with memory storage. */
    public long fsyncNanos() {
        long total = 0;
        for (FileStorage fs : files) {
            total += fs.log().fsyncNanos();
        }
        return total;
    }

    /** Messages the TCP transports dropped (full queues or inboxes, oversized frames); 0 in-JVM. */
    public long dropped() {
        long total = 0;
        for (TcpTransport t : sockets) {
            for (PeerMetrics peer : t.metrics().peers().values()) {
                total += peer.droppedMessages() + peer.droppedArrivals();
            }
        }
        return total;
    }

    /** Times the self-reported leader changed (see {@link LeadershipWatch}). */
    public long leaderChanges() {
        return leadership.leaderChanges();
    }

    /** The highest ballot round or epoch any replica has reached. */
    public long ballotRounds() {
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
