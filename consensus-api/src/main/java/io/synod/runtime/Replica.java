package io.synod.runtime;

import io.synod.api.Command;
import io.synod.api.CoreStatus;
import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;
import io.synod.api.StateMachine;
import io.synod.runtime.session.SessionConfig;
import io.synod.runtime.session.SystemCommand;
import io.synod.spi.HardStateStore;
import io.synod.spi.LogStore;
import io.synod.spi.NodeIdentity;
import io.synod.spi.SnapshotStore;
import io.synod.spi.Storage;
import io.synod.spi.Transport;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
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
 * <p><b>Exactly once.</b> Each command runs in a replicated session and carries its sequence
 * number: the handle's own commands in a session it opens at its first command, a caller's in a
 * session from {@link #openSession}. While the handle retries a command on its own (after a lost
 * message or a leader change, every {@link ReplicaConfig#retryTicks()} ticks until
 * {@link ReplicaConfig#requestTimeout()}), the command is applied at most once, and a command whose
 * future succeeded was applied exactly once. A caller that retries a session's command under the
 * same number, through any replica, within the session's life and window, gets the first outcome.
 * A command whose future failed with {@link RequestFailedException.Cause#TIMEOUT}, {@code CLOSED},
 * {@code STOPPED} or {@code SESSION_EXPIRED} may or may not be applied, once at most; submitting
 * it again under a new number is a new command, which may then be applied a second time — make
 * such commands idempotent, or read before retrying.
 *
 * <p><b>Listeners.</b> {@link #onApplied}, {@link #onLeadership} and {@link #onLeaderTick} (or the
 * builder's, registered before the replica starts) run on the replica thread and must not block.
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
    private final ReplicaConfig config;
    private final ReplicaAgent agent;
    private final AgentRunner runner;
    /** Ends the replica thread's park: the runner's close waits for the thread to look. */
    private final Runnable wake;
    private final AutoCloseable[] owned;
    private final AtomicLong readIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Replica(Builder b) {
        this.self = b.self;
        this.config = b.config;
        this.owned = new AutoCloseable[] {b.transport, b.storage};
        Recovered recovered = b.storage.recover();
        SnapshotMeta snapshot = recovered.snapshot();
        ReplicatedState state = new ReplicatedState(b.stateMachine, config.digestEvery());
        if (snapshot != null) {
            restore(state, b.storage, snapshot);
        }
        state.replayThrough(recovered.lastIndex());
        SecureRandom seeds = new SecureRandom();
        DurableLogView view = new DurableLogView(b.storage.log());
        ProtocolContext context = new ProtocolContext(b.self, b.members, b.observers,
            new SplittableRandom(seeds.nextLong()), recovered, config.wallClock(), view);
        ProtocolCore core = b.protocol.create(context);
        this.agent = new ReplicaAgent(b.self, b.members, b.observers, core, b.protocol.ticksAfterPause(),
            b.transport, b.storage, view, state, config, new SplittableRandom(seeds.nextLong()));
        // Registered before the thread starts, so that they hear everything, replayed entries included.
        b.appliedListeners.forEach(agent.listeners()::add);
        b.leadershipListeners.forEach(agent.listeners()::add);
        b.leaderTicks.forEach(agent.listeners()::add);
        IdleStrategy idle = config.idleStrategy().get();
        if (idle instanceof TickBoundIdleStrategy bounded) {
            bounded.boundBy(agent::nanosToNextTick);
            this.wake = bounded::wake;
        } else {
            this.wake = () -> { };
        }
        this.runner = new AgentRunner(idle, this::onError, null, agent);
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

    /**
     * The session this handle's own commands run in, or 0 before the first {@link #submit(byte[])}
     * opened it (and after it expired, until the next one opens another).
     */
    public long clientId() {
        return agent.ownSession();
    }

    /**
     * Orders and applies a command on every replica, in this handle's own session; completes with
     * the state machine's result as applied on this replica. The first command opens the session
     * through the log (one more round). Blocks only while {@link ReplicaConfig#sessionWindow()}
     * commands of this handle are in flight already, never once the replica has stopped or
     * closed: the future then fails at once.
     */
    public CompletableFuture<byte[]> submit(byte[] command) {
        Objects.requireNonNull(command, "command");
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        if (!agent.admit()) {
            future.completeExceptionally(notRunning());
            return future;
        }
        return send(new ClientRequest.Submit(null, command, future, null, deadline()), future);
    }

    /**
     * Orders and applies a command of a caller's session (see {@link #openSession}): completes
     * with the result and where it was applied. Retried by this replica under the same number
     * until it is answered or {@link ReplicaConfig#requestTimeout()} passes; a retry of a command
     * applied before — through this replica or another — is answered with the first outcome.
     * Numbers must grow, from 1 and by one for a FIFO session.
     */
    public CompletableFuture<Applied> submit(long sessionId, long sequence, byte[] command) {
        return submit(sessionId, sequence, 0, command);
    }

    /**
     * As {@link #submit(long, long, byte[])}, acknowledging the answers of every number up to
     * {@code ackedThrough}: the replicas drop those results and refuse those numbers from now on.
     *
     * @throws IllegalArgumentException if {@code sessionId} is a reserved id or the numbers are out of range
     */
    public CompletableFuture<Applied> submit(long sessionId, long sequence, long ackedThrough, byte[] command) {
        Objects.requireNonNull(command, "command");
        if (SystemCommand.isReserved(sessionId) || sessionId == Command.NO_SESSION) {
            throw new IllegalArgumentException("session id " + sessionId + " is reserved for the runtime");
        }
        Command c = new Command(sessionId, sequence, ackedThrough, command);
        CompletableFuture<Applied> future = new CompletableFuture<>();
        return send(new ClientRequest.Submit(c, command, null, future, deadline()), future);
    }

    /**
     * Opens a session through the log; completes once it is open, with its id and the timeout the
     * replicated rules granted. The session lives while its client stays active: a command or a
     * {@link #touch} renews it; one silent for its timeout of log time expires, at the same point
     * of the log on every replica.
     *
     * @param timeout the timeout asked for (zero: the rules' default), bounded by the rules
     */
    public CompletableFuture<Session> openSession(Duration timeout) {
        return openSession(timeout, false);
    }

    /**
     * As {@link #openSession(Duration)}; a {@code fifo} session applies its commands in sequence
     * order from 1, holding a command back until every lower number applied (ZooKeeper's per-client
     * order), so that pipelined commands that reach the leader out of order still apply in order.
     */
    public CompletableFuture<Session> openSession(Duration timeout, boolean fifo) {
        Objects.requireNonNull(timeout, "timeout");
        CompletableFuture<Session> future = new CompletableFuture<>();
        return send(new ClientRequest.SessionChange(ClientRequest.SessionChange.Kind.OPEN, timeout.toMillis(), fifo, 0, null,
            future, deadline()), future);
    }

    /**
     * Closes a session through the log; completes once it is closed (or was not open). The state
     * machine hears {@link io.synod.api.StateMachine#onSessionExpired} at that point, and the
     * session's commands still waiting fail with {@link RequestFailedException.Cause#SESSION_EXPIRED}.
     */
    public CompletableFuture<Void> closeSession(long sessionId) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        return send(new ClientRequest.SessionChange(ClientRequest.SessionChange.Kind.CLOSE, 0, false, sessionId, null,
            future, deadline()), future);
    }

    /**
     * Says a session's client is alive (a ping). Cheap and never blocking: this replica renews
     * the sessions touched at its next tick, in one command, and each at most every third of its
     * timeout. Ignored for a session that is not open, and once the replica stopped.
     */
    public void touch(long sessionId) {
        if (agent.isRunning()) {
            agent.enqueue(new ClientRequest.Touch(sessionId));
        }
    }

    /**
     * Replaces the replicated session rules (result window, timeout bounds) through the log;
     * completes once they apply on this replica. Sessions keep the timeouts they were granted.
     */
    public CompletableFuture<Void> configureSessions(SessionConfig rules) {
        Objects.requireNonNull(rules, "rules");
        CompletableFuture<Void> future = new CompletableFuture<>();
        return send(new ClientRequest.SessionChange(ClientRequest.SessionChange.Kind.CONFIGURE, 0, false, 0, rules,
            future, deadline()), future);
    }

    /** Answers a query linearizably: it reflects every command completed before the call. */
    public CompletableFuture<byte[]> read(byte[] query) {
        return query(query, ClientRequest.Query.Mode.LINEARIZABLE, 0);
    }

    /** Answers a query from this replica's applied state, which may lag the cluster. */
    public CompletableFuture<byte[]> readLocal(byte[] query) {
        return query(query, ClientRequest.Query.Mode.LOCAL, 0);
    }

    /**
     * Answers a query from this replica's applied state once it has applied at least
     * {@code minIndex}: a client that saw index {@code i} anywhere (an {@link Applied#index()}, a
     * {@link #sync()}) never sees older state here (ZooKeeper's promise on reconnecting). Fails
     * with a timeout if this replica does not get there within {@link ReplicaConfig#requestTimeout()}.
     */
    public CompletableFuture<byte[]> readLocal(long minIndex, byte[] query) {
        return query(query, ClientRequest.Query.Mode.LOCAL_AT_LEAST, minIndex);
    }

    /**
     * A linearizable barrier: completes with an index this replica has applied that covers every
     * write acknowledged anywhere before the call (a read index confirmed through the protocol
     * core, then waited for locally). A {@link #readLocal(byte[])} after it is as fresh as a
     * linearizable read; ZooKeeper's {@code sync}.
     */
    public CompletableFuture<Long> sync() {
        CompletableFuture<Long> future = new CompletableFuture<>();
        return send(new ClientRequest.Query(readIds.incrementAndGet(), null, ClientRequest.Query.Mode.SYNC, 0, future,
            deadline()), future);
    }

    /**
     * Hears every command this replica applies, on the replica thread (see {@link AppliedListener});
     * the returned registration removes it.
     */
    public Registration onApplied(AppliedListener listener) {
        return agent.listeners().add(listener);
    }

    /** Hears this replica become leader and stop leading, on the replica thread (see {@link LeadershipListener}). */
    public Registration onLeadership(LeadershipListener listener) {
        return agent.listeners().add(listener);
    }

    /** Called at every tick while this replica leads, on the replica thread (see {@link LeaderTick}). */
    public Registration onLeaderTick(LeaderTick listener) {
        return agent.listeners().add(listener);
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
        wake.run(); // a replica parked until its next tick would hold the runner's close that long
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

    private CompletableFuture<byte[]> query(byte[] query, ClientRequest.Query.Mode mode, long minIndex) {
        Objects.requireNonNull(query, "query");
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        return send(new ClientRequest.Query(readIds.incrementAndGet(), query, mode, minIndex, future, deadline()), future);
    }

    /** Hands a request to the replica thread, or fails its future at once if the replica no longer runs. */
    private <T> CompletableFuture<T> send(ClientRequest request, CompletableFuture<T> future) {
        if (!agent.isRunning()) {
            future.completeExceptionally(notRunning());
            return future;
        }
        agent.enqueue(request);
        if (!agent.isRunning()) {
            // The replica stopped while this was queued: its thread may never look again.
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
        private String clusterId = NodeIdentity.DEFAULT_CLUSTER;
        private final java.util.List<AppliedListener> appliedListeners = new java.util.ArrayList<>();
        private final java.util.List<LeadershipListener> leadershipListeners = new java.util.ArrayList<>();
        private final java.util.List<LeaderTick> leaderTicks = new java.util.ArrayList<>();

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

        /**
         * Registers an applied listener before the replica's thread starts, so that it hears every
         * applied command, the entries replayed at start included (see {@link Replica#onApplied}).
         */
        public Builder onApplied(AppliedListener listener) {
            appliedListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Registers a leadership listener before the replica's thread starts (see {@link Replica#onLeadership}). */
        public Builder onLeadership(LeadershipListener listener) {
            leadershipListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Registers a leader tick before the replica's thread starts (see {@link Replica#onLeaderTick}). */
        public Builder onLeaderTick(LeaderTick listener) {
            leaderTicks.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder config(ReplicaConfig value) {
            this.config = value;
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
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalStateException(name + " is not set");
            }
        }
    }
}
