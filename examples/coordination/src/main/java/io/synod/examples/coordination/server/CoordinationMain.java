package io.synod.examples.coordination.server;

import io.synod.api.Message;
import io.synod.api.Protocol;
import io.synod.examples.coordination.admin.AdminConfig;
import io.synod.examples.coordination.tree.TreeConfig;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.zab.Zab;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.snapshot.SnapshotTransferCodec;
import io.synod.runtime.snapshot.SnapshotTransferMessage;
import io.synod.spi.Storage;
import io.synod.spi.Transport;
import io.synod.quorum.QuorumSystem;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import io.synod.transport.InJvmNetwork;
import io.synod.transport.tcp.CodecChannel;
import io.synod.transport.tcp.TcpTransport;
import io.synod.transport.tcp.TcpTransportConfig;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The coordination service as a process. {@code java -jar synod-coordination.jar [zoo.cfg] [--local-cluster N]}:
 * without {@code server.N} lines one server; with them this server of a cluster over TCP; with
 * {@code --local-cluster N} N servers in this JVM (client ports clientPort, clientPort+1, ...; data in
 * dataDir/node-i). It prints where clients connect; SIGTERM (Ctrl-C) closes every server cleanly, and a
 * restart on the same dataDir finds every znode.
 */
public final class CoordinationMain {

    /** The transport channel of the runtime's streamed snapshots; the protocol's is {@link CodecChannel#PROTOCOL}. */
    static final int SNAPSHOT_CHANNEL = 2;
    static final int WIRE_VERSION = 2;

    private CoordinationMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--purge")) {
            System.exit(DataDirPurge.run(args));
            return;
        }
        Path file = null;
        int local = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--local-cluster") && i + 1 < args.length) {
                local = Integer.parseInt(args[++i]);
            } else if (args[i].startsWith("--")) {
                System.err.println("usage: synod-coordination [zoo.cfg] [--local-cluster N]\n"
                    + "       synod-coordination --purge dataDir [-n N] [--log-dir dataLogDir]");
                System.exit(2);
            } else {
                file = Path.of(args[i]);
            }
        }
        ServerConfig config;
        List<CoordinationNode> nodes;
        List<FileStorage> storages = new ArrayList<>();
        try {
            config = file == null ? ServerConfig.defaults() : ServerConfig.load(file, CoordinationMain::warn);
            nodes = start(config, local, storages, CoordinationMain::announce);
        } catch (RuntimeException e) {
            System.err.println("synod-coordination: " + e.getMessage());
            System.exit(1);
            return;
        }
        PurgeTask purge = PurgeTask.start(config.autopurge(), storages);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            purge.close();
            for (CoordinationNode node : nodes) {
                node.close();
            }
            stopped.countDown();
        }, "synod-coordination-stop"));
        for (CoordinationNode node : nodes) {
            InetSocketAddress a = node.clientAddress();
            int id = node.replica().self();
            System.out.println("synod-coordination server " + id + " (" + config.protocol()
                + (config.isCluster() && config.isObserver() ? ", observer" : "")
                + ") serving ZooKeeper clients on " + a.getHostString() + ":" + a.getPort() + ", data in "
                + dataDir(config, local, id).toAbsolutePath() + ", pid " + ProcessHandle.current().pid());
        }
        System.out.flush();
        stopped.await();
    }

    /** Starts the servers {@code config} describes ({@code localCluster} > 0: that many in this JVM). */
    public static List<CoordinationNode> start(ServerConfig config, int localCluster) {
        return start(config, localCluster, new ArrayList<>(), (id, leading) -> { });
    }

    /** Hears server {@code id} start ({@code leading}) or stop leading, on its replica thread. */
    interface LeadershipLine {
        void changed(int id, boolean leading);
    }

    /** The line another process's tests parse: keep its wording. */
    static void announce(int id, boolean leading) {
        System.out.println("synod-coordination server " + id + (leading ? " is leader" : " is following"));
        System.out.flush();
    }

    private static List<CoordinationNode> start(ServerConfig config, int localCluster, List<FileStorage> storages,
                                                LeadershipLine leadership) {
        CoordinationService.Timeouts timeouts = new CoordinationService.Timeouts(config.minSessionTimeout(),
            config.maxSessionTimeout());
        TreeConfig tree = new TreeConfig(config.maxDataBytes());
        ReplicaConfig replica = ReplicaConfig.defaults()
            .withTickInterval(Duration.ofMillis(config.ensemble().protocolTickMillis()))
            .withPersistInBackground(config.persistInBackground());
        StorageOptions storage = StorageOptions.builder().snapshotRetention(config.autopurge().snapRetainCount())
            .preallocateSegments(config.preallocateSegments()).build();
        List<CoordinationNode> nodes = new ArrayList<>();
        if (config.isCluster()) {
            Set<Integer> all = config.servers().keySet();
            int[] voters = config.ensemble().voters(all);
            int[] observers = config.ensemble().observerIds(all);
            Protocol protocol = protocol(config, config.ensemble().quorumSystem(all));
            FileStorage files = FileStorage.open(config.dataDir(), config.dataLogDir(), storage);
            storages.add(files);
            Transport transport;
            try {
                transport = tcp(config, protocol);
            } catch (RuntimeException e) {
                files.close();
                throw e;
            }
            int self = config.myId();
            nodes.add(CoordinationNode.start(new CoordinationNode.Settings(self, voters, protocol, transport,
                files, config.clientAddress(), timeouts, config.secret(), tree, replica)
                .withObservers(observers)
                .withLeadership((leading, term) -> leadership.changed(self, leading)), tools(config, 0)));
            return nodes;
        }
        int size = Math.max(1, localCluster);
        int[] members = new int[size];
        for (int i = 0; i < size; i++) {
            members[i] = i + 1;
        }
        if (size == 1 && config.myId() > 0) {
            members[0] = config.myId(); // a standalone server.N line keeps its id
        }
        InJvmNetwork network = new InJvmNetwork();
        try {
            for (int id : members) {
                InetSocketAddress client = config.clientAddress().getPort() == 0 || size == 1 ? config.clientAddress()
                    : new InetSocketAddress(config.clientAddress().getHostString(), config.clientAddress().getPort() + id - 1);
                FileStorage files = FileStorage.open(dataDir(config, size, id), logDir(config, size, id), storage);
                storages.add(files);
                nodes.add(CoordinationNode.start(new CoordinationNode.Settings(id, members,
                    protocol(config, Optional.empty()), network.join(id), files, client, timeouts,
                    config.secret(), tree, replica).withLeadership((leading, term) -> leadership.changed(id, leading)),
                    tools(config, size == 1 ? 0 : id - 1)));
            }
        } catch (RuntimeException e) {
            nodes.forEach(CoordinationNode::close);
            throw e;
        }
        return nodes;
    }

    /** The operator tools of the server {@code offset} places into a local cluster (its admin port moved as far). */
    private static CoordinationNode.Tools tools(ServerConfig config, int offset) {
        AdminConfig admin = config.admin();
        InetSocketAddress http = admin.httpAddress();
        if (admin.httpEnabled() && offset > 0 && http.getPort() != 0) {
            admin = admin.withHttpAddress(new InetSocketAddress(http.getHostString(), http.getPort() + offset));
        }
        return new CoordinationNode.Tools(admin, config.maxClientCnxns(), Map.of("tickTime", config.tickTime()));
    }

    /** Server {@code id}'s data directory: dataDir itself, or dataDir/node-id for a local cluster of several. */
    static Path dataDir(ServerConfig config, int localCluster, int id) {
        return config.isCluster() || localCluster <= 1 ? config.dataDir() : config.dataDir().resolve("node-" + id);
    }

    /** Server {@code id}'s log directory, as {@link #dataDir} places data directories. */
    static Path logDir(ServerConfig config, int localCluster, int id) {
        return config.isCluster() || localCluster <= 1 ? config.dataLogDir() : config.dataLogDir().resolve("node-" + id);
    }

    /**
     * The protocol, with the ensemble's quorum system and limits (see {@link Ensemble} for how
     * initLimit and syncLimit map onto each protocol).
     *
     * @throws IllegalArgumentException naming the key when the protocol refuses a value
     */
    static Protocol protocol(ServerConfig config, Optional<QuorumSystem> quorum) {
        Ensemble e = config.ensemble();
        try {
            if (config.protocol().equals(ServerConfig.MULTI_PAXOS)) {
                MultiPaxos.Builder b = MultiPaxos.builder().electionTicks(2 * e.syncLimit());
                quorum.ifPresent(b::quorum);
                return b.build();
            }
            if (config.protocol().equals(ServerConfig.ZAB)) {
                Zab.Builder b = Zab.builder().initLimit(e.initLimit()).syncLimit(e.syncLimit());
                quorum.ifPresent(b::quorum);
                return b.build();
            }
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("initLimit/syncLimit: " + ex.getMessage(), ex);
        }
        throw new IllegalArgumentException("protocol " + config.protocol() + " is not available in this build");
    }

    private static void warn(String message) {
        System.err.println("synod-coordination: warning: " + message);
    }

    private static Transport tcp(ServerConfig config, Protocol protocol) {
        TcpTransportConfig.Builder b = TcpTransportConfig.builder(config.myId())
            .bindAddress(config.servers().get(config.myId()).getAddress())
            .cluster("synod-coordination", config.secret().getBytes(StandardCharsets.UTF_8))
            .protocol(protocol.name(), WIRE_VERSION)
            .channel(new CodecChannel(SNAPSHOT_CHANNEL, SnapshotTransferMessage.class, new SnapshotTransferCodec()))
            .channel(new CodecChannel(CodecChannel.PROTOCOL, Message.class, protocol.codec()));
        for (Map.Entry<Integer, InetSocketAddress> m : config.servers().entrySet()) {
            b.member(m.getKey(), m.getValue());
        }
        if (config.peerTls() != null) {
            b.tls(config.peerTls());
        }
        return TcpTransport.open(b.build());
    }
}
