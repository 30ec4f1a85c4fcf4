package io.synod.examples.node;

import io.synod.api.CoreStatus;
import io.synod.api.Message;
import io.synod.api.Protocol;
import io.synod.examples.kv.KeyValueStore;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.ReplicaHealth;
import io.synod.runtime.RequestFailedException;
import io.synod.runtime.snapshot.SnapshotTransferCodec;
import io.synod.runtime.snapshot.SnapshotTransferMessage;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import io.synod.transport.tcp.CodecChannel;
import io.synod.transport.tcp.TcpTransport;
import io.synod.transport.tcp.TcpTransportConfig;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One replica assembled from a {@link NodeConfig}: its data directory ({@link FileStorage}), its
 * peers ({@link TcpTransport}), the replicated key-value store, and the client port that serves
 * it. {@link SynodNode} runs one per process; tests may run one in their own JVM.
 *
 * <p><b>Lifecycle.</b> {@link #start} opens the storage (taking the directory's lock), binds the
 * peer and client ports and starts the replica; if any step fails, what the earlier ones took is
 * released. {@link #close} stops the client port first, so that no request arrives at a closing
 * replica, then closes the replica, which closes its transport and storage.
 */
public final class Node implements AutoCloseable {

    /** The frames of the runtime's snapshot transfers; the protocol's are {@link CodecChannel#PROTOCOL}. */
    static final int SNAPSHOT_CHANNEL = 2;

    /** Extra wait beyond the replica's own request timeout, after which the client port gives up. */
    private static final long ANSWER_GRACE_MILLIS = 5_000;

    private final NodeConfig config;
    private final TcpTransport transport;
    private final Replica replica;
    private final ClientPort clients;

    private Node(NodeConfig config, TcpTransport transport, Replica replica) {
        this.config = config;
        this.transport = transport;
        this.replica = replica;
        try {
            this.clients = ClientPort.open(config.clientPort(), this::answer, "synod-node-" + config.nodeId());
        } catch (RuntimeException e) {
            replica.close();
            throw e;
        }
    }

    /**
     * Starts the node.
     *
     * @throws RuntimeException whatever refused it — a port in use, a data directory of another
     *                          node or cluster, a corrupt log — with nothing left open
     */
    public static Node start(NodeConfig config) {
        Protocol protocol = config.protocol().create();
        StorageOptions storageOptions = StorageOptions.builder().segmentSize(config.segmentBytes()).build();
        FileStorage storage = FileStorage.open(config.dataDir(), storageOptions);
        TcpTransport transport;
        try {
            transport = TcpTransport.open(transportConfig(config, protocol));
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        ReplicaConfig replicaConfig = ReplicaConfig.defaults()
            .withTickInterval(config.tick())
            .withRequestTimeout(config.requestTimeout())
            .withSnapshotEvery(config.snapshotEvery())
            .withLogRetention(config.logRetention());
        Replica replica = Replica.builder()
            .protocol(protocol)
            .self(config.nodeId())
            .members(config.memberIds())
            .transport(transport)
            .storage(storage)
            .stateMachine(new DigestedStore())
            .config(replicaConfig)
            .clusterId(config.clusterId())
            .start();
        return new Node(config, transport, replica);
    }

    private static TcpTransportConfig transportConfig(NodeConfig config, Protocol protocol) {
        TcpTransportConfig.Builder b = TcpTransportConfig.builder(config.nodeId())
            .bindAddress(config.bindAddress())
            .cluster(config.clusterId(), config.secret())
            .protocol(protocol.name(), ProtocolChoice.WIRE_VERSION)
            // The runtime streams snapshots to lagging peers in messages of its own: a channel of their own, first.
            .channel(new CodecChannel(SNAPSHOT_CHANNEL, SnapshotTransferMessage.class, new SnapshotTransferCodec()))
            .channel(new CodecChannel(CodecChannel.PROTOCOL, Message.class, protocol.codec()))
            .maxFrameLength(config.maxFrameBytes());
        for (Map.Entry<Integer, InetSocketAddress> m : config.members().entrySet()) {
            b.member(m.getKey(), m.getValue());
        }
        config.tls().ifPresent(b::tls);
        return b.build();
    }

    public NodeConfig config() {
        return config;
    }

    /** Where clients connect (127.0.0.1). */
    public int clientPort() {
        return clients.port();
    }

    /** Where peers connect. */
    public InetSocketAddress peerAddress() {
        return transport.localAddress();
    }

    /** Whether the replica runs, and why it stopped if it did. */
    public ReplicaHealth health() {
        return replica.health();
    }

    @Override
    public void close() {
        try {
            clients.close();
        } finally {
            replica.close();
        }
    }

    /** Serves one request line. */
    String answer(String line) {
        ClientCommand command;
        try {
            command = ClientCommand.parse(line);
        } catch (ClientCommand.BadRequestException e) {
            return "ERR BAD_REQUEST " + e.getMessage();
        }
        if (command instanceof ClientCommand.Put c) {
            return await(replica.submit(KeyValueStore.put(c.key(), c.value())));
        } else if (command instanceof ClientCommand.Delete c) {
            return await(replica.submit(KeyValueStore.delete(c.key())));
        } else if (command instanceof ClientCommand.Get c) {
            return await(replica.read(KeyValueStore.get(c.key())));
        } else if (command instanceof ClientCommand.LocalGet c) {
            return await(replica.readLocal(KeyValueStore.get(c.key())));
        } else if (command instanceof ClientCommand.Digest) {
            return await(replica.readLocal(DigestedStore.DIGEST_QUERY));
        } else if (command instanceof ClientCommand.Status) {
            return status();
        } else if (command instanceof ClientCommand.Block c) {
            return partition(c.peer(), true);
        } else if (command instanceof ClientCommand.Unblock c) {
            return partition(c.peer(), false);
        }
        throw new IllegalStateException("unhandled request " + command);
    }

    private String await(CompletableFuture<byte[]> future) {
        try {
            byte[] answer = future.get(config.requestTimeout().toMillis() + ANSWER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            return "OK " + KeyValueStore.text(answer);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RequestFailedException failed) {
                return "ERR " + failed.failure() + " " + failed.getMessage();
            }
            return "ERR FAILED " + cause;
        } catch (TimeoutException e) {
            return "ERR TIMEOUT no answer within " + (config.requestTimeout().toMillis() + ANSWER_GRACE_MILLIS) + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "ERR CLOSED the node is stopping";
        }
    }

    private String status() {
        CoreStatus s = replica.status();
        ReplicaHealth h = replica.health();
        return "OK node=" + s.self() + " state=" + h.state() + " role=" + s.role() + " leader=" + s.leader()
            + " term=" + s.term() + " commit=" + s.commitIndex() + " applied=" + replica.appliedIndex()
            + " leaderChanges=" + h.leaderChanges();
    }

    private String partition(int peer, boolean block) {
        if (!config.adminCommands()) {
            return "ERR NOT_ALLOWED BLOCK and UNBLOCK need " + NodeConfig.CLIENT_ADMIN + "=true";
        }
        if (peer == config.nodeId() || !config.members().containsKey(peer)) {
            return "ERR BAD_REQUEST node " + peer + " is not a peer of node " + config.nodeId() + "; members are "
                + config.members().keySet();
        }
        if (block) {
            transport.block(peer);
        } else {
            transport.unblock(peer);
        }
        return "OK";
    }
}
