package io.synod.testkit.commit;

import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.commit.CommitContext;
import io.synod.api.commit.CommitCore;
import io.synod.api.commit.CommitProtocol;
import io.synod.api.commit.CommitReady;
import io.synod.api.commit.Outcome;
import io.synod.api.commit.ResourceCall;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;
import io.synod.testkit.Checks;
import io.synod.testkit.commit.AtomicityOracle.Blocked;
import io.synod.testkit.commit.AtomicityOracle.Breach;
import io.synod.testkit.commit.CommitScenario.Begin;
import io.synod.testkit.trace.Trace;
import io.synod.testkit.trace.TraceEvent.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A deterministic simulator for atomic commit protocols: one seed, one run, byte for byte. Nodes
 * 1..n each run a {@link CommitCore} over a durable record log and hard state and a
 * {@link CrashableResource}; time is virtual ticks; the network loses, duplicates and delays
 * messages and splits as the scenario says; nodes crash (losing the core, the resource's memory
 * and the messages on the way to them) and restart from what they persisted; one fault can be
 * scripted at a named protocol point. Each {@link CommitReady} is carried out in the contract's
 * order — persist, send, call the resource, report outcomes — and every vote, decision and outcome
 * goes to an {@link AtomicityOracle}; the first breach stops the run.
 *
 * <p>A run has a faulty part ({@link CommitScenario#horizonTicks()}), at whose end the participants
 * still uncertain are counted as blocked, and a quiet part in which every partition heals, every
 * node restarts and nothing is lost; a transaction still unresolved after it is a liveness failure.
 *
 * <p>It is the commit protocols' counterpart of {@link io.synod.testkit.Simulation}, which drives
 * replication cores; they share the oracle's check names ({@link Checks}) and the trace renderer.
 */
public final class CommitSimulation {

    private static final class Node {
        final int id;
        final CrashableResource resource;
        final List<LogEntry> records = new ArrayList<>();
        byte[] hardState = new byte[0];
        CommitCore core;
        int incarnation;
        long downUntil;
        /** The causal length of the input being handled: message delays and forced writes behind it. */
        int depth;
        int writeDepth;

        Node(int id, CrashableResource resource) {
            this.id = id;
            this.resource = resource;
        }
    }

    private record InFlight(long at, long seq, Envelope envelope, int incarnation, int depth, int writeDepth) {
    }

    private final CommitProtocol protocol;
    private final CommitScenario scenario;
    private final long seed;
    private final SplittableRandom random;
    private final int[] ids;
    private final Node[] nodes;
    private final PriorityQueue<InFlight> wire = new PriorityQueue<>(
        Comparator.comparingLong(InFlight::at).thenComparingLong(InFlight::seq));
    private final List<Partition> partitions = new ArrayList<>();
    private final Map<ScriptedFault, Integer> reached = new HashMap<>();
    private final AtomicityOracle oracle = new AtomicityOracle();
    private final Map<TransactionId, Outcome> outcomes = new LinkedHashMap<>();
    private final Map<TransactionId, int[]> costs = new TreeMap<>();
    private final Trace trace;
    private Breach breach;
    private long seq;
    private long now;
    private boolean quiet;
    private long messages;
    private long writes;
    private long records;

    public CommitSimulation(CommitProtocol protocol, CommitScenario scenario, long seed, boolean traced) {
        this.protocol = protocol;
        this.scenario = scenario;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.ids = IntStream.rangeClosed(1, scenario.nodes()).toArray();
        this.nodes = new Node[scenario.nodes() + 1];
        this.trace = new Trace(traced);
        this.partitions.addAll(scenario.partitions());
        for (int id : ids) {
            nodes[id] = new Node(id, scenario.resources().apply(id));
        }
    }

    /** Runs the scenario once. */
    public static CommitRun run(CommitProtocol protocol, CommitScenario scenario, long seed, boolean traced) {
        return new CommitSimulation(protocol, scenario, seed, traced).run();
    }

    public CommitRun run() {
        List<Begin> begins = new ArrayList<>(scenario.workload().apply(random.split()));
        begins.sort(Comparator.comparingLong(Begin::at));
        for (int id : ids) {
            start(nodes[id]);
        }
        int begun = 0;
        int next = 0;
        List<Blocked> stuck = List.of();
        long end = scenario.horizonTicks() + scenario.quietTicks();
        for (now = 1; now <= end && breach == null; now++) {
            if (now == scenario.horizonTicks() + 1) {
                stuck = oracle.stillBlocked(scenario.horizonTicks());
                beginQuiet();
            }
            restartDue();
            while (next < begins.size() && begins.get(next).at() <= now) {
                begun += begin(begins.get(next++)) ? 1 : 0;
            }
            deliverDue();
            if (!quiet && scenario.crashChance() > 0) {
                randomCrashes();
            }
            for (int id : ids) {
                Node node = nodes[id];
                if (node.core != null && breach == null) {
                    node.depth = 0;
                    node.writeDepth = 0;
                    node.core.tick();
                    drain(node);
                }
            }
        }
        long last = Math.min(now, end);
        if (breach == null && now <= scenario.horizonTicks() + 1) {
            stuck = oracle.stillBlocked(last);
        }
        return new CommitRun(protocol.name(), scenario.name(), seed, Optional.ofNullable(breach), stuck, oracle.blocked(last),
            breach == null ? unresolved() : List.of(), Map.copyOf(outcomes), begun, messages, writes, records, costs(), last, trace);
    }

    private boolean begin(Begin b) {
        Node coordinator = nodes[b.transaction().id().coordinator()];
        if (coordinator.core == null) {
            trace.record(now, Kind.DROP, coordinator.id, 0, "begin " + b.transaction().id() + ": coordinator down");
            return false;
        }
        report(oracle.begun(b.transaction().id(), b.transaction().participants(), now));
        trace.record(now, Kind.INVOKE, coordinator.id, 0, "begin " + b.transaction());
        costs.put(b.transaction().id(), new int[] {-1, -1, 0, 0});
        coordinator.depth = 0;
        coordinator.writeDepth = 0;
        coordinator.core.begin(b.transaction());
        drain(coordinator);
        return true;
    }

    private void deliverDue() {
        while (!wire.isEmpty() && wire.peek().at() <= now && breach == null) {
            InFlight f = wire.poll();
            Envelope e = f.envelope();
            Node to = nodes[e.to()];
            if (to.core == null || to.incarnation != f.incarnation()) {
                trace.record(now, Kind.DROP, e.to(), e.from(), f.at(), "receiver crashed: " + name(e));
                continue;
            }
            if (cut(e.from(), e.to())) {
                trace.record(now, Kind.DROP, e.to(), e.from(), f.at(), "partitioned: " + name(e));
                continue;
            }
            if (strike(to, ScriptedFault.Point.RECEIVE, e) != null) {
                continue;
            }
            trace.record(now, Kind.DELIVER, e.to(), e.from(), f.at(), e.message());
            to.depth = f.depth();
            to.writeDepth = f.writeDepth();
            to.core.step(e);
            drain(to);
        }
    }

    private void drain(Node node) {
        while (node.core != null && node.core.hasReady() && breach == null) {
            CommitReady ready = node.core.ready();
            persist(node, ready);
            if (!send(node, ready)) {
                return; // crashed at a scripted point
            }
            List<Map.Entry<TransactionId, Vote>> votes = new ArrayList<>();
            for (ResourceCall call : ready.resourceCalls()) {
                votes.addAll(call(node, call));
            }
            for (Outcome o : ready.outcomes()) {
                trace.record(now, Kind.RESPOND, node.id, 0, o);
                outcomes.put(o.transaction(), o);
                int[] c = costs.get(o.transaction());
                if (c != null && c[0] < 0) {
                    c[0] = node.depth;
                    c[1] = node.writeDepth;
                }
                report(oracle.outcome(o, now));
            }
            for (Map.Entry<TransactionId, Vote> v : votes) {
                if (node.core != null) {
                    node.core.resourceVoted(v.getKey(), v.getValue());
                }
            }
        }
    }

    private void persist(Node node, CommitReady ready) {
        if (ready.hardState() != null) {
            node.hardState = ready.hardState().clone();
        }
        for (LogEntry r : ready.records()) {
            long expected = node.records.isEmpty() ? r.index() : node.records.get(node.records.size() - 1).index() + 1;
            if (r.index() != expected || r.index() < 1) {
                fail(Checks.CONTRACT, null, "node " + node.id + " recorded index " + r.index() + ", expected " + expected);
                return;
            }
            node.records.add(r);
        }
        records += ready.records().size();
        node.records.removeIf(r -> r.index() <= ready.releaseThrough());
        if (ready.mustPersist()) {
            writes++;
            node.writeDepth++;
        }
    }

    /** Sends the batch's messages; false if a scripted crash struck on the way. */
    private boolean send(Node node, CommitReady ready) {
        for (Envelope e : ready.messages()) {
            ScriptedFault fault = strike(node, ScriptedFault.Point.SEND, e);
            if (fault != null && fault.action() == ScriptedFault.Action.CRASH) {
                return false;
            }
            transmit(node, e);
        }
        return true;
    }

    private void transmit(Node from, Envelope e) {
        trace.record(now, Kind.SEND, e.from(), e.to(), e.message());
        Node to = nodes[e.to()];
        if (e.to() == e.from()) { // a local hand-off, not a message: never lost, not counted, no delay added
            wire.add(new InFlight(now, seq++, e, to.incarnation, from.depth, from.writeDepth));
            return;
        }
        messages++;
        if (!quiet && scenario.drop() > 0 && random.nextDouble() < scenario.drop()) {
            trace.record(now, Kind.DROP, e.to(), e.from(), now, "lost: " + name(e));
            return;
        }
        int copies = !quiet && scenario.duplicate() > 0 && random.nextDouble() < scenario.duplicate() ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = 1 + (scenario.maxDelayTicks() > 1 && !quiet ? random.nextInt(scenario.maxDelayTicks()) : 0);
            wire.add(new InFlight(now + delay, seq++, e, to.incarnation, from.depth + 1, from.writeDepth));
        }
    }

    private List<Map.Entry<TransactionId, Vote>> call(Node node, ResourceCall call) {
        TransactionId t = call.transaction();
        if (call instanceof ResourceCall.Prepare p) {
            Vote vote = node.resource.prepare(t, p.part());
            report(oracle.voted(t, node.id, vote, now));
            return List.of(Map.entry(t, vote));
        }
        if (call instanceof ResourceCall.Restore r) {
            node.resource.restorePrepared(t, r.part());
            return List.of();
        }
        boolean commit = call instanceof ResourceCall.Commit;
        if (commit) {
            node.resource.commit(t);
        } else {
            node.resource.abort(t);
        }
        trace.record(now, Kind.COMMIT, node.id, 0, (commit ? "commit " : "abort ") + t);
        int[] c = costs.get(t);
        if (c != null) {
            c[2] = Math.max(c[2], node.depth);
            c[3] = Math.max(c[3], node.writeDepth);
        }
        report(oracle.decided(t, node.id, commit, now));
        return List.of();
    }

    /**
     * Strikes the scripted fault armed for this point, if it is reached now: returns it, or null.
     * A crash on send lets {@code sentBefore} matching messages of the batch leave first.
     */
    private ScriptedFault strike(Node node, ScriptedFault.Point point, Envelope e) {
        if (quiet) {
            return null;
        }
        for (ScriptedFault f : scenario.faults()) {
            if (f.node() != node.id || f.point() != point || !f.message().equals(name(e))) {
                continue;
            }
            int count = reached.merge(f, 1, Integer::sum);
            if (f.action() == ScriptedFault.Action.CRASH && point == ScriptedFault.Point.SEND) {
                // matching messages count one by one: the sentBefore from the occurrence-th on still leave
                if (count != f.occurrence() + f.sentBefore()) {
                    continue;
                }
            } else if (count != f.occurrence()) {
                continue;
            }
                        if (f.action() == ScriptedFault.Action.CRASH) {
                crash(node, f.lastsTicks(), "scripted: " + f);
            } else {
                long until = f.lastsTicks() == ScriptedFault.FOREVER ? Long.MAX_VALUE : now + f.lastsTicks();
                partitions.add(new Partition(f.side(), now, until));
                trace.record(now, Kind.PARTITION, node.id, 0, "scripted: " + f);
            }
            return f;
        }
        return null;
    }

    private void randomCrashes() {
        for (int id : ids) {
            Node node = nodes[id];
            if (node.core != null && random.nextDouble() < scenario.crashChance()) {
                crash(node, 1 + random.nextLong(scenario.maxDownTicks()), "random crash");
            }
        }
    }

    private void crash(Node node, long downTicks, String why) {
        node.core = null;
        node.resource.crash();
        node.incarnation++;
        node.downUntil = downTicks == ScriptedFault.FOREVER ? Long.MAX_VALUE : now + downTicks;
        trace.record(now, Kind.CRASH, node.id, 0, why);
    }

    private void restartDue() {
        for (int id : ids) {
            Node node = nodes[id];
            if (node.core == null && node.downUntil <= now) {
                trace.record(now, Kind.RESTART, node.id, 0, "restart from " + node.records.size() + " records");
                start(node);
            }
        }
    }

    private void start(Node node) {
        node.core = protocol.create(new CommitContext(node.id, ids, new SplittableRandom(seed * 1_000_003L + node.id * 7919L
            + node.incarnation), node.hardState.clone(), List.copyOf(node.records)));
        node.depth = 0;
        node.writeDepth = 0;
        drain(node);
    }

    private void beginQuiet() {
        quiet = true;
        partitions.clear();
        for (int id : ids) {
            nodes[id].downUntil = Math.min(nodes[id].downUntil, now);
        }
        trace.record(now, Kind.QUIET, 0, 0, "quiet part: heal, restart every node, no losses");
    }

    private boolean cut(int a, int b) {
        if (quiet || a == b) {
            return false;
        }
        for (Partition p : partitions) {
            if (p.cuts(a, b, now)) {
                return true;
            }
        }
        return false;
    }

    private List<TransactionId> unresolved() {
        List<TransactionId> open = new ArrayList<>();
        for (Blocked b : oracle.stillBlocked(now)) {
            if (!open.contains(b.transaction())) {
                open.add(b.transaction());
            }
        }
        return open;
    }

    private Map<TransactionId, CommitRun.Cost> costs() {
        Map<TransactionId, CommitRun.Cost> out = new TreeMap<>();
        costs.forEach((t, c) -> out.put(t, new CommitRun.Cost(c[0], c[1], c[2], c[3])));
        return out;
    }

    private void report(Optional<Breach> found) {
        found.ifPresent(b -> fail(b.check(), b.transaction(), b.detail()));
    }

    private void fail(String check, TransactionId t, String detail) {
        if (breach == null) {
            breach = new Breach(check, t, detail);
            trace.record(now, Kind.VIOLATION, 0, 0, breach.toString());
        }
    }

    private static String name(Envelope e) {
        return e.message().getClass().getSimpleName();
    }
}
