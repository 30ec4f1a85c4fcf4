package io.synod.runtime;

import io.synod.api.Command;
import io.synod.api.CoreStatus;
import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Recovered;
import io.synod.api.Snapshot;
import io.synod.api.StateMachine;
import io.synod.spi.HardStateStore;
import io.synod.spi.LogStore;
import io.synod.spi.NodeIdentity;
import io.synod.spi.SnapshotStore;
import io.synod.spi.Storage;
import io.synod.spi.Transport;
import org.agrona.concurrent.AgentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A user's handle on one replica: submit commands, read, close. The replica runs its protocol
 * core on one thread of its own and owns the transport and stores it was built with.
 *
 * <pre>{@code
 * try (Replica replica = Replica.builder()
 *         .protocol(MultiPaxos.builder().build())
 *         .self(1).members(1, 2, 3)
 *         .transport(network.join(1))
 *         .stateMachine(new Counter())
 *         .start()) {
 *     byte[] result = replica.submit(command).join();
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> Every method may be called from any thread. Futures are completed on the
 * replica's thread: callbacks that block would stall the replica, so hand long work to an
 * executor ({@code thenApplyAsync}).
 *
 * <p><b>Failure.</b> A command whose future failed with a timeout may still be applied later;
 * one that succeeded was applied exactly once however often it was retried. If a store fails,
 * the replica stops and fails every pending request.
 */
public final class Replica implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    private final int self;
    private final long clientId;
    private final ReplicaConfig config;
    private final ReplicaAgent agent;
    private final AgentRunner runner;
    private final AutoCloseable[] owned;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong readIds = new AtomicLong();
    private volatile boolean closed;

    private Replica(Builder b) {
        this.self = b.self;
        this.config = b.config;
        this.clientId = b.clientId != 0 ? b.clientId : newClientId(b.self);
        Recovered recovered = b.storage.recover();
        Snapshot snapshot = recovered.snapshot();
        ReplicatedState state = new ReplicatedState(b.stateMachine, config.sessionWindow());
        if (snapshot != null) {
            state.restore(snapshot);
        }
        ProtocolContext context = new ProtocolContext(b.self, b.members, b.observers,
            new SplittableRandom(new SecureRandom().nextLong()), recovered);
        ProtocolCore core = b.protocol.create(context);
        this.owned = new AutoCloseable[] {b.transport, b.storage};
        this.agent = new ReplicaAgent(b.self, clientId, core, b.transport, b.storage, state, config);
        this.runner = new AgentRunner(config.idleStrategy().get(), this::onError, null, agent);
        AgentRunner.startOnThread(runner);
        LOG.info("replica {} started {} with {} log entries after snapshot {}", self, b.protocol.name(),
            recovered.log().size(), snapshot == null ? "none" : snapshot.index());
    }

    /** Starts describing a replica. */
    public static Builder builder() {
        return new Builder();
    }

    /** This replica's node id. */
    public int self() {
        return self;
    }

    /** The client id this handle's commands carry. */
    public long clientId() {
        return clientId;
    }

    /**
     * Orders and applies a command on every replica; completes with the state machine's result
     * as applied on this replica. Blocks only when {@link ReplicaConfig#sessionWindow()} commands
     * of this handle are in flight already.
     */
    public CompletableFuture<byte[]> submit(byte[] command) {
        Objects.requireNonNull(command, "command");
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(closedFailure());
            return future;
        }
        agent.inFlight().acquireUninterruptibly();
        Command c = new Command(clientId, sequence.incrementAndGet(), command);
        agent.enqueue(new ClientRequest.Submit(c, future, deadline()));
        return future;
    }

    /** Answers a query linearizably: it reflects every command completed before the call. */
    public CompletableFuture<byte[]> read(byte[] query) {
        return query(query, true);
    }

    /** Answers a query from this replica's applied state, which may lag the cluster. */
    public CompletableFuture<byte[]> readLocal(byte[] query) {
        return query(query, false);
    }

    /** The protocol core's view of itself, as of the replica thread's last duty cycle. */
    public CoreStatus status() {
        return agent.status();
    }

    /** The index of the last entry applied to the state machine. */
    public long appliedIndex() {
        return agent.appliedIndex();
    }

    /** Stops the replica thread, fails pending requests, closes the transport and stores. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        runner.close();
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("replica {}: closing {} failed", self, c, e);
            }
        }
    }

    private CompletableFuture<byte[]> query(byte[] query, boolean linearizable) {
        Objects.requireNonNull(query, "query");
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(closedFailure());
            return future;
        }
        agent.enqueue(new ClientRequest.Query(readIds.incrementAndGet(), query, linearizable, future, deadline()));
        return future;
    }

    private long deadline() {
        return config.clock().nanoTime() + config.requestTimeout().toNanos();
    }

    private RequestFailedException closedFailure() {
        Throwable failure = agent.failure();
        return new RequestFailedException(RequestFailedException.Cause.CLOSED,
            "replica " + self + (failure == null ? " is closed" : " stopped: " + failure));
    }

    private void onError(Throwable error) {
        LOG.error("replica {} stopped on an error", self, error);
        agent.fail(error);
        closed = true;
    }

    private static long newClientId(int self) {
        return ((long) self << 48) ^ (new SecureRandom().nextLong() & 0xFFFF_FFFF_FFFFL);
    }

    /** Describes a replica; {@link #start()} validates the description and runs it. */
    public static final class Builder {
        private Protocol protocol;
        private int self = -1;
        private int[] members;
        private int[] observers = new int[0];
        private Transport transport;
        private Storage storage;
        private StateMachine stateMachine;
        private ReplicaConfig config = ReplicaConfig.defaults();
        private long clientId;
        private String clusterId = NodeIdentity.DEFAULT_CLUSTER;

        private Builder() {
        }

        public Builder protocol(Protocol value) {
            this.protocol = value;
            return this;
        }

        public Builder self(int value) {
            this.self = value;
            return this;
        }

        public Builder members(int... value) {
            this.members = value.clone();
            return this;
        }

        public Builder observers(int... value) {
            this.observers = value.clone();
            return this;
        }

        public Builder transport(Transport value) {
            this.transport = value;
            return this;
        }

        /** Where the replica persists; it recovers from it at start and closes it at close. */
        public Builder storage(Storage value) {
            this.storage = value;
            return this;
        }

        /** Three separate stores a replica persists into. */
        public Builder storage(LogStore log, HardStateStore hardState, SnapshotStore snapshots) {
            return storage(Storage.of(log, hardState, snapshots));
        }

        public Builder stateMachine(StateMachine value) {
            this.stateMachine = value;
            return this;
        }

        public Builder config(ReplicaConfig value) {
            this.config = value;
            return this;
        }

        /** Fixes the client id of the handle's commands (default: random, unique per start). */
        public Builder clientId(long value) {
            this.clientId = value;
            return this;
        }

        /**
         * Names the cluster this replica belongs to (default {@value NodeIdentity#DEFAULT_CLUSTER}).
         * Storage records it with the node id on first start and refuses another cluster's node
         * later: give each cluster its own id when several share machines or backups.
         */
        public Builder clusterId(String value) {
            this.clusterId = value;
            return this;
        }

        /**
         * Claims the storage for this node and cluster, recovers from it, builds the core and
         * starts the replica thread.
         *
         * @throws io.synod.spi.IdentityMismatchException if the storage belongs to another node or
         *                                                cluster (nothing is written then)
         */
        public Replica start() {
            require(protocol, "protocol");
            require(members, "members");
            require(transport, "transport");
            require(storage, "storage");
            require(stateMachine, "stateMachine");
            require(config, "config");
            if (self < 0) {
                throw new IllegalStateException("self is not set");
            }
            if (transport.self() != self) {
                throw new IllegalStateException("transport belongs to node " + transport.self() + ", not " + self);
            }
            storage.claim(new NodeIdentity(clusterId, self));
            return new Replica(this);
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalStateException(name + " is not set");
            }
        }
    }
}
