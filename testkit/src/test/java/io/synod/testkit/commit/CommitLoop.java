package io.synod.testkit.commit;

import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.commit.CommitContext;
import io.synod.api.commit.CommitCore;
import io.synod.api.commit.CommitProtocol;
import io.synod.api.commit.CommitReady;
import io.synod.api.commit.Outcome;
import io.synod.api.commit.ResourceCall;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;
import io.synod.testkit.commit.AtomicityOracle.Breach;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A tiny deterministic driver for commit cores, for tests: nodes 1..n, each a core, a durable
 * record log and hard state, and a {@link MapResource}; one FIFO wire; ticks. It carries out each
 * {@link CommitReady} in the contract's order (persist, send, call the resource, report outcomes),
 * feeds votes back after the batch, and reports everything to an {@link AtomicityOracle}. Nodes
 * crash (losing the core, the resource's locks and messages on the way to them) and restart from
 * their records; links can be cut.
 */
final class CommitLoop {

    private final class Node {
        final int id;
        final MapResource resource = new MapResource();
        final List<LogEntry> records = new ArrayList<>();
        byte[] hardState = new byte[0];
        CommitCore core;

        Node(int id) {
            this.id = id;
        }
    }

    private final CommitProtocol protocol;
    private final int[] ids;
    private final Node[] nodes;
    private final ArrayDeque<Envelope> wire = new ArrayDeque<>();
    private final Set<Long> cut = new HashSet<>();
    private final AtomicityOracle oracle = new AtomicityOracle();
    private final List<Breach> breaches = new ArrayList<>();
    private final Map<TransactionId, Outcome> outcomes = new HashMap<>();
    private final Set<Integer> crashAfterPersist = new HashSet<>();
    private long now;

    CommitLoop(CommitProtocol protocol, int n) {
        this.protocol = protocol;
        this.ids = IntStream.rangeClosed(1, n).toArray();
        this.nodes = new Node[n + 1];
        for (int id : ids) {
            nodes[id] = new Node(id);
            start(nodes[id]);
        }
    }

    private void start(Node node) {
        node.core = protocol.create(new CommitContext(node.id, ids, new SplittableRandom(node.id), node.hardState, node.records));
        drain(node);
    }

    void begin(Transaction transaction) {
        report(oracle.begun(transaction.id(), transaction.participants(), now));
        Node coordinator = nodes[transaction.id().coordinator()];
        coordinator.core.begin(transaction);
        drain(coordinator);
    }

    /** Runs {@code count} ticks: each delivers what was on the wire when it began, then ticks every core. */
    void run(int count) {
        for (int i = 0; i < count && breaches.isEmpty(); i++) {
            now++;
            for (int k = wire.size(); k > 0; k--) {
                Envelope e = wire.poll();
                Node to = nodes[e.to()];
                if (to.core != null && !cut.contains(link(e.from(), e.to()))) {
                    to.core.step(e);
                    drain(to);
                }
            }
            for (int id : ids) {
                if (nodes[id].core != null) {
                    nodes[id].core.tick();
                    drain(nodes[id]);
                }
            }
        }
    }

    void crash(int id) {
        nodes[id].core = null;
        nodes[id].resource.crash();
        wire.removeIf(e -> e.to() == id);
    }

    /** The node's next batch that persists something is persisted, then the node crashes before sending. */
    void crashAfterNextPersist(int id) {
        crashAfterPersist.add(id);
    }

    boolean isUp(int id) {
        return nodes[id].core != null;
    }

    void restart(int id) {
        start(nodes[id]);
    }

    /** Cuts both directions between {@code a} and {@code b} until {@link #heal}. */
    void cut(int a, int b) {
        cut.add(link(a, b));
        cut.add(link(b, a));
    }

    void heal() {
        cut.clear();
    }

    private static long link(int from, int to) {
        return (long) from << 32 | to;
    }

    private void drain(Node node) {
        while (node.core != null && node.core.hasReady()) {
            CommitReady ready = node.core.ready();
            if (ready.hardState() != null) {
                node.hardState = ready.hardState();
            }
            for (LogEntry r : ready.records()) {
                long expected = node.records.isEmpty() ? 1 : node.records.get(node.records.size() - 1).index() + 1;
                if (r.index() != expected) {
                    throw new AssertionError("node " + node.id + " recorded index " + r.index() + ", expected " + expected);
                }
                node.records.add(r);
            }
            node.records.removeIf(r -> r.index() <= ready.releaseThrough());
            if (ready.mustPersist() && crashAfterPersist.remove(node.id)) {
                crash(node.id); // durable, but nothing of the batch was sent, called or reported
                return;
            }
            wire.addAll(ready.messages());
            List<Object[]> votes = new ArrayList<>();
            for (ResourceCall call : ready.resourceCalls()) {
                if (call instanceof ResourceCall.Prepare p) {
                    Vote vote = node.resource.prepare(p.transaction(), p.part());
                    report(oracle.voted(p.transaction(), node.id, vote, now));
                    votes.add(new Object[] {p.transaction(), vote});
                } else if (call instanceof ResourceCall.Restore r) {
                    node.resource.restorePrepared(r.transaction(), r.part());
                } else if (call instanceof ResourceCall.Commit c) {
                    node.resource.commit(c.transaction());
                    report(oracle.decided(c.transaction(), node.id, true, now));
                } else {
                    node.resource.abort(call.transaction());
                    report(oracle.decided(call.transaction(), node.id, false, now));
                }
            }
            for (Outcome o : ready.outcomes()) {
                report(oracle.outcome(o, now));
                outcomes.put(o.transaction(), o);
            }
            for (Object[] v : votes) {
                node.core.resourceVoted((TransactionId) v[0], (Vote) v[1]);
            }
        }
    }

    private void report(Optional<Breach> breach) {
        breach.ifPresent(breaches::add);
    }

    /** The first rule broken, if any. */
    Optional<Breach> breach() {
        return breaches.stream().findFirst();
    }

    AtomicityOracle oracle() {
        return oracle;
    }

    Outcome outcome(TransactionId transaction) {
        return outcomes.get(transaction);
    }

    MapResource resource(int id) {
        return nodes[id].resource;
    }

    long now() {
        return now;
    }
}
