package io.synod.runtime;

import io.synod.api.ClientReply;
import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.Snapshot;
import io.synod.spi.HardStateStore;
import io.synod.spi.LogStore;
import io.synod.spi.SnapshotStore;
import io.synod.spi.Storage;
import io.synod.spi.Transport;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The replica's duty cycle: the one place where a protocol core meets threads, clocks, disks and
 * the network. Each cycle it takes client requests, takes arrived messages, turns elapsed time into
 * ticks, and carries out every {@link Ready} the core produces in the order that type prescribes:
 * send the early messages, persist with one sync, then send the rest, apply, answer.
 */
final class ReplicaAgent implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaAgent.class);
    /** Messages handed to the core per duty cycle at most. */
    private static final int POLL_LIMIT = 256;
    /**
     * Client requests taken per duty cycle at most. Requests taken in one cycle are proposed
     * before the next Ready is cut, so this bounds how many commands a leader can batch into one
     * fsync and one round of messages; it is generous because submits wait for
     * {@link ReplicaConfig#sessionWindow()} anyway.
     */
    private static final int REQUEST_LIMIT = 8192;
    /** After a pause (GC, a slow disk) the replica ticks at most this often at once, then resynchronises. */
    private static final int MAX_CATCH_UP_TICKS = 8;

    private final int self;
    private final long clientId;
    private final ProtocolCore core;
    private final Transport transport;
    private final LogStore log;
    private final HardStateStore hardState;
    private final SnapshotStore snapshots;
    private final ReplicatedState state;
    private final ReplicaConfig config;
    private final long tickNanos;
    private final ManyToOneConcurrentLinkedQueue<ClientRequest> requests = new ManyToOneConcurrentLinkedQueue<>();
    private final Doorbell doorbell = new Doorbell();
    private final Semaphore inFlight;
    private final Long2ObjectHashMap<PendingCommand> commands = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<PendingRead> reads = new Long2ObjectHashMap<>();
    private final List<PendingRead> readsAwaitingApply = new ArrayList<>();
    private final ReplicatedState.ResultListener onResult = this::onResult;
    private final Transport.EnvelopeHandler onEnvelope;

    private long ticks;
    private long nextTickNanos;
    private long lastSnapshotIndex;
    private volatile CoreStatus status;
    private volatile Throwable failure;

    ReplicaAgent(int self, long clientId, ProtocolCore core, Transport transport, Storage storage,
                 ReplicatedState state, ReplicaConfig config) {
        this.self = self;
        this.clientId = clientId;
        this.core = core;
        this.transport = transport;
        this.log = storage.log();
        this.hardState = storage.hardState();
        this.snapshots = storage.snapshots();
        this.state = state;
        this.config = config;
        this.tickNanos = config.tickInterval().toNanos();
        this.inFlight = new Semaphore(config.sessionWindow());
        this.lastSnapshotIndex = state.appliedIndex();
        this.onEnvelope = core::step;
        this.status = core.status();
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
        int work = takeRequests();
        work += transport.poll(onEnvelope, POLL_LIMIT);
        work += advanceTime();
        while (core.hasReady()) {
            carryOut(core.ready());
            work++;
        }
        if (work > 0) {
            maybeSnapshot();
            status = core.status();
        }
        return work;
    }

    @Override
    public void onClose() {
        failAll(new RequestFailedException(RequestFailedException.Cause.CLOSED, "replica " + self + " closed"));
    }

    void enqueue(ClientRequest request) {
        requests.offer(request);
        doorbell.ring();
    }

    Semaphore inFlight() {
        return inFlight;
    }

    CoreStatus status() {
        return status;
    }

    Throwable failure() {
        return failure;
    }

    long appliedIndex() {
        return state.appliedIndex();
    }

    void fail(Throwable cause) {
        failure = cause;
        failAll(new RequestFailedException(RequestFailedException.Cause.CLOSED, "replica " + self + " stopped: " + cause));
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
            take(request);
            request = taken < REQUEST_LIMIT ? requests.poll() : null;
        }
        return taken;
    }

    private void take(ClientRequest request) {
        if (request instanceof ClientRequest.Submit submit) {
            commands.put(submit.command().sequence(), new PendingCommand(submit, ticks + config.retryTicks()));
            core.propose(submit.command());
        } else if (request instanceof ClientRequest.Query query) {
            if (query.linearizable()) {
                reads.put(query.readId(), new PendingRead(query, ticks + config.retryTicks()));
                core.read(query.readId());
            } else {
                answerQuery(query);
            }
        }
    }

    private int advanceTime() {
        long now = config.clock().nanoTime();
        int elapsed = 0;
        while (now - nextTickNanos >= 0) {
            ticks++;
            core.tick();
            nextTickNanos += tickNanos;
            if (++elapsed == MAX_CATCH_UP_TICKS) {
                nextTickNanos = now + tickNanos;
            }
        }
        if (elapsed > 0) {
            retryAndExpire(now);
        }
        return elapsed;
    }

    private void retryAndExpire(long now) {
        for (Iterator<PendingCommand> it = commands.values().iterator(); it.hasNext(); ) {
            PendingCommand p = it.next();
            if (now - p.submit.deadlineNanos() >= 0) {
                it.remove();
                inFlight.release();
                p.submit.future().completeExceptionally(new RequestFailedException(RequestFailedException.Cause.TIMEOUT,
                    "command " + clientId + "#" + p.submit.command().sequence() + " not applied within " + config.requestTimeout()));
            } else if (ticks >= p.retryAtTick) {
                p.retryAtTick = ticks + config.retryTicks();
                core.propose(p.submit.command());
            }
        }
        for (Iterator<PendingRead> it = reads.values().iterator(); it.hasNext(); ) {
            PendingRead p = it.next();
            if (now - p.query.deadlineNanos() >= 0) {
                it.remove();
                readsAwaitingApply.remove(p);
                p.query.future().completeExceptionally(new RequestFailedException(RequestFailedException.Cause.TIMEOUT,
                    "read " + p.query.readId() + " not confirmed within " + config.requestTimeout()));
            } else if (p.readyIndex < 0 && ticks >= p.retryAtTick) {
                p.retryAtTick = ticks + config.retryTicks();
                core.read(p.query.readId());
            }
        }
    }

    private void carryOut(Ready ready) {
        // Early messages (proposals that report nothing this batch persists) leave first, so that
        // followers fsync while this replica does: the two fsyncs of a command overlap.
        for (Envelope envelope : ready.earlyMessages()) {
            transport.send(envelope);
        }
        persist(ready);
        for (Envelope envelope : ready.messages()) {
            transport.send(envelope);
        }
        for (LogEntry entry : ready.committed()) {
            state.apply(entry, onResult);
        }
        for (ClientReply reply : ready.replies()) {
            answer(reply);
        }
        serveReadsUpTo(state.appliedIndex());
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

    private void onResult(long client, long sequence, byte[] result) {
        if (client != clientId) {
            return;
        }
        PendingCommand p = commands.remove(sequence);
        if (p == null) {
            return;
        }
        inFlight.release();
        if (result == null) {
            p.submit.future().completeExceptionally(new RequestFailedException(RequestFailedException.Cause.EXPIRED,
                "command " + client + "#" + sequence + " fell out of its session window"));
        } else {
            p.submit.future().complete(result);
        }
    }

    private void answer(ClientReply reply) {
        if (reply instanceof ClientReply.Rejected r) {
            onRejected(r);
        } else if (reply instanceof ClientReply.ReadReady r) {
            PendingRead p = reads.get(r.readId());
            if (p != null && p.readyIndex < 0) {
                p.readyIndex = r.index();
                readsAwaitingApply.add(p);
            }
        } else if (reply instanceof ClientReply.ReadRejected r) {
            PendingRead p = reads.get(r.readId());
            if (p != null) {
                p.retryAtTick = ticks + 1;
            }
        }
    }

    private void onRejected(ClientReply.Rejected r) {
        PendingCommand p = r.clientId() == clientId ? commands.get(r.sequence()) : null;
        if (p == null) {
            return;
        }
        if (r.reason() == ClientReply.Reason.ABORTED) {
            commands.remove(r.sequence());
            inFlight.release();
            p.submit.future().completeExceptionally(new RequestFailedException(RequestFailedException.Cause.REFUSED,
                "command " + clientId + "#" + r.sequence() + " aborted"));
        } else {
            p.retryAtTick = ticks + 1;
        }
    }

    private void serveReadsUpTo(long applied) {
        if (readsAwaitingApply.isEmpty()) {
            return;
        }
        for (Iterator<PendingRead> it = readsAwaitingApply.iterator(); it.hasNext(); ) {
            PendingRead p = it.next();
            if (p.readyIndex <= applied) {
                it.remove();
                reads.remove(p.query.readId());
                answerQuery(p.query);
            }
        }
    }

    private void answerQuery(ClientRequest.Query query) {
        try {
            query.future().complete(state.query(query.query()));
        } catch (RuntimeException e) {
            query.future().completeExceptionally(e);
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

    private void failAll(RequestFailedException cause) {
        for (PendingCommand p : commands.values()) {
            p.submit.future().completeExceptionally(cause);
        }
        commands.clear();
        for (PendingRead p : reads.values()) {
            p.query.future().completeExceptionally(cause);
        }
        reads.clear();
        readsAwaitingApply.clear();
        ClientRequest request;
        while ((request = requests.poll()) != null) {
            if (request instanceof ClientRequest.Submit s) {
                s.future().completeExceptionally(cause);
            } else if (request instanceof ClientRequest.Query q) {
                q.future().completeExceptionally(cause);
            }
        }
    }

    private static final class PendingCommand {
        final ClientRequest.Submit submit;
        long retryAtTick;

        PendingCommand(ClientRequest.Submit submit, long retryAtTick) {
            this.submit = submit;
            this.retryAtTick = retryAtTick;
        }
    }

    private static final class PendingRead {
        final ClientRequest.Query query;
        long retryAtTick;
        long readyIndex = -1;

        PendingRead(ClientRequest.Query query, long retryAtTick) {
            this.query = query;
            this.retryAtTick = retryAtTick;
        }
    }
}
