package io.synod.testkit;

import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.testkit.lin.History;
import io.synod.testkit.trace.Trace;
import io.synod.testkit.trace.TraceEvent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of one cluster: virtual time, one seeded random source, N
 * protocol cores driven through exactly the SPI the production runtime uses, a faulty
 * {@link SimNetwork}, a {@link SimDisk} per node, clients recording a history, and safety
 * checks after every event. The same configuration (seed included) gives the same run, byte
 * for byte.
 *
 * <pre>{@code
 * SimulationResult<KvOp, String> r = Simulation.run(
 *     SimulationConfig.builder(protocol).replicas(3).faults(FaultProfile.MIXED).seed(42).build());
 * r.failure().ifPresent(System.out::println);
 * }</pre>
 */
public final class Simulation<I, O> implements ClusterView {

    private enum Phase { CHAOS, QUIET, DRAIN }

    private final SimulationConfig<I, O> config;
    private final SplittableRandom random;
    /**
     * Suspicions' own draws (when, and whether a clog is suspected): a core that ignores them sees
     * the run it saw before the simulator handed any out, so its seeds keep their meaning.
     */
    private final SplittableRandom suspicionRandom;
    private final EventQueue queue = new EventQueue();
    private final Trace trace;
    private final SimulationStats stats = new SimulationStats();
    private final SimNetwork network;
    private final SimNode[] nodes;
    private final int[] members;
    private final int[] observers;
    private final CommitOracle oracle = new CommitOracle();
    private final EffectLedger effects = new EffectLedger();
    private final SessionOracle sessionOracle = new SessionOracle();
    private final List<Client<I, O>> clients = new ArrayList<>();
    private final History<I, O> history = new History<>();
    private final FaultSchedule schedule;
    private final FaultInjector faults;
    private final LivenessCheck<I, O> liveness;
    private final ClientConnections connections = new ClientConnections(this);
    private final List<String> violations = new ArrayList<>();
    private final List<String> violatedChecks = new ArrayList<>();
    private Phase phase = Phase.CHAOS;
    private long now;
    private long readIds;
    private boolean stopped;

    private Simulation(SimulationConfig<I, O> config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        this.suspicionRandom = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        this.trace = new Trace(config.trace());
        int n = config.replicas() + config.observers();
        this.nodes = new SimNode[n + 1];
        this.members = new int[config.replicas()];
        this.observers = new int[config.observers()];
        long skew = config.clockSkewMillis();
        for (int i = 1; i <= n; i++) {
            nodes[i] = new SimNode(i, this, skew == 0 ? 0 : random.nextLong(2 * skew + 1) - skew);
            if (i <= config.replicas()) {
                members[i - 1] = i;
            } else {
                observers[i - 1 - config.replicas()] = i;
            }
        }
        FaultProfile p = config.faults();
        double drop = p.randomDrops() ? random.nextDouble() * p.dropProbability() : p.dropProbability();
        this.network = new SimNetwork(n, queue, random, trace, this::deliver, stats, drop, p.duplicateProbability(),
            p.minDelayMicros(), p.meanExtraDelayMicros());
        this.schedule = FaultSchedule.draw(p, config.replicas(), config.observers(), config.chaosTicks(), random);
        this.faults = new FaultInjector(this);
        this.liveness = new LivenessCheck<>(config, nodes, observers);
    }

    /** Runs one simulation to its end and reports what happened. */
    public static <I, O> SimulationResult<I, O> run(SimulationConfig<I, O> config) {
        return new Simulation<>(config).execute();
    }

    private SimulationResult<I, O> execute() {
        long tick = config.tickMicros();
        long quietAt = ticks(config.chaosTicks());
        long drainAt = quietAt + ticks(config.quietTicks());
        long endAt = drainAt + ticks(config.livenessTicks());
        try {
            for (int i = 1; i < nodes.length; i++) {
                startNode(nodes[i]);
                SimNode node = nodes[i];
                scheduleTick(node, 1 + random.nextLong(tick));
            }
            for (int c = 0; c < config.clients(); c++) {
                Client<I, O> client = new Client<>(c, this);
                clients.add(client);
                queue.schedule(1 + random.nextLong(tick), client::issue);
            }
            for (FaultAction a : schedule.actions()) {
                queue.schedule(ticks(a.tick()) + 1, () -> faults.fire(a));
            }
            queue.schedule(quietAt, this::quiet);
            queue.schedule(drainAt, () -> {
                phase = Phase.DRAIN;
                clientIdle();
            });
            loop(endAt);
        } catch (SimDisk.ContractViolation e) {
            violation(Checks.CONTRACT, e.getMessage());
        } catch (RuntimeException | AssertionError e) {
            StringWriter stack = new StringWriter();
            e.printStackTrace(new PrintWriter(stack));
            violation(Checks.EXCEPTION, "at t=" + now + "us: " + stack);
        }
        stats.virtualMicros = now;
        return new SimulationResult<>(config, schedule, history.operations(), effects.order(), violations, violatedChecks,
            liveness.failures(history.operations(), quietAt, !violations.isEmpty()), stats, trace);
    }

    private void loop(long endAt) {
        List<Invariant> invariants = config.invariants();
        while (!stopped && !queue.isEmpty() && queue.peekTime() <= endAt) {
            now = queue.peekTime();
            network.now(now);
            queue.poll().run();
            stats.events++;
            for (int i = 0; i < invariants.size() && !stopped; i++) {
                Optional<String> wrong = invariants.get(i).check(this);
                if (wrong.isPresent()) {
                    violation(invariants.get(i).name(), wrong.get());
                }
            }
        }
    }

    private void scheduleTick(SimNode node, long delay) {
        queue.schedule(now + delay, () -> {
            if (node.isUp()) {
                node.tick();
            }
            scheduleTick(node, config.tickMicros());
        });
    }

    private void quiet() {
        phase = Phase.QUIET;
        liveness.healed(oracle.highest());
        trace.record(now, TraceEvent.Kind.QUIET, 0, 0, "quiet period: heal, unclog, restart, no losses");
        network.healPartitions();
        network.unclogAll();
        network.calm();
        for (int i = 1; i < nodes.length; i++) {
            nodes[i].armedFaults().disarm();
            if (nodes[i].isHalted()) {
                resume(nodes[i]);
            }
            if (!nodes[i].isUp() && !nodes[i].isFailed()) {
                restart(nodes[i]);
            }
        }
    }

    // ---- nodes and faults ----

    private void startNode(SimNode node) {
        node.start(members, observers, new SplittableRandom(random.nextLong()));
    }

    void restart(SimNode node) {
        if (node.isFailed()) {
            throw new IllegalStateException("node " + node.id() + " failed a sync and must never restart");
        }
        stats.restarts++;
        String damaged = node.takeDamage();
        if (damaged != null) {
            stats.damagedDisks++;
            trace.record(now, TraceEvent.Kind.DISK_FAULT, node.id(), 0, damaged);
        }
        trace.record(now, TraceEvent.Kind.RESTART, node.id(), 0, "restart from disk");
        startNode(node);
    }

    /** Crashes {@code node} now; it restarts after {@code downTicks} unless the quiet part restarts it first. */
    void crashNow(SimNode node, String where, int downTicks) {
        FaultAction.DiskDamage damage = node.armedFaults().armedDamage();
        node.crash();
        stats.crashes++;
        trace.record(now, TraceEvent.Kind.CRASH, node.id(), 0, where);
        suspectedByPeers(node);
        node.armedFaults().damageOnRestart(damage);
        int incarnation = node.incarnation();
        after(ticks(downTicks), () -> {
            if (!node.isUp() && node.incarnation() == incarnation) {
                restart(node);
            }
        });
    }

    /** Pauses {@code node} for {@code pauseTicks}; the quiet part resumes it sooner if need be. */
    void pause(SimNode node, int pauseTicks) {
        node.pause();
        stats.pauses++;
        trace.record(now, TraceEvent.Kind.PAUSE, node.id(), 0, "for " + pauseTicks + " ticks");
        int incarnation = node.incarnation();
        after(ticks(pauseTicks), () -> {
            if (node.isUp() && node.isHalted() && node.incarnation() == incarnation) {
                resume(node);
            }
        });
    }

    private void resume(SimNode node) {
        trace.record(now, TraceEvent.Kind.RESUME, node.id(), 0, "taking the missed ticks, then what waited");
        node.resume();
    }

    /** {@code node}'s sync failed and it stopped for good. */
    void failStopped(SimNode node, String why) {
        stats.syncFailures++;
        trace.record(now, TraceEvent.Kind.DISK_FAULT, node.id(), 0, why + ": stopped for good");
        suspectedByPeers(node);
    }

    /**
     * {@code node} went down: a peer whose link from it works sees its connection close (the
     * reset a dead process's machine sends), a network delay later, and suspects it. A cut link
     * carries no reset, so a peer behind a partition is told nothing.
     */
    private void suspectedByPeers(SimNode node) {
        for (int i = 1; i < nodes.length; i++) {
            if (nodes[i] != node && nodes[i].isUp() && !network.isBlocked(node.id(), i)) {
                suspectLater(nodes[i], node.id());
            }
        }
    }

    /** A network delay from now {@code node} suspects {@code peer}, if it is still the same incarnation. */
    void suspectLater(SimNode node, int peer) {
        int incarnation = node.incarnation();
        after(network.delay(suspicionRandom), () -> {
            if (node.isUp() && node.incarnation() == incarnation) {
                stats.suspicions++;
                trace.record(now, TraceEvent.Kind.SUSPECT, node.id(), peer, "the connection with node " + peer + " closed");
                node.suspect(peer);
            }
        });
    }

    private void deliver(Envelope e, long sentAt) {
        SimNode to = nodes[e.to()];
        if (!to.isUp()) {
            stats.dropped++;
            trace.record(now, TraceEvent.Kind.DROP, e.to(), e.from(), sentAt, "receiver down: " + e.message().getClass().getSimpleName());
            return;
        }
        stats.delivered++;
        trace.record(now, TraceEvent.Kind.DELIVER, e.to(), e.from(), sentAt, e.message());
        to.step(e);
    }

    int leader() {
        int best = -1;
        long bestTerm = Long.MIN_VALUE;
        for (int i = 1; i < nodes.length; i++) {
            CoreStatus s = nodes[i].status();
            if (s != null && s.isLeader() && s.term() > bestTerm) {
                best = i;
                bestTerm = s.term();
            }
        }
        return best > 0 ? best : randomNode();
    }

    SimNode simNode(int id) {
        return nodes[id];
    }

    boolean chaotic() {
        return phase == Phase.CHAOS;
    }

    /** History operation {@code historyId} was refused now because its session, opened in the chaos, expired. */
    void lostWithChaosSession(int historyId) {
        liveness.lostWithChaosSession(historyId, now);
    }

    /** Session {@code sessionId} expired, first anywhere, at {@code at}: the workload may want that in the history. */
    void sessionExpired(long sessionId, io.synod.api.ApplyContext at) {
        config.workload().expiry(sessionId, at).ifPresent(op -> {
            int id = history.invoke(0, op, now);
            history.respond(id, config.workload().decode(op, new byte[0]), now);
            effects.order().tookEffect(id, at.index(), at.position());
        });
    }

        /** {@code check} (one of {@link Checks}, or an invariant's name) found {@code what}; the run stops. */
    void violation(String check, String what) {
        if (violations.isEmpty()) {
            trace.record(now, TraceEvent.Kind.VIOLATION, 0, 0, check + ": " + what);
        }
        violations.add("t=" + now + "us: " + check + ": " + what);
        violatedChecks.add(check);
        stopped = true;
    }

    // ---- clients ----

    boolean issuing() {
        return phase != Phase.DRAIN && !stopped;
    }

    void clientIdle() {
        if (phase == Phase.DRAIN && clients.stream().noneMatch(Client::busy)) {
            stopped = true;
        }
    }

    long nextReadId() {
        return ++readIds;
    }

    int randomNode() {
        return 1 + random.nextInt(nodes.length - 1);
    }

    // ---- plumbing shared with nodes, clients and the injector ----

    void after(long delay, Runnable action) {
        queue.schedule(now + delay, action);
    }

    long ticks(long count) {
        return count * config.tickMicros();
    }

    SimulationConfig<I, O> config() {
        return config;
    }

    /** The stream suspicions draw from (see {@link #suspicionRandom}). */
    SplittableRandom suspicionRandom() {
        return suspicionRandom;
    }

    SplittableRandom random() {
        return random;
    }

    Trace trace() {
        return trace;
    }

    SimulationStats stats() {
        return stats;
    }

    SimNetwork network() {
        return network;
    }

    CommitOracle oracle() {
        return oracle;
    }

    EffectLedger effects() {
        return effects;
    }

    SessionOracle sessionOracle() {
        return sessionOracle;
    }

    History<I, O> history() {
        return history;
    }

    ClientConnections connections() {
        return connections;
    }

    // ---- ClusterView ----

    @Override
    public long now() {
        return now;
    }

    @Override
    public int size() {
        return nodes.length - 1;
    }

    @Override
    public int voters() {
        return members.length;
    }

    @Override
    public NodeView node(int id) {
        if (id < 1 || id >= nodes.length) {
            throw new IllegalArgumentException("no node " + id + " in a cluster of " + size());
        }
        return nodes[id];
    }

    @Override
    public LogEntry chosen(long index) {
        return oracle.chosen(index);
    }

    @Override
    public long highestChosen() {
        return oracle.highest();
    }
}
