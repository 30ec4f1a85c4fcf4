package io.synod.zab;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.ProtocolContext;
import io.synod.api.Ready;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;
import io.synod.api.WallClock;
import io.synod.zab.message.ZabMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A hand-driven cluster for transcript tests: cores, a disk per node that keeps exactly what was
 * persisted, and a network that delivers in FIFO order unless a test drops, holds or cuts messages.
 * Each node carries out a {@link Ready} as the SPI says: early messages, persist, send, commit.
 */
final class Harness {

    /** What one node's disk holds. */
    static final class Disk {
        byte[] hardState = new byte[0];
        SnapshotMeta snapshot;
        final List<LogEntry> log = new ArrayList<>();

        Recovered recovered() {
            return new Recovered(hardState.clone(), snapshot, List.copyOf(log));
        }

        void persist(Ready r) {
            if (r.hardState() != null) {
                hardState = r.hardState().clone();
            }
            if (r.truncateFrom() > 0) {
                log.removeIf(e -> e.index() >= r.truncateFrom());
            }
            log.addAll(r.entries());
        }

        /** A snapshot through {@code s} is stored (taken here or streamed from a peer): the log keeps what lies above. */
        void snapshot(SnapshotMeta s) {
            if (snapshot == null || s.index() > snapshot.index()) {
                snapshot = s;
                log.removeIf(e -> e.index() <= s.index());
            }
        }

        long lastIndex() {
            return log.isEmpty() ? (snapshot == null ? 0 : snapshot.index()) : log.get(log.size() - 1).index();
        }

        ZabHardState hard() {
            return ZabHardState.decode(hardState);
        }
    }

    final Zab zab;
    final int[] voters;
    final int[] observers;
    final Map<Integer, ZabCore> cores = new HashMap<>();
    final Map<Integer, Disk> disks = new HashMap<>();
    final Map<Integer, List<LogEntry>> committed = new HashMap<>();
    final List<ClientReply> replies = new ArrayList<>();
    final List<Envelope> sent = new ArrayList<>();
    /** Snapshot transfers carried out, as (from, to). */
    final List<int[]> snapshotsStreamed = new ArrayList<>();
    /** Per node, the highest snapshot streamed to it (its state machine holds everything through it). */
    final Map<Integer, Long> committedThroughSnapshot = new HashMap<>();
    private final ArrayDeque<int[]> snapshotsAsked = new ArrayDeque<>();
    private final ArrayDeque<Envelope> network = new ArrayDeque<>();
    private final Set<Integer> isolated = new HashSet<>();
    private Predicate<Envelope> drop = e -> false;
    /** Node → number of further Readys it carries out before it crashes (before persisting the next). */
    private final Map<Integer, Integer> crashAfter = new HashMap<>();
    /** Node → the kind of Ready it crashes before persisting (its early messages leave first). */
    private final Map<Integer, Predicate<Ready>> crashBefore = new HashMap<>();
    private long seed = 1;
    /** The wall clock every core is started with (it stamps the batches a leader cuts). */
    WallClock clock = WallClock.ZERO;

    Harness(Zab zab, int[] voters, int... observers) {
        this.zab = zab;
        this.voters = voters;
        this.observers = observers;
        for (int v : voters) {
            disks.put(v, new Disk());
        }
        for (int o : observers) {
            disks.put(o, new Disk());
        }
    }

    static Harness of(int voters) {
        int[] ids = new int[voters];
        for (int i = 0; i < voters; i++) {
            ids[i] = i + 1;
        }
        return new Harness(Zab.builder().build(), ids);
    }

    void startAll() {
        for (int id : disks.keySet()) {
            start(id);
        }
    }

    void start(int id) {
        ZabCore core = (ZabCore) zab.create(new ProtocolContext(id, voters, observers, new SplittableRandom(seed++),
            disks.get(id).recovered(), clock));
        cores.put(id, core);
        committed.put(id, new ArrayList<>());
        drain(id);
    }

    void crash(int id) {
        cores.remove(id);
        network.removeIf(e -> e.to() == id);
    }

    boolean isUp(int id) {
        return cores.containsKey(id);
    }

    /** The node crashes just before it persists its {@code n+1}-th Ready from now. */
    void crashAfterReadys(int id, int n) {
        crashAfter.put(id, n);
    }

    /** The node crashes just before it persists the first Ready that {@code which} picks. */
    void crashBefore(int id, Predicate<Ready> which) {
        crashBefore.put(id, which);
    }

    void isolate(int id) {
        isolated.add(id);
    }

    void heal() {
        isolated.clear();
        drop = e -> false;
    }

    /** Drops every message the predicate picks until {@link #heal()}. */
    void dropWhere(Predicate<Envelope> p) {
        drop = p;
    }

    /** Puts a message back on the network (one that was dropped, say) and delivers: it arrives late. */
    void redeliver(Envelope e) {
        network.addLast(e);
        deliver();
    }

    ZabCore core(int id) {
        return cores.get(id);
    }

    Disk disk(int id) {
        return disks.get(id);
    }

    void drain(int id) {
        ZabCore core = cores.get(id);
        while (core != null && core.hasReady()) {
            carryOut(id, core.ready());
            core = cores.get(id);
        }
    }

    /** Node {@code id} carries out one Ready it cut (a test that reads a Ready first hands it on here). */
    void carryOut(int id, Ready r) {
        Predicate<Ready> before = crashBefore.get(id);
        if (before != null && before.test(r)) {
            crashBefore.remove(id);
            route(r.earlyMessages());
            crash(id);
            return;
        }
        Integer left = crashAfter.get(id);
        if (left != null) {
            if (left == 0) {
                crashAfter.remove(id);
                route(r.earlyMessages());
                crash(id);
                return;
            }
            crashAfter.put(id, left - 1);
        }
        route(r.earlyMessages());
        disks.get(id).persist(r);
        route(r.messages());
        snapshotsAsked.addAll(r.snapshotRecipients().stream().map(to -> new int[] {id, to}).toList());
        committed.get(id).addAll(r.committed());
        replies.addAll(r.replies());
    }

    private void route(List<Envelope> messages) {
        for (Envelope e : messages) {
            sent.add(e);
            if (!isolated.contains(e.from()) && !isolated.contains(e.to()) && !drop.test(e)) {
                network.addLast(e);
            }
        }
    }

    /** Delivers messages, and snapshots cores asked to be streamed, until none is in flight (bounded, in case of a loop). */
    void deliver() {
        for (int i = 0; i < 100_000 && (!network.isEmpty() || !snapshotsAsked.isEmpty()); i++) {
            if (network.isEmpty()) {
                int[] transfer = snapshotsAsked.pollFirst();
                transferSnapshot(transfer[0], transfer[1]);
                continue;
            }
            Envelope e = network.pollFirst();
            ZabCore core = cores.get(e.to());
            if (core != null) {
                core.step(e);
                drain(e.to());
            }
        }
    }

    /** The driver's snapshot transfer, done at once: the sender's newest snapshot is installed at the peer. */
    private void transferSnapshot(int from, int to) {
        SnapshotMeta s = disks.get(from).snapshot;
        ZabCore core = cores.get(to);
        if (s == null || core == null || isolated.contains(from) || isolated.contains(to)) {
            return;
        }
        snapshotsStreamed.add(new int[] {from, to});
        disks.get(to).snapshot(s);
        committedThroughSnapshot.merge(to, s.index(), Math::max);
        core.snapshotInstalled(s);
        drain(to);
    }

    /** Node {@code id} folds its log through {@code s} into a snapshot, as the driver does after applying. */
    void compact(int id, SnapshotMeta s) {
        disks.get(id).snapshot(s);
        cores.get(id).compacted(s);
        drain(id);
    }

    /** {@code n} ticks on every node that is up, delivering after each. */
    void tick(int n) {
        for (int t = 0; t < n; t++) {
            for (int id : new ArrayList<>(cores.keySet())) {
                ZabCore core = cores.get(id);
                if (core != null) {
                    core.tick();
                    drain(id);
                }
            }
            deliver();
        }
    }

    /** Ticks until {@code done} holds, at most {@code max} ticks; how many it took, or -1 if it never held. */
    int ticksUntil(java.util.function.BooleanSupplier done, int max) {
        for (int t = 0; t <= max; t++) {
            if (done.getAsBoolean()) {
                return t;
            }
            if (t < max) {
                tick(1);
            }
        }
        return -1;
    }

    /** Ticks until {@code done} holds, at most {@code max} ticks. */
    boolean tickUntil(java.util.function.BooleanSupplier done, int max) {
        return ticksUntil(done, max) >= 0;
    }

    /** The node that leads an established epoch, or -1. */
    int leader() {
        for (Map.Entry<Integer, ZabCore> c : cores.entrySet()) {
            if (c.getValue().leader().established()) {
                return c.getKey();
            }
        }
        return -1;
    }

    private long sequence;

    void propose(int at, String payload) {
        ZabCore core = cores.get(at);
        core.propose(new Command(7, ++sequence, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        drain(at);
        deliver();
    }

    /** The payloads node {@code id} committed, in order (no-ops left out). */
    List<String> committedPayloads(int id) {
        List<String> out = new ArrayList<>();
        for (LogEntry e : committed.get(id)) {
            for (Command c : CommandBatch.decode(e.data())) {
                out.add(new String(c.payload(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The messages of one type node {@code from} sent to {@code to}. */
    <M extends ZabMessage> List<M> sent(Class<M> type, int from, int to) {
        List<M> out = new ArrayList<>();
        for (Envelope e : sent) {
            if (e.from() == from && e.to() == to && type.isInstance(e.message())) {
                out.add(type.cast(e.message()));
            }
        }
        return out;
    }
}
