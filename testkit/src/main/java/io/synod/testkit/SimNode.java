package io.synod.testkit;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;
import io.synod.runtime.ReplicatedState;
import io.synod.runtime.session.SessionUpkeep;
import io.synod.runtime.snapshot.SnapshotTransferConfig;
import io.synod.runtime.snapshot.SnapshotTransfers;
import io.synod.testkit.FaultAction.CrashPoint;
import io.synod.testkit.trace.TraceEvent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated replica: a protocol core, the {@link ReplicatedState} it feeds and a
 * {@link SimDisk}. It carries out every {@link Ready} in the order its contract states —
 * send early messages, persist, send, apply, answer ({@link SimPendingRequests} are the client
 * requests it has taken and not yet answered) — and can be made to crash at any point of that
 * sequence, including after the early messages left and before or while the batch is persisted.
 *
 * <p><b>Snapshots</b> go through the runtime's own code: every {@code snapshotEvery} applied
 * entries the node takes a consistent view ({@link ReplicatedState#snapshot()}) and writes it a
 * little later, as a background thread would, while it goes on applying; it then compacts its
 * disk, keeping {@link SimSnapshotWriter#LOG_RETENTION a few entries} below the snapshot for
 * leaders to send lagging peers, and tells the core (its {@link SimSnapshotWriter}). Snapshots a
 * core asks to send travel through {@link SnapshotTransfers} in small chunks over the simulated
 * network, which loses, duplicates and delays them like any message, and are installed at the
 * receiver from its disk.
 *
 * <p>It can also be <em>paused</em> (its {@link PauseGate}): its memory stays, its clock stands
 * still and its inputs wait; on resuming it takes every tick it missed first, then the waiting
 * inputs in arrival order (as the production runtime does: time advances before requests are
 * taken). And its next {@code sync} can be made to fail: then it stops for good, as a fail-stop
 * replica must (the faults armed against it are its {@link ArmedFaults}).
 *
 * <p>Like the runtime, it keeps the replicated sessions going with a {@link SessionUpkeep}
 * (renewals of the sessions its clients ping, and, while it leads, time entries and the initial
 * session rules), and its core stamps batches with a wall clock of its own: virtual time plus a
 * skew drawn for this node.
 */
final class SimNode implements NodeView {

    /** Where the nodes' wall clocks start: an ordinary date, so that log times look like times. */
    static final long EPOCH_MILLIS = 1_600_000_000_000L;

    /** Chunks of a few dozen bytes, so that every snapshot travels in several, with a small window. */
    static final SnapshotTransferConfig TRANSFER = new SnapshotTransferConfig(128, 4, 3, 60);

    private final int id;
    private final Simulation<?, ?> sim;
    private final SimDisk disk;
    private final long skewMillis;
    private final SimPendingRequests requests;
    private SessionUpkeep upkeep;
    private ProtocolCore core;
    private ReplicatedState state;
    /** The state machine {@link #state} applies to, for invariants that look into it. */
    private io.synod.api.StateMachine machine;
    private int incarnation;
    private long committedIndex;
    private SnapshotTransfers transfers;
    private SimSnapshotStore snapshots;
    private final ArmedFaults armedFaults = new ArmedFaults();
    private final PauseGate gate;
    private final SimSnapshotWriter writer;
    private boolean failed;

    SimNode(int id, Simulation<?, ?> sim, long skewMillis) {
        this.id = id;
        this.sim = sim;
        this.disk = new SimDisk(id);
        this.skewMillis = skewMillis;
        this.requests = new SimPendingRequests(id, sim);
        this.gate = new PauseGate(sim, this::incarnation);
        this.writer = new SimSnapshotWriter(id, sim, disk, gate, this::incarnation, at -> {
            core.compacted(at);
            drain();
        });
    }

    /** Builds the core from what the disk holds; the first start finds an empty disk. */
    void start(int[] members, int[] observers, SplittableRandom coreRandom) {
        Recovered recovered = disk.recover();
        machine = sim.config().stateMachine().get();
        state = new ReplicatedState(machine);
        if (recovered.snapshot() != null) {
            restore(recovered.snapshot());
        }
        state.replayThrough(recovered.lastIndex());
        committedIndex = state.appliedIndex();
        writer.started(committedIndex);
        upkeep = new SessionUpkeep(id, coreRandom.split(), sim.config().sessionRules());
        snapshots = new SimSnapshotStore(disk);
        transfers = new SnapshotTransfers(id, snapshots, TRANSFER, () -> state.appliedIndex(), this::installed,
            (peer, s) -> core.snapshotSent(peer, s), e -> sendAll(List.of(e)), ((long) incarnation << 32) | ((long) id << 16));
        core = sim.config().protocol().create(new ProtocolContext(id, members, observers, coreRandom, recovered,
            this::wallClock, disk.reader()));
        drain();
    }

    private void restore(SnapshotMeta snapshot) {
        try {
            state.restore(snapshot, new ByteArrayInputStream(disk.snapshotData()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loses everything not on disk. */
    void crash() {
        core = null;
        state = null;
        machine = null;
        transfers = null;
        writer.crashed();
        armedFaults.crashed();
        gate.clear();
        incarnation++;
        upkeep = null;
        sim.sessionOracle().forget(id);
        requests.clear();
    }

    int incarnation() {
        return incarnation;
    }

    /** The faults armed on this node that have not struck yet. */
    ArmedFaults armedFaults() {
        return armedFaults;
    }

    /** Applies the damage a crash left for this restart; returns what for the trace, or null. */
    String takeDamage() {
        return disk.damage(armedFaults.takeDamageOnRestart());
    }

    /** True once a failed sync stopped this node for good. */
    boolean isFailed() {
        return failed;
    }

    /** True while paused, and after resuming until everything held has been taken. */
    @Override
    public boolean isPaused() {
        return gate.holds();
    }

    /** True while paused (not while catching up after it). */
    boolean isHalted() {
        return gate.isHalted();
    }

    void pause() {
        gate.pause();
    }

    /**
     * Resumes a paused node: it takes every tick it missed, then the inputs that waited.
     *
     * @return the ticks it had missed
     */
    int resume() {
        return gate.resume(this::takeTick);
    }

    private void takeTick() {
        sim.stats().ticks++;
        core.tick();
        transfers.tick();
        CoreStatus status = core.status();
        upkeep.tick(localMillis(), status != null && status.isLeader(), state.sessions(), this::proposeOwn);
        drain();
    }

    /** This node's wall clock, which its core stamps batches with: virtual time plus its skew. */
    private long wallClock() {
        return EPOCH_MILLIS + sim.now() / 1000 + skewMillis;
    }

    /** The driver's own monotonic milliseconds, for the session upkeep's intervals. */
    private long localMillis() {
        return sim.now() / 1000;
    }

    /** A command of this node's own (a renewal, the time, the session rules): proposed as a client would. */
    private void proposeOwn(Command command) {
        sim.oracle().proposed(command);
        core.propose(command);
    }

    /** A client pings its session here. */
    void touch(long sessionId) {
        gate.take(() -> upkeep.touch(sessionId));
    }

    void step(Envelope e) {
        gate.take(() -> stepNow(e));
    }

    private void stepNow(Envelope e) {
        try {
            if (!transfers.onEnvelope(e)) {
                core.step(e);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        drain();
    }

    /** The transport would have seen {@code peer}'s connection close (a hint, possibly wrong). */
    void suspect(int peer) {
        gate.take(() -> suspectNow(peer));
    }

    private void suspectNow(int peer) {
        core.suspect(peer);
        drain();
    }

    /** One tick; a paused node counts it as missed, to be taken when it resumes. */
    void tick() {
        gate.tick(this::takeTick);
    }

    void propose(Client<?, ?> client, Command command) {
        gate.take(() -> proposeNow(client, command));
    }

    private void proposeNow(Client<?, ?> client, Command command) {
        requests.proposed(client, command);
        core.propose(command);
        drain();
    }

    void read(Client<?, ?> client, long readId, byte[] query) {
        gate.take(() -> readNow(client, readId, query));
    }

    private void readNow(Client<?, ?> client, long readId, byte[] query) {
        requests.readAsked(client, readId, query);
        core.read(readId);
        drain();
    }

    /**
     * A local read: answered from this node's own state, without the core, once it has applied
     * at least {@code minIndex} (the newest index the client has seen); until then it waits.
     */
    void readLocal(Client<?, ?> client, long readId, long minIndex, byte[] query) {
        gate.take(() -> readLocalNow(client, readId, minIndex, query));
    }

    private void readLocalNow(Client<?, ?> client, long readId, long minIndex, byte[] query) {
        requests.readLocal(client, readId, minIndex, query, state);
    }

    private void drain() {
        while (core != null && core.hasReady()) {
            handle(core.ready());
        }
    }

    private void handle(Ready ready) {
        CrashPoint point = armedFaults.armedPoint();
        int downTicks = armedFaults.armedDownTicks();
        if (point == CrashPoint.BETWEEN_EVENTS) {
            sim.crashNow(this, "between_events", downTicks);
            return;
        }
        // Early messages leave before the batch is durable, so a crash before or during the
        // persist below finds them already on the wire: that is the case the simulator must cover.
        sendAll(ready.earlyMessages());
        if (point == CrashPoint.BEFORE_PERSIST) {
            sim.crashNow(this, ready.earlyMessages().isEmpty() ? "before_persist"
                : "before_persist, " + ready.earlyMessages().size() + " early message(s) sent", downTicks);
            return;
        }
        if (point == CrashPoint.MID_PERSIST) {
            String kept = disk.persistTorn(ready, sim.random(), sim.config().faults().tornWrites());
            sim.crashNow(this, "mid_persist: " + kept, downTicks);
            return;
        }
        if (armedFaults.syncWillFail() && ready.mustPersist()) {
            // fsync reported an error: which of the batch's writes reached the disk is unknown.
            String kept = disk.persistTorn(ready, sim.random(), sim.config().faults().tornWrites());
            failStop("sync failed (" + kept + ")");
            return;
        }
        if (ready.mustPersist()) {
            disk.persist(ready);
        }
        if (point == CrashPoint.AFTER_PERSIST) {
            sim.crashNow(this, "after_persist", downTicks);
            return;
        }
        sendAll(ready.messages());
        for (int peer : ready.snapshotRecipients()) {
            try {
                transfers.send(peer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (point == CrashPoint.AFTER_SEND) {
            sim.crashNow(this, "after_send", downTicks);
            return;
        }
        for (LogEntry e : ready.committed()) {
            if (!apply(e)) {
                return;
            }
        }
        requests.answerWaitingReads(state);
        for (ClientReply reply : ready.replies()) {
            requests.answer(reply, state);
        }
        writer.maybeSnapshot(state);
    }

    /** Stops this node for good: nothing it has not sent yet leaves, and it is never restarted. */
    private void failStop(String why) {
        crash();
        failed = true;
        sim.failStopped(this, why);
    }

    private void sendAll(List<Envelope> messages) {
        for (Envelope e : messages) {
            if (failed) {
                throw new SimDisk.ContractViolation("node " + id + " sent " + e.message().getClass().getSimpleName()
                    + " after its sync failed: a fail-stopped node must send nothing more");
            }
            if (e.from() != id) {
                throw new SimDisk.ContractViolation("node " + id + " sent a message as node " + e.from());
            }
            sim.network().send(e);
        }
    }

    /** A snapshot a peer streamed here is on disk: restore from it, keep the log above it, tell the core. */
    private void installed(SnapshotMeta s) throws IOException {
        state.restore(s, snapshots.open(s));
        snapshots.install(s);
        committedIndex = Math.max(committedIndex, s.index());
        writer.installed(s.index());
        sim.stats().snapshotsInstalled++;
        sim.trace().record(sim.now(), TraceEvent.Kind.SNAPSHOT, id, 0, "installed " + s);
        core.snapshotInstalled(s);
        requests.answerWaitingReads(state);
    }

    private boolean apply(LogEntry e) {
        if (e.index() > committedIndex + 1) {
            sim.violation(Checks.ORDER, "node " + id + " committed index " + e.index() + " after " + committedIndex
                + " (a gap)");
            return false;
        }
        CommitOracle.Breach wrong = sim.oracle().onCommit(id, e);
        if (wrong != null) {
            sim.violation(wrong.check(), wrong.detail());
            return false;
        }
        committedIndex = Math.max(committedIndex, e.index());
        sim.stats().commits++;
        sim.trace().record(sim.now(), TraceEvent.Kind.COMMIT, id, 0, e);
        state.apply(e, requests);
        String sessionsDiffer = sim.sessionOracle().entryApplied(id, e.index());
        if (sessionsDiffer != null) {
            sim.violation(Checks.SESSIONS, sessionsDiffer);
            return false;
        }
        upkeep.entryApplied(localMillis());
        return true;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public boolean isUp() {
        return core != null;
    }

    @Override
    public CoreStatus status() {
        return core == null ? null : core.status();
    }

    @Override
    public ProtocolCore core() {
        return core;
    }

    @Override
    public byte[] durableHardState() {
        return disk.hardState();
    }

    @Override
    public List<LogEntry> durableLog() {
        return disk.log();
    }

    @Override
    public SnapshotMeta durableSnapshot() {
        return disk.snapshot();
    }

    @Override
    public long committedIndex() {
        return committedIndex;
    }

    @Override
    public long appliedIndex() {
        return state == null ? 0 : state.appliedIndex();
    }

    @Override
    public long logTime() {
        return state == null ? 0 : state.logTime();
    }

    @Override
    public io.synod.api.StateMachine stateMachine() {
        return machine;
    }

    @Override
    public int openSessions() {
        return state == null ? 0 : state.sessions().size();
    }
}
