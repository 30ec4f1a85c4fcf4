package io.synod.paxos.basic;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;
import io.synod.paxos.AppliedOnce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A small deterministic loop over a few Basic Paxos cores, for tests in this package: one
 * seeded {@link Random} decides message order, drops, duplicates and crashes. Each node has a
 * disk (hard state, log, snapshot) to which a Ready is applied in the contract's order; a crash
 * while handling a Ready loses a random part of that Ready's persist step (hard state all or
 * nothing, a prefix of the appends) and everything after it. Committed entries go through the
 * shared {@link AppliedOnce}, which refuses gaps.
 *
 * <p>Checks, failing with the seed in the message: agreement (no two commits of one slot
 * differ, on any node, ever) and validity (every committed command was proposed).
 */
final class LoopCluster {

    /** Fault rates, all zero for a quiet run. */
    record Faults(double drop, double duplicate, double crash, int snapshotEvery) {
        static final Faults NONE = new Faults(0, 0, 0, 0);
    }

    final long seed;
    private final Random random;
    private final BasicPaxos protocol;
    private final int[] members;
    private final Map<Integer, Node> nodes = new LinkedHashMap<>();
    private final List<Envelope> network = new ArrayList<>();
    /** Snapshots cores asked to send, as (from, to): carried out whole at the next round, as the runtime's chunks would be eventually. */
    private final List<int[]> transfers = new ArrayList<>();
    private final Map<Long, byte[]> firstCommit = new HashMap<>();
    private final Set<List<Long>> proposed = new HashSet<>();
    private Faults faults = Faults.NONE;

    LoopCluster(long seed, BasicPaxos protocol, int... members) {
        this.seed = seed;
        this.random = new Random(seed);
        this.protocol = protocol;
        this.members = members.clone();
        for (int id : members) {
            Node node = new Node(id);
            nodes.put(id, node);
            node.start();
        }
    }

    void faults(Faults faults) {
        this.faults = faults;
    }

    Node node(int id) {
        return nodes.get(id);
    }

    /** A client asks {@code at} to order a command with the given payload. */
    void propose(int at, Command command) {
        proposed.add(List.of(command.clientId(), command.sequence()));
        Node node = nodes.get(at);
        if (node.up) {
            node.core.propose(command);
            node.drain();
        }
    }

    /** Delivers up to {@code messages} messages in random order, then ticks every node once. */
    void round(int messages) {
        List<int[]> asked = new ArrayList<>(transfers);
        transfers.clear();
        for (int[] t : asked) {
            transfer(nodes.get(t[0]), nodes.get(t[1]));
        }
        for (int i = 0; i < messages && !network.isEmpty(); i++) {
            Envelope e = network.remove(random.nextInt(network.size()));
            Node to = nodes.get(e.to());
            if (to != null && to.up) {
                to.core.step(e);
                to.drain();
            }
        }
        for (Node node : nodes.values()) {
            if (node.up) {
                node.core.tick();
                node.drain();
            } else if (--node.downTicks <= 0) {
                node.start();
            }
        }
    }

    /** The runtime's snapshot transfer, in one step: install at {@code to} if it lacks the state, then tell {@code from}. */
    private void transfer(Node from, Node to) {
        if (!from.up || from.snapshot == null || to == null || !to.up) {
            return;
        }
        SnapshotMeta s = from.snapshot;
        if (s.index() > to.applied.appliedIndex()) {
            to.restore(s, from.snapshotData);
            to.snapshot = s;
            to.snapshotData = from.snapshotData;
            to.log.removeIf(e -> e.index() <= s.index());
            to.core.snapshotInstalled(s);
            to.drain();
        }
        from.core.snapshotSent(to.id, s);
        from.drain();
    }

    /** Restarts every crashed node and stops injecting faults. */
    void heal() {
        faults = Faults.NONE;
        for (Node node : nodes.values()) {
            if (!node.up) {
                node.start();
            }
        }
    }

    /** The slot-to-value map committed somewhere, first commit per slot. */
    Map<Long, byte[]> firstCommits() {
        return firstCommit;
    }

    private String where() {
        return " (seed " + seed + ")";
    }

    /** One node: its core, its disk, its applied state. */
    final class Node {
        final int id;
        ProtocolCore core;
        boolean up;
        int downTicks;
        int incarnation;
        byte[] hardState = new byte[0];
        SnapshotMeta snapshot;
        byte[] snapshotData;
        final List<LogEntry> log = new ArrayList<>();
        AppliedOnce applied;
        /** Every (slot, data) this node ever committed, kept across restarts. */
        final TreeMap<Long, byte[]> committed = new TreeMap<>();
        final List<Ready> readies = new ArrayList<>();

        Node(int id) {
            this.id = id;
        }

        void start() {
            up = true;
            incarnation++;
            applied = new AppliedOnce();
            if (snapshot != null) {
                restore(snapshot, snapshotData);
            }
            Random nodeRandom = new Random(seed * 31 + id * 1_000_003L + incarnation);
            core = protocol.create(new ProtocolContext(id, members, new int[0], nodeRandom,
                new Recovered(hardState, snapshot, List.copyOf(log))));
            drain();
        }

        void restore(SnapshotMeta s, byte[] data) {
            try {
                applied.restore(s, new java.io.ByteArrayInputStream(data));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void drain() {
            while (up && core.hasReady()) {
                handle(core.ready());
            }
        }

        private void handle(Ready ready) {
            readies.add(ready);
            boolean crash = random.nextDouble() < faults.crash();
            int point = crash ? random.nextInt(3) : 3;
            if (point == 0) {
                crash();
                return;
            }
            persist(ready, point == 1);
            if (point == 1) {
                crash();
                return;
            }
            boolean crashBeforeApply = crash && random.nextBoolean();
            for (Envelope e : ready.allMessages()) {
                send(e);
            }
            for (int peer : ready.snapshotRecipients()) {
                transfers.add(new int[] {id, peer});
            }
            if (crashBeforeApply || point == 2) {
                crash();
                return;
            }
            for (LogEntry entry : ready.committed()) {
                commit(entry);
            }
            if (faults.snapshotEvery() > 0 && applied.appliedIndex() - (snapshot == null ? 0 : snapshot.index())
                >= faults.snapshotEvery()) {
                SnapshotMeta s = applied.snapshotMeta();
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                try {
                    applied.snapshot().writeTo(bytes);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                snapshot = s;
                snapshotData = bytes.toByteArray();
                log.removeIf(e -> e.index() <= s.index());
                core.compacted(s);
            }
        }

        private void persist(Ready ready, boolean torn) {
            if (ready.hardState() != null && !(torn && random.nextBoolean())) {
                hardState = ready.hardState();
            }
            if (ready.truncateFrom() > 0) {
                log.removeIf(e -> e.index() >= ready.truncateFrom());
            }
            int keep = torn ? random.nextInt(ready.entries().size() + 1) : ready.entries().size();
            for (LogEntry e : ready.entries().subList(0, keep)) {
                long next = log.isEmpty() ? (snapshot == null ? 1 : snapshot.index() + 1) : log.get(log.size() - 1).index() + 1;
                if (e.index() != next) {
                    throw new AssertionError("node " + id + " appended slot " + e.index() + " where " + next + " was due" + where());
                }
                log.add(e);
            }
        }

        private void commit(LogEntry entry) {
            byte[] first = firstCommit.putIfAbsent(entry.index(), entry.data());
            if (first != null && !Arrays.equals(first, entry.data())) {
                throw new AssertionError("agreement broken: slot " + entry.index() + " committed as two values" + where());
            }
            for (Command c : CommandBatch.decode(entry.data())) {
                if (!proposed.contains(List.of(c.clientId(), c.sequence()))) {
                    throw new AssertionError("validity broken: slot " + entry.index() + " holds unproposed " + c + where());
                }
            }
            committed.put(entry.index(), entry.data());
            try {
                applied.apply(entry);
            } catch (IllegalStateException e) {
                throw new AssertionError("node " + id + ": " + e.getMessage() + where(), e);
            }
        }

        private void crash() {
            up = false;
            downTicks = 1 + random.nextInt(20);
        }

        /** The payloads this node's state machine applied, in order. */
        List<String> appliedPayloads() {
            return applied.payloads();
        }
    }

    private void send(Envelope e) {
        if (random.nextDouble() < faults.drop()) {
            return;
        }
        network.add(e);
        if (random.nextDouble() < faults.duplicate()) {
            network.add(e);
        }
    }
}
