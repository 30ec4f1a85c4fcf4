package io.synod.runtime;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.InvalidMessageException;
import io.synod.api.LogEntry;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.Snapshot;
import io.synod.spi.HardStateStore;
import io.synod.spi.LogStore;
import io.synod.spi.SnapshotStore;
import io.synod.spi.Storage;
import io.synod.spi.Transport;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The replica's duty cycle: the one place where a protocol core meets threads, clocks, disks and
 * the network. Each cycle it turns elapsed time into ticks, takes arrived messages, takes client
 * requests, and carries out every {@link Ready} the core produces in the order that type
 * prescribes: send the early messages, persist with one sync, then send the rest, apply, answer.
 *
 * <p><b>Time first.</b> Ticks come before any message or request, so that a lease the core holds
 * has run out before a read could be served from it; after a pause every elapsed tick is
 * delivered, up to {@link io.synod.api.Protocol#ticksAfterPause()} (at least
 * {@value #MIN_CATCH_UP_TICKS}), so that no lease outlives a pause longer than itself.
 *
 * <p><b>Fail-stop.</b> Any exception from a store, the transport, the core or the state machine
 * (other than a command the state machine rejects, or a message the core refuses) stops the
 * replica for good: the cycle that met it carries out nothing more, the agent terminates, every
 * pending request fails with the cause, and {@link #health()} says why. A batch whose persist
 * failed is never followed by a message.
 */
final class ReplicaAgent implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaAgent.class);
    /** Messages handed to the core per duty cycle at most. */
    private static final int POLL_LIMIT = 256;
    /**
     * Client requests taken per duty cycle at most. Requests taken in one cycle are proposed
     * before the next Ready is cut, so this bounds how many commands a leader can batch into one
     * fsync and one round of messages, and how long one cycle spends before its next look at the
     * clock and the network. A handle keeps at most {@link ReplicaConfig#sessionWindow()}
     * commands in flight anyway.
     */
    private static final int REQUEST_LIMIT = 4096;
    /** After a pause at least this many ticks are delivered at once (if that many elapsed). */
    static final long MIN_CATCH_UP_TICKS = 8;

    private final int self;
    private final ProtocolCore core;
    private final Transport transport;
    private final LogStore log;
    private final HardStateStore hardState;
    private final SnapshotStore snapshots;
    private final ReplicatedState state;
    private final ReplicaConfig config;
    private final long tickNanos;
    private final long catchUpTicks;
    private final int[] knownNodes;
    private final DivergenceCheck divergence;
    private final boolean member;
    private final ManyToOneConcurrentLinkedQueue<ClientRequest> requests = new ManyToOneConcurrentLinkedQueue<>();
    private final Doorbell doorbell = new Doorbell();
    private final Admission admission;
    private final PendingRequests pending;
    private final Outcomes outcomes = new Outcomes();
    private final Transport.EnvelopeHandler onEnvelope = this::onEnvelope;

    private long ticks;
    private long nextTickNanos;
    private long lastSnapshotIndex;
    private long lastReportedDigest;
    private int lastKnownLeader = CoreStatus.NO_LEADER;
    private volatile CoreStatus status;
    private volatile ReplicaHealth.State lifecycle = ReplicaHealth.State.RUNNING;
    private volatile Throwable failure;
    // Written by the replica thread only; read by any.
    private volatile long invalidMessages;
    private volatile long digestsCompared;
    private volatile long divergences;
    private volatile long leaderChanges;

    ReplicaAgent(int self, long clientId, int[] members, int[] observers, ProtocolCore core, long ticksAfterPause,
                 Transport transport, Storage storage, ReplicatedState state, ReplicaConfig config) {
        this.self = self;
        this.core = core;
        this.transport = transport;
        this.log = storage.log();
        this.hardState = storage.hardState();
        this.snapshots = storage.snapshots();
        this.state = state;
        this.config = config;
        this.tickNanos = config.tickInterval().toNanos();
        this.catchUpTicks = Math.max(MIN_CATCH_UP_TICKS, ticksAfterPause);
        this.knownNodes = IntStream.concat(Arrays.stream(members), Arrays.stream(observers)).sorted().toArray();
        this.divergence = new DivergenceCheck(self, members);
        this.member = Arrays.stream(members).anyMatch(m -> m == self);
        this.admission = new Admission(config.sessionWindow());
        this.pending = new PendingRequests(clientId, core, state, config, admission);
        this.lastSnapshotIndex = state.appliedIndex();
        this.lastReportedDigest = state.appliedIndex();
        this.status = core.status();
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
            work += transport.poll(onEnvelope, POLL_LIMIT);
            // Once more: the poll may have taken a while, and requests must meet the time as it is.
            work += advanceTime();
            work += takeRequests();
            if (work == 0) {
                // The doorbell is armed (no request was found): an arrival from now on rings it,
                // and one since the poll above is found by this one, so none waits out a park.
                work += transport.poll(onEnvelope, POLL_LIMIT);
            }
            while (core.hasReady()) {
                carryOut(core.ready());
                work++;
            }
            if (work > 0) {
                reportDigest();
                maybeSnapshot();
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
        failAll(new RequestFailedException(RequestFailedException.Cause.CLOSED, "replica " + self + " closed"));
        admission.shut();
    }

    // ---- what the user's threads call ----

    /** Hands a request to the replica thread. */
    void enqueue(ClientRequest request) {
        requests.offer(request);
        doorbell.ring();
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
        return new ReplicaHealth(lifecycle, failure, invalidMessages, digestsCompared, divergences, leaderChanges);
    }

    Throwable failure() {
        return failure;
    }

    long appliedIndex() {
        return state.appliedIndex();
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
        }
        if (deliver < elapsed) {
            LOG.debug("replica {} resumed after {} ticks; delivered {}", self, elapsed, deliver);
        }
        nextTickNanos += elapsed * tickNanos;
        pending.retryAndExpire(now, ticks);
        return (int) Math.min(deliver, Integer.MAX_VALUE);
    }

    private void onEnvelope(Envelope envelope) {
        if (envelope.to() != self) {
            dropInvalid(envelope, "it is addressed to node " + envelope.to());
        } else if (Arrays.binarySearch(knownNodes, envelope.from()) < 0) {
            dropInvalid(envelope, "node " + envelope.from() + " is not in the cluster");
        } else {
            try {
                core.step(envelope);
            } catch (InvalidMessageException e) {
                dropInvalid(envelope, e.getMessage());
            }
        }
    }

    private void dropInvalid(Envelope envelope, String why) {
        long n = ++invalidMessages;
        // The first, and then every power of two: a misbehaving peer cannot flood the log.
        if (Long.bitCount(n) == 1) {
            LOG.warn("replica {} dropped a message from node {} ({} dropped so far): {}", self, envelope.from(), n, why);
        }
    }

    private int takeRequests() {
        ClientRequest request = requests.poll();
        if (request == null) {
            doorbell.idle();
            request = requests.poll();
            if (request == null) {
                return 0;
            }
        }
        doorbell.busy();
        int taken = 0;
        while (request != null) {
            taken++;
            pending.take(request, ticks);
            request = taken < REQUEST_LIMIT ? requests.poll() : null;
        }
        return taken;
    }

    private void carryOut(Ready ready) {
        // Early messages (proposals that report nothing this batch persists) leave first, so that
        // followers fsync while this replica does: the two fsyncs of a command overlap.
        for (Envelope envelope : ready.earlyMessages()) {
            transport.send(envelope);
        }
        // If the persist throws, nothing below happens, and the replica stops: no message ever
        // reports state that failed to become durable.
        persist(ready);
        for (Envelope envelope : ready.messages()) {
            transport.send(envelope);
        }
        for (LogEntry entry : ready.committed()) {
            state.apply(entry, outcomes);
        }
        for (ClientReply reply : ready.replies()) {
            pending.answer(reply, ticks);
        }
        pending.serveReadsUpTo(state.appliedIndex());
    }

    private void persist(Ready ready) {
        if (!ready.mustPersist()) {
            return;
        }
        Snapshot snapshot = ready.snapshot();
        if (snapshot != null) {
            snapshots.save(snapshot);
            log.reset(snapshot.index());
            state.restore(snapshot);
            lastSnapshotIndex = snapshot.index();
            lastReportedDigest = Math.max(lastReportedDigest, snapshot.index());
        }
        if (ready.hardState() != null) {
            hardState.save(ready.hardState());
        }
        if (ready.truncateFrom() > 0) {
            log.truncateSuffix(ready.truncateFrom());
        }
        if (!ready.entries().isEmpty()) {
            log.append(ready.entries());
        }
        log.sync();
    }

    /** Orders this replica's digest at the newest checkpoint through the log, once per checkpoint. */
    private void reportDigest() {
        long every = state.digestEvery();
        long checkpoint = state.appliedIndex() / every * every;
        if (checkpoint > lastReportedDigest && state.hasDigestAt(checkpoint)) {
            lastReportedDigest = checkpoint;
            if (member) {
                core.propose(new DigestReport(self, checkpoint, state.digestAt(checkpoint)).toCommand());
            }
        }
    }

    private void onDigestReport(int node, long index, long digest) {
        if (node == self || !state.hasDigestAt(index)) {
            return;
        }
        digestsCompared++;
        DivergenceCheck.Finding finding = divergence.onReport(node, index, digest, state.digestAt(index));
        if (finding == null) {
            return;
        }
        divergences++;
        switch (finding.kind()) {
            case SELF_DIVERGED -> throw new ReplicaDivergedException(finding.description());
            case PEER_DIVERGED -> LOG.error("replica {}: {}", self, finding.description());
            case DISAGREEMENT -> LOG.warn("replica {}: {}", self, finding.description());
        }
    }

    private void maybeSnapshot() {
        if (state.appliedIndex() - lastSnapshotIndex < config.snapshotEvery()) {
            return;
        }
        Snapshot snapshot = state.snapshot();
        snapshots.save(snapshot);
        log.compactPrefix(Math.min(snapshot.index(), log.lastIndex()));
        lastSnapshotIndex = snapshot.index();
        core.compacted(snapshot);
        LOG.debug("replica {} took a snapshot at index {}", self, snapshot.index());
    }

    private void publishStatus() {
        CoreStatus s = core.status();
        if (s.leader() != CoreStatus.NO_LEADER && s.leader() != lastKnownLeader) {
            if (lastKnownLeader != CoreStatus.NO_LEADER) {
                leaderChanges++;
            }
            lastKnownLeader = s.leader();
        }
        status = s;
    }

    private void failAll(RequestFailedException cause) {
        pending.failAll(cause);
        ClientRequest request;
        while ((request = requests.poll()) != null) {
            if (request instanceof ClientRequest.Submit s) {
                s.future().completeExceptionally(cause);
            } else if (request instanceof ClientRequest.Query q) {
                q.future().completeExceptionally(cause);
            }
        }
    }

    /** What {@link ReplicatedState} reports about each command it meets: outcomes for the clients, reports for the check. */
    private final class Outcomes implements ReplicatedState.ResultListener {

        @Override
        public void onResult(long client, long sequence, byte[] result) {
            throw new IllegalStateException("results arrive with their command");
        }

        @Override
        public void onApplied(Command command, byte[] result) {
            pending.onApplied(command, result);
        }

        @Override
        public void onRefused(Command command, ReplicatedState.Refusal refusal, String reason) {
            pending.onRefused(command, refusal, reason);
        }

        @Override
        public void onDigestReport(int node, long index, long digest) {
            ReplicaAgent.this.onDigestReport(node, index, digest);
        }
    }
}
