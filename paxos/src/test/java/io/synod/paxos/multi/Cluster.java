package io.synod.paxos.multi;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;
import io.synod.api.SnapshotWriter;
import io.synod.paxos.AppliedOnce;
import io.synod.storage.MemoryLogStore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A tiny deterministic driver for tests: cores, their disks (memory log, hard state, snapshot),
 * what they applied (each command once), and a FIFO network that can lose nodes.
 * It carries out each Ready in the contract's order and checks the ordering rules on the way.
 */
final class Cluster {

    /** One node's durable state, which survives a crash. */
    static final class Disk {
        final MemoryLogStore log = new MemoryLogStore();
        byte[] hardState = new byte[0];
        SnapshotMeta snapshot;
        byte[] snapshotData;

        Recovered recovered() {
            long from = Math.max(log.firstIndex(), snapshot == null ? 1 : snapshot.index() + 1);
            return new Recovered(hardState, snapshot, log.entries(from, log.lastIndex() + 1));
        }
    }

    final MultiPaxos protocol;
    final int[] members;
    final int[] observers;
    final long seed;
    final Map<Integer, ProtocolCore> cores = new HashMap<>();
    final Map<Integer, Disk> disks = new HashMap<>();
    final Map<Integer, AppliedOnce> states = new HashMap<>();
    final Map<Integer, List<ClientReply>> replies = new HashMap<>();
    final ArrayDeque<Envelope> network = new ArrayDeque<>();
    final Set<Integer> down = new HashSet<>();
    final Set<Integer> isolated = new HashSet<>();
    int delivered;
    /** Every value committed anywhere, by slot: a second, different value for a slot is a safety violation. */
    final Map<Long, LogEntry> chosen = new HashMap<>();
    /** Faults, when set: a seeded source, drop and duplicate rates, and the chance of a torn write per Ready. */
    Random chaos;
    double dropRate;
    double duplicateRate;
    double tornWriteRate;

    Cluster(MultiPaxos protocol, int[] members, int[] observers, long seed) {
        this.protocol = protocol;
        this.members = members;
        this.observers = observers;
        this.seed = seed;
        for (int n : all()) {
            disks.put(n, new Disk());
            replies.put(n, new ArrayList<>());
            start(n);
        }
    }

    int[] all() {
        return java.util.stream.IntStream.concat(java.util.Arrays.stream(members), java.util.Arrays.stream(observers)).toArray();
    }

    private void start(int n) {
        Disk disk = disks.get(n);
        AppliedOnce state = new AppliedOnce();
        if (disk.snapshot != null) {
            restore(state, disk.snapshot, disk.snapshotData);
        }
        states.put(n, state);
        ProtocolContext context = new ProtocolContext(n, members, observers, new Random(seed * 31 + n), disk.recovered(), disk.log);
        cores.put(n, protocol.create(context));
        drain(n);
    }

    void crash(int n) {
        down.add(n);
        cores.remove(n);
    }

    void restart(int n) {
        down.remove(n);
        start(n);
    }

    ProtocolCore core(int n) {
        return cores.get(n);
    }

    List<String> applied(int n) {
        return states.get(n).payloads();
    }

    /** Carries out every Ready the node has, in the contract's order. */
    void drain(int n) {
        ProtocolCore core = cores.get(n);
        while (core.hasReady()) {
            Ready r = core.ready();
            Disk disk = disks.get(n);
            network.addAll(r.earlyMessages()); // they may leave before the batch is durable, so a tear finds them sent
            if (chaos != null && r.mustPersist() && chaos.nextDouble() < tornWriteRate) {
                tear(n, r);
                return;
            }
            if (r.hardState() != null) {
                disk.hardState = r.hardState().clone();
            }
            if (r.truncateFrom() > 0) {
                disk.log.truncateSuffix(r.truncateFrom());
            }
            disk.log.append(r.entries());
            network.addAll(r.messages());
            for (int peer : r.snapshotRecipients()) {
                transfers.addLast(new int[] {n, peer});
            }
            for (LogEntry e : r.committed()) {
                LogEntry first = chosen.putIfAbsent(e.index(), e);
                if (first != null && !java.util.Arrays.equals(first.data(), e.data())) {
                    throw new AssertionError("slot " + e.index() + " committed as " + first + " and as " + e + " on node " + n
                        + " (seed " + seed + "; repro: -Dsynod.seed=" + seed + ")");
                }
                states.get(n).apply(e);
            }
            replies.get(n).addAll(r.replies());
        }
    }

    /**
     * The node crashes while persisting {@code r}: the hard state survives, and of the log a
     * prefix of plain appends, or a rewrite (truncation and appends) whole or not at all.
     */
    private void tear(int n, Ready r) {
        Disk disk = disks.get(n);
        if (r.hardState() != null) {
            disk.hardState = r.hardState().clone();
        }
        if (r.truncateFrom() > 0) {
            if (chaos.nextBoolean()) {
                disk.log.truncateSuffix(r.truncateFrom());
                disk.log.append(r.entries());
            }
        } else {
            int kept = chaos.nextInt(r.entries().size() + 1);
            disk.log.append(r.entries().subList(0, kept));
        }
        crash(n);
    }

    /** The driver took a snapshot of what node {@code n} applied, keeping {@code retention} entries of log below it. */
    void compact(int n, long retention) {
        AppliedOnce state = states.get(n);
        SnapshotMeta s = state.snapshotMeta();
        Disk disk = disks.get(n);
        disk.snapshot = s;
        disk.snapshotData = bytes(state.snapshot());
        disk.log.compactPrefix(s.index() - retention);
        cores.get(n).compacted(s);
        drain(n);
    }

    /** The driver took a snapshot of what node {@code n} applied. */
    void compact(int n) {
        compact(n, 0);
    }

    /** Snapshots the cores asked to send, carried out whole at the next round (as the runtime's chunks would, eventually). */
    final ArrayDeque<int[]> transfers = new ArrayDeque<>();
    int installs;

    private void transfer(int from, int to) {
        Disk source = disks.get(from);
        if (source.snapshot == null || down.contains(to) || isolated.contains(to) || isolated.contains(from)) {
            return;
        }
        SnapshotMeta s = source.snapshot;
        AppliedOnce state = states.get(to);
        if (s.index() > state.appliedIndex()) {
            Disk disk = disks.get(to);
            restore(state, s, source.snapshotData);
            disk.snapshot = s;
            disk.snapshotData = source.snapshotData;
            if (disk.log.lastIndex() <= s.index()) {
                disk.log.reset(s.index());
            } else {
                disk.log.compactPrefix(s.index());
            }
            installs++;
            cores.get(to).snapshotInstalled(s);
            drain(to);
        }
        if (!down.contains(from)) {
            cores.get(from).snapshotSent(to, s);
            drain(from);
        }
    }

    private static byte[] bytes(SnapshotWriter writer) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            writer.writeTo(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void restore(AppliedOnce state, SnapshotMeta s, byte[] data) {
        try {
            state.restore(s, new java.io.ByteArrayInputStream(data));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void propose(int n, String payload, long client, long seq) {
        cores.get(n).propose(new Command(client, seq, payload.getBytes()));
        drain(n);
    }

    /** Delivers what is in flight now (FIFO), then ticks every live node once. */
    void round() {
        if (chaos != null) {
            List<Envelope> inFlight = new ArrayList<>(network);
            network.clear();
            java.util.Collections.shuffle(inFlight, chaos);
            for (Envelope e : inFlight) {
                if (chaos.nextDouble() >= dropRate) {
                    network.addLast(e);
                }
                if (chaos.nextDouble() < duplicateRate) {
                    network.addLast(e);
                }
            }
        }
        for (int i = network.size(); i > 0; i--) {
            Envelope e = network.pollFirst();
            if (down.contains(e.to()) || isolated.contains(e.to()) || isolated.contains(e.from())) {
                continue;
            }
            if (down.contains(e.to())) {
                continue;
            }
            cores.get(e.to()).step(e);
            delivered++;
            drain(e.to());
        }
        for (int i = transfers.size(); i > 0; i--) {
            int[] t = transfers.pollFirst();
            transfer(t[0], t[1]);
        }
        for (int n : all()) {
            if (!down.contains(n)) {
                cores.get(n).tick();
                drain(n);
            }
        }
    }

    /** Proposes at a live node; returns false if every node is down. */
    boolean proposeAnywhere(String payload, long client, long seq, Random random) {
        List<Integer> live = new ArrayList<>();
        for (int n : members) {
            if (!down.contains(n)) {
                live.add(n);
            }
        }
        if (live.isEmpty()) {
            return false;
        }
        int leader = leader();
        propose(leader >= 0 ? leader : live.get(random.nextInt(live.size())), payload, client, seq);
        return true;
    }

    /** Runs rounds until {@code done}; fails with the seed if it takes more than {@code max}. */
    void runUntil(BooleanSupplier done, int max, String what) {
        for (int i = 0; i < max; i++) {
            if (done.getAsBoolean()) {
                return;
            }
            round();
        }
        StringBuilder state = new StringBuilder();
        for (int n : all()) {
            state.append("\n  node ").append(n).append(down.contains(n) ? " down" : " " + cores.get(n).status())
                .append(", applied ").append(applied(n).size()).append(", log (").append(disks.get(n).log.firstIndex() - 1)
                .append(", ").append(disks.get(n).log.lastIndex()).append("]");
        }
        throw new AssertionError("not reached within " + max + " rounds: " + what + " (seed " + seed
            + "; repro: add -Dsynod.seed=" + seed + " to the failing test's command)" + state);
    }

    int leader() {
        for (int n : members) {
            if (!down.contains(n) && !isolated.contains(n) && cores.get(n).status().isLeader()) {
                return n;
            }
        }
        return -1;
    }

    int awaitLeader() {
        runUntil(() -> leader() >= 0, 500, "a leader is elected");
        return leader();
    }
}
