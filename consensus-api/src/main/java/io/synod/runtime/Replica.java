package io.synod.runtime;

import io.synod.api.Command;
import io.synod.api.CoreStatus;
import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;
import io.synod.api.StateMachine;
import io.synod.spi.HardStateStore;
import io.synod.spi.LogStore;
import io.synod.spi.NodeIdentity;
import io.synod.spi.SnapshotStore;
import io.synod.spi.Storage;
import io.synod.spi.Transport;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p><b>Exactly once.</b> Each command carries this handle's client id and a sequence number.
 * While the handle retries a command on its own (after a lost message or a leader change, every
 * {@link ReplicaConfig#retryTicks()} ticks until {@link ReplicaConfig#requestTimeout()}), the
 * command is applied at most once, and a command whose future succeeded was applied exactly once.
 * A command whose future failed with {@link RequestFailedException.Cause#TIMEOUT},
 * {@code CLOSED} or {@code STOPPED} may or may not be applied, once at most; submitting it again
 * is a new command, which may then be applied a second time — make such commands idempotent, or
 * read before retrying.
 *
 * <p><b>Failure.</b> If a store, the transport, the core or the state machine fails, or this
 * replica's applied state is found to differ from a majority's, the replica stops for good: it
 * sends nothing more, fails every pending request with {@link RequestFailedException.Cause#STOPPED}
 * and refuses new ones at once, and {@link #health()} says why. {@link #close()} then releases it.
 * A command the state machine refuses ({@link io.synod.api.CommandRejectedException}) fails only
 * its own future, alike on every replica.
 */
public final class Replica implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    private final int self;
    private final long clientId;
    private final ReplicaConfig config;
    private final ReplicaAgent agent;
    private final AgentRunner runner;
    private final AutoCloseable[] owned;
    private final AtomicLong sequence;
    private final AtomicLong readIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Replica(Builder b) {
        this.self = b.self;
        this.config = b.config;
        this.owned = new AutoCloseable[] {b.transport, b.storage};
        Recovered recovered = b.storage.recover();
        SnapshotMeta snapshot = recovered.snapshot();
        ReplicatedState state = new ReplicatedState(b.stateMachine, config.sessionWindow(), config.digestEvery());
        if (snapshot != null) {
            restore(state, b.storage, snapshot);
        }
        this.clientId = b.clientId != null ? b.clientId : newClientId(b.self, state);
        this.sequence = new AtomicLong(b.clientId != null ? firstSequence(state.highestSequence(b.clientId)) : 0);
        ProtocolContext context = new ProtocolContext(b.self, b.members, b.observers,
            new SplittableRandom(new SecureRandom().nextLong()), recovered, new DurableLogView(b.storage.log()));
        ProtocolCore core = b.protocol.create(context);
        this.agent = new ReplicaAgent(b.self, clientId, b.members, b.observers, core, b.protocol.ticksAfterPause(),
            b.transport, b.storage, state, config);
        this.runner = new AgentRunner(config.idleStrategy().get(), this::onError, null, agent);
        AgentRunner.startOnThread(runner);
        LOG.info("replica {} started {} with {} log entries after snapshot {}", self, b.protocol.name(),
            recovered.log().size(), snapshot == null ? "none" : snapshot.index());
    }

    /** Restores the recovered snapshot's stream into {@code state}. */
    private static void restore(ReplicatedState state, Storage storage, SnapshotMeta snapshot) {
        try (InputStream in = storage.snapshots().open(snapshot)) {
            state.restore(snapshot, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + snapshot + " from " + storage.snapshots(), e);
        }
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
     * as applied on this replica. Blocks only while {@link ReplicaConfig#sessionWindow()} commands
     * of this handle are in flight already, never once the replica has stopped or closed: the
     * future then fails at once.
     */
    public CompletableFuture<byte[]> submit(byte[] command) {
        Objects.requireNonNull(command, "command");
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        if (!agent.admit()) {
            future.completeExceptionally(notRunning());
            return future;
        }
        Command c = new Command(clientId, sequence.incrementAndGet(), command);
        agent.enqueue(new ClientRequest.Submit(c, future, deadline()));
        if (!agent.isRunning()) {
            // The replica stopped while this was queued: its thread may never look again.
            future.completeExceptionally(notRunning());
        }
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

    /**
     * The protocol core's view of itself, as of the replica thread's last duty cycle. A replica
     * that stopped or closed reports the role {@code "stopped"} or {@code "closed"} and no leader.
     */
    public CoreStatus status() {
        return agent.status();
    }

    /** Whether the replica runs, why it stopped, and what it counted. */
    public ReplicaHealth health() {
        return agent.health();
    }

    /** The index of the last entry applied to the state machine. */
    public long appliedIndex() {
        return agent.appliedIndex();
    }

    /**
     * Stops the replica thread, fails pending requests, and closes the transport and the storage
     * (releasing the data directory and the node's place on the network), whatever state the
     * replica is in, stopped on an error included. Idempotent. Called from the replica's own
     * thread (a future's callback), it returns at once and the release completes on another thread.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        agent.closing();
        if (runner.thread() == Thread.currentThread()) {
            Thread closer = new Thread(this::release, "synod-replica-" + self + "-close");
            closer.start();
        } else {
            release();
        }
    }

    private void release() {
        try {
            runner.close();
        } finally {
            closeAll(owned, null);
        }
    }

    private CompletableFuture<byte[]> query(byte[] query, boolean linearizable) {
        Objects.requireNonNull(query, "query");
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        if (!agent.isRunning()) {
            future.completeExceptionally(notRunning());
            return future;
        }
        agent.enqueue(new ClientRequest.Query(readIds.incrementAndGet(), query, linearizable, future, deadline()));
        if (!agent.isRunning()) {
            future.completeExceptionally(notRunning());
        }
        return future;
    }

    private long deadline() {
        return config.clock().nanoTime() + config.requestTimeout().toNanos();
    }

    private RequestFailedException notRunning() {
        Throwable failure = agent.failure();
        if (failure != null) {
            return new RequestFailedException(RequestFailedException.Cause.STOPPED, "replica " + self + " stopped: " + failure, failure);
        }
        return new RequestFailedException(RequestFailedException.Cause.CLOSED, "replica " + self + " is closed");
    }

    private void onError(Throwable error) {
        if (!(error instanceof AgentTerminationException)) {
            // The agent logs what stops it; anything else reaching here came from outside a duty cycle.
            LOG.error("replica {}: error outside the duty cycle", self, error);
        }
    }

    /** A random id with the node in the top 16 bits, unknown to the recovered sessions and never the reserved one. */
    private static long newClientId(int self, ReplicatedState state) {
        SecureRandom random = new SecureRandom();
        long id;
        do {
            id = ((long) self << 48) | (random.nextLong() & 0xFFFF_FFFF_FFFFL);
        } while (id == DigestReport.CLIENT_ID || state.highestSequence(id) != 0);
        return id;
    }

    /**
     * Where a handle with a caller-supplied client id starts numbering (the first command gets one
     * more): above every number the recovered state has seen for it, and at the wall clock in
     * nanoseconds, so that a handle started later numbers above an earlier one's commands unless
     * that one issued more than one command per nanosecond. An earlier handle's commands then fall
     * below the new one's session window and are refused as expired, never taken for the new
     * handle's and never answered with their results.
     */
    private static long firstSequence(long highestSeen) {
        Instant now = Instant.now();
        long wallNanos = Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L) + now.getNano();
        return Math.max(highestSeen, wallNanos);
    }

    private static void closeAll(AutoCloseable[] edges, Throwable into) {
        for (AutoCloseable c : edges) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                if (into != null) {
                    into.addSuppressed(e);
                } else {
                    LOG.warn("closing {} failed", c, e);
                }
            }
        }
    }

    /**
     * Describes a replica; {@link #start()} validates the description and runs it. The transport
     * and storage handed to it belong to the replica from then on: it closes them when it closes,
     * and {@code start()} closes them if it refuses to start.
     */
    public static final class Builder {
        private Protocol protocol;
        private int self = -1;
        private int[] members;
        private int[] observers = new int[0];
        private Transport transport;
        private Storage storage;
        private StateMachine stateMachine;
        private ReplicaConfig config = ReplicaConfig.defaults();
        private Long clientId;
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

        /**
         * Fixes the client id of the handle's commands (default: a random id, new at every start).
         * A fixed id may be reused after a restart: the new handle numbers its commands above the
         * old one's (see {@link Replica}), so that none of its commands is mistaken for an old one.
         * Two handles that use one id at once disturb each other — the older one's commands are
         * refused — but neither is ever answered with the other's result.
         */
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
         * Validates the description, claims the storage for this node and cluster, recovers from
         * it, builds the core and starts the replica thread.
         *
         * @throws IllegalStateException    if something is missing, or the transport is another node's
         * @throws IllegalArgumentException if the membership breaks a rule of {@link ProtocolContext}
         *                                  or the client id is reserved
         * @throws io.synod.spi.IdentityMismatchException if the storage belongs to another node or
         *                                  cluster (nothing is written then)
         * @throws RuntimeException         whatever recovery or the protocol refuse; in every case the
         *                                  transport and storage given have been closed
         */
        public Replica start() {
            try {
                validate();
                storage.claim(new NodeIdentity(clusterId, self));
                return new Replica(this);
            } catch (RuntimeException | Error e) {
                closeAll(new AutoCloseable[] {transport, storage}, e);
                throw e;
            }
        }

        private void validate() {
            require(protocol, "protocol");
            require(members, "members");
            require(transport, "transport");
            require(storage, "storage");
            require(stateMachine, "stateMachine");
            require(config, "config");
            if (self < 0) {
                throw new IllegalStateException("self is not set");
            }
            ProtocolContext.checkMembership(self, members, observers);
            if (transport.self() != self) {
                throw new IllegalStateException("transport belongs to node " + transport.self() + ", not " + self);
            }
            if (clientId != null && clientId == DigestReport.CLIENT_ID) {
                throw new IllegalArgumentException("client id " + clientId + " is reserved for the runtime");
            }
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalStateException(name + " is not set");
            }
        }
    }
}
