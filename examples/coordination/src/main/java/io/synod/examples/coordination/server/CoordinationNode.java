package io.synod.examples.coordination.server;

import io.synod.api.Protocol;
import io.synod.examples.coordination.admin.AdminConfig;
import io.synod.examples.coordination.admin.AdminServer;
import io.synod.examples.coordination.admin.FourLetterWordText;
import io.synod.examples.coordination.admin.FourLetterWords;
import io.synod.examples.coordination.admin.ServerView;
import io.synod.examples.coordination.metrics.ServerMetrics;
import io.synod.examples.coordination.session.SessionPassword;
import io.synod.examples.coordination.tree.Command;
import io.synod.examples.coordination.tree.Op;
import io.synod.examples.coordination.tree.TreeConfig;
import io.synod.runtime.LeadershipListener;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.session.SessionConfig;
import io.synod.spi.Storage;
import io.synod.spi.Transport;
import io.synod.storage.FileStorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One server of the coordination service: a Synod {@link Replica} of the
 * {@link CoordinationStateMachine}, the {@link CoordinationService} on it, and the client port
 * ZooKeeper clients connect to. While it leads, it proposes at each tick the removal of the
 * containers and TTL nodes that are due (each checked again when applied). Operators reach it through the
 * four-letter words on the client port and, if enabled, the admin HTTP endpoint ({@link Tools}).
 */
public final class CoordinationNode implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CoordinationNode.class);

    /** How a node is described; the transport and storage belong to the node once started. */
    public record Settings(int self, int[] members, Protocol protocol, Transport transport, Storage storage,
                           InetSocketAddress clientAddress, CoordinationService.Timeouts timeouts, String clusterSecret,
                           TreeConfig tree, ReplicaConfig replica, int[] observers, LeadershipListener leadership) {

        /** A node of a cluster without observers, nobody listening to leadership. */
        public Settings(int self, int[] members, Protocol protocol, Transport transport, Storage storage,
                        InetSocketAddress clientAddress, CoordinationService.Timeouts timeouts, String clusterSecret,
                        TreeConfig tree, ReplicaConfig replica) {
            this(self, members, protocol, transport, storage, clientAddress, timeouts, clusterSecret, tree, replica,
                new int[0], (leading, term) -> { });
        }

        /** These settings with non-voting members that learn the log and serve clients ({@code self} may be one). */
        public Settings withObservers(int... ids) {
            return new Settings(self, members, protocol, transport, storage, clientAddress, timeouts, clusterSecret, tree,
                replica, ids.clone(), leadership);
        }

        /** These settings with a listener that hears this node start and stop leading, on the replica thread. */
        public Settings withLeadership(LeadershipListener listener) {
            return new Settings(self, members, protocol, transport, storage, clientAddress, timeouts, clusterSecret, tree,
                replica, observers, listener);
        }
    }

    /**
     * The operator tools of a node.
     *
     * @param admin          the four-letter word whitelist and the admin HTTP endpoint
     * @param maxClientCnxns connections per client address (ZooKeeper's maxClientCnxns; 0: no limit)
     * @param conf           settings {@code conf} reports beyond those the node knows (tickTime...), in order
     */
    public record Tools(AdminConfig admin, int maxClientCnxns, Map<String, Object> conf) {
        public Tools {
            conf = Map.copyOf(conf);
        }

        /** Servers started from code: srvr only, no HTTP endpoint, no per-address limit. */
        public static Tools embedded() {
            return new Tools(AdminConfig.embedded(), 0, Map.of());
        }
    }

    /** Ticks a due path waits before it is proposed again (the earlier proposal may have been lost). */
    private static final int REPROPOSE_TICKS = 50;

    private final Replica replica;
    private final CoordinationService service;
    private final ClientPort port;
    private final AdminServer admin;
    private final Transport transport;

    private CoordinationNode(Replica replica, CoordinationService service, ClientPort port, AdminServer admin,
                             Transport transport) {
        this.replica = replica;
        this.transport = transport;
        this.service = service;
        this.port = port;
        this.admin = admin;
    }

    /**
     * Starts the replica, then opens the client port.
     *
     * @throws UncheckedIOException if the client port cannot be opened (the replica is closed again)
     */
    public static CoordinationNode start(Settings s) {
        return start(s, Tools.embedded());
    }

    /**
     * Starts the replica, then opens the client port (answering the whitelisted four-letter words) and, if
     * enabled, the admin HTTP endpoint; a busy admin port is logged and the server runs without it, as with
     * ZooKeeper.
     *
     * @throws UncheckedIOException if the client port cannot be opened (the replica is closed again)
     */
    public static CoordinationNode start(Settings s, Tools tools) {
        CoordinationStateMachine machine = new CoordinationStateMachine(s.tree());
        int min = s.timeouts().minMillis();
        int max = s.timeouts().maxMillis();
        ReplicaConfig config = s.replica().withSessions(SessionConfig.DEFAULTS.withTimeouts(
            Math.max(min, Math.min(max, 30_000)), min, max));
        Map<String, Long> proposedAt = new HashMap<>();
        long[] ticks = {0};
        Replica replica = Replica.builder()
            .protocol(s.protocol())
            .self(s.self())
            .members(s.members())
            .observers(s.observers())
            .onLeadership(s.leadership())
            .transport(s.transport())
            .storage(s.storage())
            .stateMachine(machine)
            .config(config)
            .onLeaderTick(proposer -> {
                long tick = ++ticks[0];
                proposedAt.values().removeIf(at -> tick - at > REPROPOSE_TICKS);
                for (String path : machine.tree().dueForRemoval(proposer.logTime())) {
                    if (proposedAt.putIfAbsent(path, tick) == null) {
                        proposer.propose(CoordinationStateMachine.treeCommand(Command.of(new Op.RemoveExpired(path))));
                    }
                }
            })
            .start();
        CoordinationService service = new CoordinationService(replica, machine, new SessionPassword(s.clusterSecret()),
            s.timeouts());
        ServerMetrics metrics = new ServerMetrics(System.currentTimeMillis());
        ServerView[] view = new ServerView[1];
        RequestHandler handler = new WithFourLetterWords(service,
            new FourLetterWords(tools.admin(), () -> new FourLetterWordText(view[0])));
        ClientPort port;
        try {
            port = ClientPort.open(ClientPortConfig.defaults(s.clientAddress()).withMaxDataBytes(s.tree().maxDataBytes())
                .withMaxClientCnxns(tools.maxClientCnxns()), handler, metrics);
        } catch (IOException e) {
            replica.close();
            throw new UncheckedIOException("could not open the client port " + s.clientAddress() + ": " + e.getMessage(), e);
        }
        view[0] = view(s, tools, replica, service, port, metrics);
        AdminServer admin = null;
        if (tools.admin().httpEnabled()) {
            try {
                admin = AdminServer.open(tools.admin().httpAddress(), view[0]);
            } catch (IOException e) {
                // As ZooKeeper: the admin endpoint is a convenience; a busy port does not keep the server down.
                LOG.warn("could not open the admin server on {}: {}; serving without it (set admin.serverPort, or "
                    + "admin.enableServer=false)", tools.admin().httpAddress(), e.toString());
            }
        }
        return new CoordinationNode(replica, service, port, admin, s.transport());
    }

    private static ServerView view(Settings s, Tools tools, Replica replica, CoordinationService service, ClientPort port,
                                   ServerMetrics metrics) {
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("clientPort", port.address().getPort());
        conf.put("secureClientPort", -1);
        LongSupplier fsyncs = () -> 0;
        LongSupplier fsyncNanos = () -> 0;
        if (s.storage() instanceof FileStorage files) {
            conf.put("dataDir", files.directory().toAbsolutePath());
            fsyncs = files.log()::fsyncCount;
            fsyncNanos = files.log()::fsyncNanos;
        }
        conf.put("maxClientCnxns", tools.maxClientCnxns());
        conf.put("minSessionTimeout", s.timeouts().minMillis());
        conf.put("maxSessionTimeout", s.timeouts().maxMillis());
        conf.put("serverId", s.self());
        conf.put("protocol", s.protocol().name());
        conf.put("jute.maxbuffer", s.tree().maxDataBytes());
        conf.putAll(new java.util.TreeMap<>(tools.conf()));
        // The runtime counts leadership passing as its core reports it, each duty cycle: it moves when the leader
        // does, even when nothing is applied (a count taken from applied entries lagged or missed changes).
        return new ServerView(s.self(), s.members().length, replica::status, port, service.facts(), metrics, conf, fsyncs,
            fsyncNanos, () -> replica.health().leaderChanges());
    }

    /** Where ZooKeeper clients connect (the actual port when 0 was asked for). */
    public InetSocketAddress clientAddress() {
        return port.address();
    }

    public Replica replica() {
        return replica;
    }

    public CoordinationService service() {
        return service;
    }

    /** The transport to the other servers (closed with the replica); for status and tests. */
    public Transport transport() {
        return transport;
    }

    /** What the client port counts. */
    public ServerMetrics metrics() {
        return port.metrics();
    }

    /** Where the admin HTTP endpoint listens, or null when it is off. */
    public InetSocketAddress adminAddress() {
        return admin == null ? null : admin.address();
    }

    /** Closes the client port, then the replica (which closes its transport and storage). */
    @Override
    public void close() {
        try {
            if (admin != null) {
                admin.close();
            }
            port.close();
        } finally {
            replica.close();
        }
    }
}
