package io.synod.testkit;

import io.synod.api.Command;
import io.synod.runtime.ReplicatedState;
import io.synod.runtime.session.SystemCommand;
import io.synod.testkit.trace.TraceEvent;

import java.nio.ByteBuffer;

/**
 * A simulated client: one operation outstanding at a time, sent to its last known leader, to a
 * leader hint from a rejection, or to a random node (half of all ReadIndex reads go to a random
 * replica, so that follower reads are exercised; every local read goes to a random node, replica
 * or observer). On a timeout it retries the <em>same</em> command (same session and sequence)
 * at another node; after {@code giveUpTicks} without an answer it records the operation as
 * indeterminate and moves on. Every invocation and response goes into the run's history.
 *
 * <p>It remembers the highest log index any answer reflected (ZooKeeper's last zxid) and sends
 * it with each local read, so that no node answers it from older state than it has seen.
 *
 * <p><b>Sessions.</b> Its commands run in a replicated session: it opens one through the log
 * before its first command (retrying the same open command, which the replicas answer once), pings
 * the node it talks to every quarter of the session's timeout, and acknowledges each answer it got
 * with its next command. Now and then ({@code abandonPercent}) it abandons its session — stops
 * pinging and opens another — so that sessions expire during the run; and if its session expired
 * (it could not reach the leader for a timeout), the command refused for it is recorded as
 * indeterminate (it may have applied before) and a new session is opened. Reads need no session.
 */
final class Client<I, O> {

    private final int index;
    private final long traceId;
    private final Simulation<I, O> sim;
    private long sessionId;
    /** The nonce of the open command in flight, or 0. */
    private long opening;
    /** Whether the current session was opened while faults were still injected. */
    private boolean sessionOfChaos;
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
        this.traceId = 1000L + index;
        this.sim = sim;
    }

    /** The id the history and the trace know this client by. */
    long clientId() {
        return traceId;
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
        historyId = sim.history().invoke(traceId, input, invokedAt);
        sim.trace().record(sim.now(), TraceEvent.Kind.INVOKE, 0, (int) traceId, input);
        if (!viaReadIndex && !viaLocal && sessionId == 0) {
            open();
            return;
        }
        start();
    }

    private void start() {
        if (!viaReadIndex && !viaLocal) {
            key = ++sequence;
            sim.effects().issued(sessionId, key, historyId);
            I bound = sim.config().workload().inSession(input, sessionId);
            if (bound != input) {
                input = bound;
                payload = sim.config().workload().encode(input);
                sim.history().rebind(historyId, input);
            }
        }
        // Half the ReadIndex reads go to any replica, as follower reads do in real deployments;
        // local reads go to any node, which is the point of them.
        attempt(viaLocal ? sim.randomNode() : viaReadIndex && sim.random().nextBoolean() ? sim.randomNode() : chooseTarget());
    }

    private void open() {
        // Far above any sequence number, so that a late answer to the open is never taken for a command's.
        opening = (1L << 62) | ((long) index << 40) | sim.nextReadId();
        key = opening;
        attempt(chooseTarget());
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
        if (opening != 0) {
            long timeout = sim.config().sessionTimeoutMillis();
            sim.connections().propose(this, node, new SystemCommand.Open(timeout, false).toCommand(opening));
        } else if (viaLocal) {
            key = sim.nextReadId();
            sim.connections().readLocal(this, node, key, seenIndex, payload);
        } else if (viaReadIndex) {
            key = sim.nextReadId();
            sim.connections().read(this, node, key, payload);
        } else {
            sim.connections().propose(this, node, new Command(sessionId, key, key - 1, payload));
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
     * number (or an open's nonce). The number spaces overlap, so a late answer to an old write must
     * not be taken for the answer to a current read with the same number. {@code index} is the log
     * index the answer reflects (the node had applied that far).
     */
    void answered(boolean read, long answered, byte[] result, int node, long index) {
        if (!isCurrent(read, answered)) {
            return;
        }
        seenIndex = Math.max(seenIndex, index);
        // An observer that answered a local read takes no writes and renews no session: not a target.
        lastGood = node <= sim.voters() ? node : lastGood;
        leaderHint = -1;
        if (opening != 0) {
            opened(ByteBuffer.wrap(result).getLong(), node);
            return;
        }
        O output = sim.config().workload().decode(input, result);
        sim.history().respond(historyId, output, sim.now());
        sim.trace().record(sim.now(), TraceEvent.Kind.RESPOND, node, (int) traceId, output);
        done();
    }

    private void opened(long id, int node) {
        opening = 0;
        sessionId = id;
        sessionOfChaos = sim.chaotic();
        // The numbering goes on across sessions: a late answer from the old session is never taken for the new one's.
        sim.stats().sessionsOpened++;
        sim.trace().record(sim.now(), TraceEvent.Kind.RESPOND, node, (int) traceId, "session " + id + " opened");
        ping(id);
        start();
    }

    /** Pings the node it talks to every quarter of the timeout, while {@code id} is its session. */
    private void ping(long id) {
        if (sessionId != id) {
            return;
        }
        sim.connections().touch(chooseTarget(), id);
        sim.after(Math.max(1, sim.config().sessionTimeoutMillis() * 1000 / 4), () -> ping(id));
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

    /**
     * The replicas refused command {@code refused} for good: it was not applied then, but an earlier
     * copy may have been, so the operation's outcome is unknown. A command refused because its
     * session ended means the session is gone: the next operation opens another.
     */
    void refusedForGood(long refused, ReplicatedState.Refusal why) {
        if (!isCurrent(false, refused) || opening != 0) {
            return;
        }
        if (why == ReplicatedState.Refusal.SESSION_EXPIRED) {
            sessionId = 0;
            if (sessionOfChaos) {
                sim.lostWithChaosSession(historyId);
            }
        }
        sim.trace().record(sim.now(), TraceEvent.Kind.INDETERMINATE, 0, (int) traceId, input + " refused: " + why);
        sim.history().indeterminate(historyId);
        done();
    }

    private boolean isCurrent(boolean read, long requestKey) {
        return busy && read == ((viaReadIndex || viaLocal) && opening == 0) && requestKey == key;
    }

    private void giveUp() {
        opening = 0;
        sim.history().indeterminate(historyId);
        sim.trace().record(sim.now(), TraceEvent.Kind.INDETERMINATE, 0, (int) traceId, input);
        done();
    }

    private void done() {
        busy = false;
        if (sessionId != 0 && sim.random().nextInt(100) < sim.config().abandonPercent()) {
            sim.stats().sessionsAbandoned++;
            sim.trace().record(sim.now(), TraceEvent.Kind.INVOKE, 0, (int) traceId, "abandons session " + sessionId);
            sessionId = 0;
        }
        sim.clientIdle();
        long think = sim.random().nextLong(sim.ticks(sim.config().thinkTicks()) + 1);
        sim.after(think, this::issue);
    }
}
