package io.synod.testkit;

import io.synod.api.Command;
import io.synod.testkit.trace.TraceEvent;

/**
 * A simulated client: one operation outstanding at a time, sent to its last known leader, to a
 * leader hint from a rejection, or to a random node (half of all ReadIndex reads go to a random
 * replica, so that follower reads are exercised; every local read goes to a random node, replica
 * or observer). On a timeout it retries the <em>same</em> command (same client id and sequence)
 * at another node; after {@code giveUpTicks} without an answer it records the operation as
 * indeterminate and moves on. Every invocation and response goes into the run's history.
 *
 * <p>It remembers the highest log index any answer reflected (ZooKeeper's last zxid) and sends
 * it with each local read, so that no node answers it from older state than it has seen.
 */
final class Client<I, O> {

    private final int index;
    private final long clientId;
    private final Simulation<I, O> sim;
    private long sequence;
    private long operations;
    private boolean busy;
    private I input;
    private byte[] payload;
    private boolean viaReadIndex;
    private boolean viaLocal;
    /** The highest log index an answer to this client reflected. */
    private long seenIndex;
    private int historyId;
    private long key;
    private long invokedAt;
    private int token;
    private int leaderHint = -1;
    private int lastGood = -1;

    Client(int index, Simulation<I, O> sim) {
        this.index = index;
        this.clientId = 1000L + index;
        this.sim = sim;
    }

    long clientId() {
        return clientId;
    }

    boolean busy() {
        return busy;
    }

    /** Issues the next operation if the run still takes new ones. */
    void issue() {
        if (busy || !sim.issuing()) {
            return;
        }
        SimulationConfig<I, O> config = sim.config();
        input = config.workload().next(sim.random(), index, ++operations);
        payload = config.workload().encode(input);
        viaReadIndex = config.readMode() == ReadMode.READ_INDEX && config.workload().isRead(input);
        viaLocal = config.readMode() == ReadMode.LOCAL && config.workload().isRead(input);
        busy = true;
        invokedAt = sim.now();
        historyId = sim.history().invoke(clientId, input, invokedAt);
        if (!viaReadIndex && !viaLocal) {
            key = ++sequence;
            sim.effects().issued(clientId, key, historyId);
        }
        sim.trace().record(sim.now(), TraceEvent.Kind.INVOKE, 0, (int) clientId, input);
        // Half the ReadIndex reads go to any replica, as follower reads do in real deployments;
        // local reads go to any node, which is the point of them.
        attempt(viaLocal ? sim.randomNode() : viaReadIndex && sim.random().nextBoolean() ? sim.randomNode() : chooseTarget());
    }

    private int chooseTarget() {
        if (leaderHint >= 1 && leaderHint <= sim.size()) {
            return leaderHint;
        }
        return lastGood >= 1 ? lastGood : sim.randomNode();
    }

    private void attempt(int node) {
        int attempt = ++token;
        if (sim.now() - invokedAt > sim.ticks(sim.config().giveUpTicks())) {
            giveUp();
            return;
        }
        if (viaLocal) {
            key = sim.nextReadId();
            sim.sendLocalRead(this, node, key, seenIndex, payload);
        } else if (viaReadIndex) {
            key = sim.nextReadId();
            sim.sendRead(this, node, key, payload);
        } else {
            sim.sendPropose(this, node, new Command(clientId, key, payload));
        }
        sim.after(sim.ticks(sim.config().clientTimeoutTicks()), () -> {
            if (busy && attempt == token) {
                leaderHint = -1;
                lastGood = -1;
                attempt(sim.randomNode());
            }
        });
    }

    /**
     * A node answered request {@code answered}: a read id if {@code read}, else a sequence
     * number. The two number spaces overlap, so a late answer to an old write must not be taken
     * for the answer to a current read with the same number. {@code index} is the log index the
     * answer reflects (the node had applied that far).
     */
    void answered(boolean read, long answered, byte[] result, int node, long index) {
        if (!isCurrent(read, answered)) {
            return;
        }
        seenIndex = Math.max(seenIndex, index);
        O output = sim.config().workload().decode(input, result);
        sim.history().respond(historyId, output, sim.now());
        sim.trace().record(sim.now(), TraceEvent.Kind.RESPOND, node, (int) clientId, output);
        lastGood = node;
        leaderHint = -1;
        done();
    }

    /** A node refused request {@code refused}; retry after a short backoff. */
    void rejected(boolean read, long refused, int hint) {
        if (!isCurrent(read, refused)) {
            return;
        }
        leaderHint = hint;
        lastGood = -1;
        int attempt = ++token;
        sim.after(sim.ticks(1), () -> {
            if (busy && attempt == token) {
                attempt(chooseTarget());
            }
        });
    }

    private boolean isCurrent(boolean read, long requestKey) {
        return busy && read == (viaReadIndex || viaLocal) && requestKey == key;
    }

    private void giveUp() {
        sim.history().indeterminate(historyId);
        sim.trace().record(sim.now(), TraceEvent.Kind.INDETERMINATE, 0, (int) clientId, input);
        done();
    }

    private void done() {
        busy = false;
        sim.clientIdle();
        long think = sim.random().nextLong(sim.ticks(sim.config().thinkTicks()) + 1);
        sim.after(think, this::issue);
    }
}
