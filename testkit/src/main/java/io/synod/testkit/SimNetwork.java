package io.synod.testkit;

import io.synod.api.Envelope;
import io.synod.testkit.trace.Trace;
import io.synod.testkit.trace.TraceEvent;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * The simulated network between nodes 1..n. Each message between two distinct nodes may be
 * dropped, duplicated and delayed (minimum plus an exponential tail, so later messages overtake
 * earlier ones); partitions block links (checked at send and again at delivery; a link cut by
 * several overlapping partitions stays cut until the last of them heals); a clogged link
 * holds its messages until it is unclogged, then releases them with fresh delays.
 *
 * <p>A node's messages to itself (its roles talking to each other) are never lost, duplicated
 * or blocked: they are a local hand-off that only passes through here so that they still leave
 * after the sender's persist step.
 */
final class SimNetwork {

    /** Hands an arrived message to its node. */
    interface Receiver {
        void deliver(Envelope envelope, long sentAt);
    }

    private final int n;
    private final EventQueue queue;
    private final SplittableRandom random;
    private final Trace trace;
    private final Receiver receiver;
    private final SimulationStats stats;
    /** Per link, how many partitions now cut it. */
    private final int[][] blocked;
    private final boolean[][] clogged;
    private final ArrayDeque<Envelope>[][] held;
    private double drop;
    private double duplicate;
    private final long minDelay;
    private final long meanExtraDelay;
    private long now;

    @SuppressWarnings("unchecked")
    SimNetwork(int n, EventQueue queue, SplittableRandom random, Trace trace, Receiver receiver,
               SimulationStats stats, double drop, double duplicate, long minDelay, long meanExtraDelay) {
        this.n = n;
        this.queue = queue;
        this.random = random;
        this.trace = trace;
        this.receiver = receiver;
        this.stats = stats;
        this.blocked = new int[n + 1][n + 1];
        this.clogged = new boolean[n + 1][n + 1];
        this.held = new ArrayDeque[n + 1][n + 1];
        this.drop = drop;
        this.duplicate = duplicate;
        this.minDelay = minDelay;
        this.meanExtraDelay = meanExtraDelay;
    }

    void now(long now) {
        this.now = now;
    }

    /** Stops losing and duplicating messages (the quiet period). */
    void calm() {
        drop = 0;
        duplicate = 0;
    }

    void send(Envelope e) {
        int from = e.from();
        int to = e.to();
        if (to < 1 || to > n) {
            throw new SimDisk.ContractViolation("node " + from + " sent " + e.message().getClass().getSimpleName()
                + " to node " + to + ", which is not in the cluster 1.." + n);
        }
        stats.sent++;
        trace.record(now, TraceEvent.Kind.SEND, from, to, e.message());
        if (from == to) {
            schedule(e, now, minDelay);
            return;
        }
        if (blocked[from][to] > 0) {
            lose(e, now, "partitioned");
            return;
        }
        if (drop > 0 && random.nextDouble() < drop) {
            lose(e, now, "dropped");
            return;
        }
        int copies = duplicate > 0 && random.nextDouble() < duplicate ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            if (i > 0) {
                stats.duplicated++;
                trace.record(now, TraceEvent.Kind.DUPLICATE, from, to, e.message());
            }
            if (clogged[from][to]) {
                held(from, to).add(e);
                trace.record(now, TraceEvent.Kind.CLOG, from, to, "held: " + e.message().getClass().getSimpleName());
            } else {
                schedule(e, now, delay());
            }
        }
    }

    private void schedule(Envelope e, long sentAt, long delay) {
        queue.schedule(now + delay, () -> arrive(e, sentAt));
    }

    private void arrive(Envelope e, long sentAt) {
        if (e.from() != e.to() && blocked[e.from()][e.to()] > 0) {
            lose(e, sentAt, "partitioned in flight");
            return;
        }
        receiver.deliver(e, sentAt);
    }

    private void lose(Envelope e, long sentAt, String why) {
        stats.dropped++;
        if (why.startsWith("partitioned")) {
            stats.partitioned++;
        }
        trace.record(now, TraceEvent.Kind.DROP, e.to(), e.from(), sentAt, why + ": " + e.message().getClass().getSimpleName());
    }

    long delay() {
        return delay(random);
    }

    /** A delay drawn from {@code source} rather than the network's own stream. */
    long delay(SplittableRandom source) {
        if (meanExtraDelay == 0) {
            return minDelay;
        }
        double u = source.nextDouble();
        long extra = (long) (-meanExtraDelay * Math.log(1 - u));
        return minDelay + Math.min(extra, 20 * meanExtraDelay);
    }

    private ArrayDeque<Envelope> held(int from, int to) {
        if (held[from][to] == null) {
            held[from][to] = new ArrayDeque<>();
        }
        return held[from][to];
    }

    /** One more partition cuts the link {@code from → to}. */
    void block(int from, int to) {
        if (from != to) {
            blocked[from][to]++;
        }
    }

    /** One partition that cut {@code from → to} healed; the link works again once none cuts it. */
    void unblock(int from, int to) {
        if (from != to && blocked[from][to] > 0) {
            blocked[from][to]--;
        }
    }

    boolean isBlocked(int from, int to) {
        return blocked[from][to] > 0;
    }

    void healPartitions() {
        for (int[] row : blocked) {
            java.util.Arrays.fill(row, 0);
        }
    }

    void clog(int from, int to) {
        clogged[from][to] = true;
    }

    void unclog(int from, int to) {
        clogged[from][to] = false;
        ArrayDeque<Envelope> waiting = held[from][to];
        while (waiting != null && !waiting.isEmpty()) {
            Envelope e = waiting.poll();
            schedule(e, now, delay());
        }
    }

    void unclogAll() {
        for (int a = 1; a <= n; a++) {
            for (int b = 1; b <= n; b++) {
                if (clogged[a][b]) {
                    unclog(a, b);
                }
            }
        }
    }
}
