package io.synod.runtime;

import io.synod.api.ApplyContext;
import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.runtime.session.SessionUpkeep;
import io.synod.runtime.session.SystemCommand;
import io.synod.runtime.snapshot.SnapshotTransfers;
import io.synod.spi.LogStore;
import io.synod.spi.Storage;
import io.synod.spi.Transport;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.random.RandomGenerator;

/**
 * The replica's duty cycle: the one place where a protocol core meets threads, clocks, disks and
 * the network. Each cycle it turns elapsed time into ticks, takes arrived messages, takes client
 * requests, and carries out every {@link Ready} the core produces in the order that type
 * prescribes: send the early messages, persist with one sync, then send the rest, apply, answer.
 * The sync runs on a {@link Persister} (on this thread, or in the background), the rest through a
 * {@link ReadyPipeline}, which keeps that order while the cycle goes on during an fsync; client
 * requests are taken only while no batch persists, so they gather into the next one.
 *
 * <p><b>Time first.</b> Ticks come before any message or request, so that a lease the core holds
 * has run out before a read could be served from it; after a pause every elapsed tick is
 * delivered, up to {@link io.synod.api.Protocol#ticksAfterPause()} (at least
 * {@value #MIN_CATCH_UP_TICKS}), so that no lease outlives a pause longer than itself.
 *
 * <p><b>Sessions and listeners.</b> At each tick the replica's {@link SessionUpkeep} proposes the
 * session renewals due (and, while it leads, the time and the initial session rules), the
 * handle's own session is kept alive, and the leader-tick listeners run; after each duty cycle
 * the leadership listeners hear a change; after each applied command the applied listeners hear it.
 *
 * <p><b>Fail-stop.</b> Any exception from a store, the transport, the core, the state machine or a
 * listener (other than a command the state machine rejects, or a message the core refuses) stops the
 * replica for good: the cycle that met it carries out nothing more, the agent terminates, every
 * pending request fails with the cause, and {@link #health()} says why. A batch whose persist
 * failed is never followed by a message.
 *
 * <p><b>Snapshots.</b> When its {@link SnapshotCadence} says so, it takes a consistent view of the
 * replicated state on this thread and hands it to a
 * {@link io.synod.runtime.snapshot.BackgroundSnapshotWriter}; it goes on applying meanwhile, and
 * once the snapshot is durable compacts the log, keeping {@link ReplicaConfig#logRetention()}
 * entries below it, and tells the core (all this through its {@link LogCompaction}). Snapshots a
 * core asks to send travel through {@link SnapshotTransfers}, which also installs the ones peers
 * stream here.
 *
 * <p><b>Edges.</b> Arrived messages come in through a {@link PeerAdapter}, client requests through
 * a {@link ClientAdapter}; this replica's digests go out, and the others' are judged, through a
 * {@link DigestAudit}.
 */
final class ReplicaAgent implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaAgent.class);
    /** After a pause at least this many ticks are delivered at once (if that many elapsed). */
    static final long MIN_CATCH_UP_TICKS = 8;

    private final int self;
    private final ProtocolCore core;
    private final Transport transport;
    private final ReplicatedState state;
    private final ReplicaConfig config;
    private final long tickNanos;
    private final long catchUpTicks;
    private final DigestAudit audit;
    /** Rung by arrived messages, client requests, and the end of a persist or a snapshot's write. */
    private final Doorbell doorbell = new Doorbell();
    private final Admission admission;
    private final PendingRequests pending;
    private final SessionUpkeep upkeep;
    private final ClientAdapter clients;
    private final Listeners listeners = new Listeners();
    private final LeaderProposer proposer = new LeaderProposer();
    private final Outcomes outcomes = new Outcomes();
    private final ReadyPipeline pipeline;
    private final LogCompaction compaction;
    private final SnapshotTransfers transfers;
    private final PeerAdapter peers;

    private long ticks;
    private long nextTickNanos;
    private int lastKnownLeader = CoreStatus.NO_LEADER;
    private volatile CoreStatus status;
    private volatile ReplicaHealth.State lifecycle = ReplicaHealth.State.RUNNING;
    private volatile Throwable failure;
    // Written by the replica thread only; read by any.
    private volatile long leaderChanges;

    ReplicaAgent(int self, int[] members, int[] observers, ProtocolCore core, long ticksAfterPause,
                 Transport transport, Storage storage, DurableLogView view, ReplicatedState state, ReplicaConfig config,
                 RandomGenerator nonces) {
        this.self = self;
        this.core = core;
        this.transport = transport;
        this.state = state;
        this.config = config;
        this.tickNanos = config.tickInterval().toNanos();
        this.catchUpTicks = Math.max(MIN_CATCH_UP_TICKS, ticksAfterPause);
        this.audit = new DigestAudit(self, members, core, state, config.retryTicks());
        this.admission = new Admission(config.sessionWindow());
        this.upkeep = new SessionUpkeep(self, nonces, config.sessions());
        this.pending = new PendingRequests(core, state, config, admission, upkeep);
        this.clients = new ClientAdapter(doorbell, pending);
        this.status = core.status();
        LogStore log = storage.log();
        Persister persister = config.persistInBackground()
            ? new BackgroundPersister("synod-persist-" + self, log, storage.hardState(), doorbell::ring)
            : new InlinePersister(log, storage.hardState());
        this.pipeline = new ReadyPipeline(persister, new Hands(), log.lastIndex());
        this.compaction = new LogCompaction(self, core, state, storage, config, pipeline, audit, pending, doorbell::ring);
        this.transfers = new SnapshotTransfers(self, storage.snapshots(), config.snapshotTransfer(), state::appliedIndex,
            compaction::install, core::snapshotSent, transport::send, nonces.nextLong() & Long.MAX_VALUE);
        this.peers = new PeerAdapter(self, members, observers, transport, core, transfers, this::settle);
        view.beforeRead(pipeline::persistAll);
        transport.onArrival(doorbell::ring);
    }

    @Override
    public String roleName() {
        return "synod-replica-" + self;
    }

    @Override
    public void onStart() {
        nextTickNanos = config.clock().nanoTime() + tickNanos;
    }

    @Override
    public int doWork() {
        try {
            int work = advanceTime();
            work += peers.poll();
            // Once more: the poll may have taken a while, and requests must meet the time as it is.
            work += advanceTime();
            // While a batch persists, requests wait for the next one, as they would if this thread
            // were held by the fsync; messages and ticks are still taken.
            if (!pipeline.persisting()) {
                work += clients.take(ticks);
            } else {
                clients.hold();
                if (work == 0) {
                    doorbell.idle(); // a message or the persist's end rings it; requests wait
                }
            }
            work += compaction.snapshotWritten();
            if (work == 0) {
                // The doorbell is armed (no request was found): an arrival from now on rings it,
                // and one since the poll above is found by this one, so none waits out a park.
                work += peers.poll();
            }
            // What the messages caused is carried out only now, with what the requests caused, in one
            // Ready: the COMMITs and the new proposals leave together, and the batch is persisted with
            // one sync. Carrying it out first answers a committed command one fsync sooner, but on the
            // coordination service it cost 4-9% more processor time per write, in more and smaller
            // batches and more writes to peers (benchmarks-zookeeper/README.md).
            work += carryOutAll();
            if (work > 0) {
                audit.reportDigest(ticks);
                compaction.maybeSnapshot();
                publishStatus();
            }
            return work;
        } catch (Throwable error) {
            stop(error);
            throw new AgentTerminationException(error);
        }
    }

    @Override
    public void onClose() {
        if (lifecycle == ReplicaHealth.State.RUNNING) {
            lifecycle = ReplicaHealth.State.CLOSED;
        }
        tellStopped();
        failAll(new RequestFailedException(RequestFailedException.Cause.CLOSED, "replica " + self + " closed"));
        admission.shut();
        transfers.close();
        compaction.close();
        pipeline.close();
    }

    // ---- what the user's threads call ----

    /** Hands a request to the replica thread. */
    void enqueue(ClientRequest request) {
        clients.enqueue(request);
    }

    /** Waits for room in the window of commands in flight; false if the replica no longer runs. */
    boolean admit() {
        return lifecycle == ReplicaHealth.State.RUNNING && admission.enter() && lifecycle == ReplicaHealth.State.RUNNING;
    }

    /** True while requests are taken. */
    boolean isRunning() {
        return lifecycle == ReplicaHealth.State.RUNNING;
    }

    /** The owner closes the replica: from now on requests are refused. */
    void closing() {
        lifecycle = ReplicaHealth.State.CLOSED;
        admission.shut();
    }

    CoreStatus status() {
        CoreStatus s = status;
        ReplicaHealth.State l = lifecycle;
        if (l == ReplicaHealth.State.RUNNING) {
            return s;
        }
        // A replica that no longer runs leads nobody and follows nobody.
        return new CoreStatus(self, l == ReplicaHealth.State.STOPPED ? "stopped" : "closed", CoreStatus.NO_LEADER,
            s.term(), s.commitIndex());
    }

    ReplicaHealth health() {
        return new ReplicaHealth(lifecycle, failure, peers.invalidMessages(), audit.digestsCompared(), audit.divergences(),
            leaderChanges);
    }

    Throwable failure() {
        return failure;
    }

    long appliedIndex() {
        return state.appliedIndex();
    }

    /** The handle's own session, 0 while none is open. */
    long ownSession() {
        return pending.ownSession();
    }

    Listeners listeners() {
        return listeners;
    }

    // ---- fail-stop ----

    private void stop(Throwable cause) {
        if (failure != null) {
            return;
        }
        failure = cause;
        if (lifecycle == ReplicaHealth.State.RUNNING) {
            lifecycle = ReplicaHealth.State.STOPPED;
        }
        LOG.error("replica {} stopped for good: {}", self, cause.toString(), cause);
        failAll(new RequestFailedException(RequestFailedException.Cause.STOPPED, "replica " + self + " stopped: " + cause, cause));
        admission.shut();
        tellStopped();
    }

    private void tellStopped() {
        try {
            listeners.stopped();
        } catch (RuntimeException e) {
            LOG.warn("replica {}: a leadership listener failed on stopping", self, e);
        }
    }

    /** The time left to the next tick; the replica thread's parks end by then ({@link TickBoundIdleStrategy}). */
    long nanosToNextTick() {
        return nextTickNanos - config.clock().nanoTime();
    }

    // ---- the duty cycle's steps ----

    private int advanceTime() {
        long now = config.clock().nanoTime();
        if (now - nextTickNanos < 0) {
            return 0;
        }
        long elapsed = (now - nextTickNanos) / tickNanos + 1;
        long deliver = Math.min(elapsed, catchUpTicks);
        for (long i = 0; i < deliver; i++) {
            ticks++;
            core.tick();
            transfers.tick();
        }
        if (deliver < elapsed) {
            LOG.debug("replica {} resumed after {} ticks; delivered {}", self, elapsed, deliver);
        }
        nextTickNanos += elapsed * tickNanos;
        pending.retryAndExpire(now, ticks);
        audit.retry(ticks);
        boolean leading = core.status().isLeader();
        upkeep.tick(now / 1_000_000, leading, state.sessions(), core::propose);
        if (leading && listeners.leading()) {
            listeners.tick(proposer);
        }
        return (int) Math.min(deliver, Integer.MAX_VALUE);
    }

    /** Cuts every Ready the core has and carries out what the pipeline lets through; returns how much. */
    private int carryOutAll() {
        int n = 0;
        while (core.hasReady()) {
            pipeline.add(core.ready(), core.status());
            n++;
            n += pipeline.advance();
        }
        return n + pipeline.advance();
    }

    /** Carries out, and makes durable, every Ready the core has cut so far (before a snapshot chunk may install). */
    private void settle() {
        carryOutAll();
        pipeline.drain();
    }

    private void sendSnapshot(int peer) {
        try {
            transfers.send(peer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the snapshot to send to node " + peer, e);
        }
    }

    private void publishStatus() {
        // While Readys wait in the pipeline, the status of the last one carried out: a role or a
        // commit index is reported once what it rests on is durable and applied, as when a Ready
        // was carried out before the core was fed again.
        CoreStatus s = pipeline.isEmpty() ? core.status() : pipeline.carriedOutStatus();
        if (s == null) {
            return;
        }
        if (s.leader() != CoreStatus.NO_LEADER && s.leader() != lastKnownLeader) {
            if (lastKnownLeader != CoreStatus.NO_LEADER) {
                leaderChanges++;
                pending.leaderChanged(ticks);
            }
            lastKnownLeader = s.leader();
        }
        status = s;
        listeners.status(s);
    }

    private void failAll(RequestFailedException cause) {
        pending.failAll(cause);
        clients.failQueued(cause);
    }

    /** What carrying out a Ready does here. */
    private final class Hands implements ReadyPipeline.Hands {

        @Override
        public void send(Envelope envelope) {
            transport.send(envelope);
        }

        @Override
        public void sendSnapshot(int peer) {
            ReplicaAgent.this.sendSnapshot(peer);
        }

        @Override
        public void apply(LogEntry entry) {
            state.apply(entry, outcomes);
            pending.completeApplied();
            compaction.applied(entry.index(), entry.data().length);
        }

        @Override
        public void afterApplying() {
            upkeep.entryApplied(config.clock().nanoTime() / 1_000_000);
        }

        @Override
        public void answer(ClientReply reply) {
            pending.answer(reply, ticks);
        }

        @Override
        public void serveReads() {
            pending.serveReadsUpTo(state.appliedIndex());
        }
    }

    /** What {@link ReplicatedState} reports about each command it meets: outcomes for the clients and listeners, reports for the check. */
    private final class Outcomes implements ReplicatedState.ResultListener {

        @Override
        public void onApplied(ApplyContext ctx, Command command, byte[] result) {
            pending.onApplied(ctx, command, result);
            if (listeners.hearApplied() && !SystemCommand.isReserved(command.clientId())) {
                listeners.applied(ctx, command.payload(), result);
            }
        }

        @Override
        public void onRetry(Command command, byte[] result, boolean refused, long index, int position) {
            pending.onRetry(command, result, refused, index, position);
        }

        @Override
        public void onRefused(ApplyContext ctx, Command command, ReplicatedState.Refusal refusal, String reason) {
            pending.onRefused(command, refusal, reason);
            if (refusal == ReplicatedState.Refusal.REJECTED && listeners.hearApplied()
                && !SystemCommand.isReserved(command.clientId())) {
                listeners.rejected(ctx, command.payload(), reason);
            }
        }

        @Override
        public void onSessionEnded(ApplyContext ctx, long sessionId, boolean expired) {
            pending.onSessionEnded(sessionId);
            listeners.sessionEnded(ctx, sessionId, expired);
        }

        @Override
        public void onDigestReport(int node, long index, long digest) {
            audit.onDigestReport(node, index, digest);
        }
    }

    /** The leader-tick listeners' way into the log: commands outside any session. */
    private final class LeaderProposer implements LeaderTick.Proposer {

        @Override
        public void propose(byte[] command) {
            core.propose(new Command(Command.NO_SESSION, upkeep.nonce(), java.util.Objects.requireNonNull(command, "command")));
        }

        @Override
        public long term() {
            return status.term();
        }

        @Override
        public long logTime() {
            return state.logTime();
        }
    }
}
