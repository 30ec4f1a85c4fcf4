package io.synod.examples.coordination.server;

import io.synod.api.Protocol;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * One server of the coordination service: a Synod {@link Replica} of the
 * {@link CoordinationStateMachine}, the {@link CoordinationService} on it, and the client port
 * ZooKeeper clients connect to. While it leads, it proposes at each tick the removal of the
 * containers and TTL nodes that are due (each checked again when applied).
 */
public final class CoordinationNode implements AutoCloseable {

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

    /** Ticks a due path waits before it is proposed again (the earlier proposal may have been lost). */
    private static final int REPROPOSE_TICKS = 50;

    private final Replica replica;
    private final CoordinationService service;
    private final ClientPort port;

    private CoordinationNode(Replica replica, CoordinationService service, ClientPort port) {
        this.replica = replica;
        this.service = service;
        this.port = port;
    }

    /**
     * Starts the replica, then opens the client port.
     *
     * @throws UncheckedIOException if the client port cannot be opened (the replica is closed again)
     */
    public static CoordinationNode start(Settings s) {
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
        try {
            ClientPort port = ClientPort.open(ClientPortConfig.defaults(s.clientAddress())
                .withMaxDataBytes(s.tree().maxDataBytes()), service);
            return new CoordinationNode(replica, service, port);
        } catch (IOException e) {
            replica.close();
            throw new UncheckedIOException("could not open the client port " + s.clientAddress() + ": " + e.getMessage(), e);
        }
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

    /** Closes the client port, then the replica (which closes its transport and storage). */
    @Override
    public void close() {
        try {
            port.close();
        } finally {
            replica.close();
        }
    }
}
