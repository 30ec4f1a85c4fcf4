package io.synod.runtime.session;

import io.synod.api.Command;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What one replica does to keep the replicated sessions going, the same in the runtime and the
 * simulator: it batches keep-alives into {@link SystemCommand.Renew} commands, and, while it leads,
 * proposes {@link SystemCommand.Time} so that log time advances without traffic and the initial
 * {@link SystemCommand.Configure} if no rules were ever applied.
 *
 * <p><b>Keep-alives.</b> {@link #touch} notes that a session's client is alive here (a ping, a
 * connection's traffic). At each {@link #tick}, the sessions touched since are renewed in one
 * command — but a session only every third of its timeout, so a client that pings often costs
 * the log little: a few bytes per session per timeout/3.
 *
 * <p><b>Time.</b> A leader proposes a Time command once no entry has been applied here for
 * {@code min(1 s, minimum timeout / 4)} while sessions are open, so that an idle client's session
 * expires on time even when nothing else is written; without sessions it writes nothing.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread. Times are the driver's own
 * monotonic milliseconds; nothing here touches the replicated state but through the commands it
 * proposes.
 */
public final class SessionUpkeep {

    /** Session ids per renew command at most. */
    static final int MAX_RENEW = 1024;
    private static final long NEVER = Long.MIN_VALUE;

    private final int self;
    private final RandomGenerator random;
    private final SessionConfig initialConfig;
    private final LongHashSet touched = new LongHashSet();
    private final Long2LongHashMap lastRenewed = new Long2LongHashMap(NEVER);
    private long lastEntryAt = NEVER;
    private long lastTimeSent = NEVER;
    private long lastConfigSent = NEVER;

    /**
     * @param self          this node, mixed into every nonce
     * @param random        where nonces come from (seeded by the simulator)
     * @param initialConfig the rules this replica proposes when it leads and none were applied,
     *                      or {@code null} to propose none
     */
    public SessionUpkeep(int self, RandomGenerator random, SessionConfig initialConfig) {
        this.self = self;
        this.random = random;
        this.initialConfig = initialConfig;
    }

    /**
     * A sequence number for a system command of this replica: its node id over 47 random bits,
     * positive, so that replicas (and restarts of one) do not repeat each other's.
     */
    public long nonce() {
        long n = ((long) (self & 0xFFFF) << 47) | (random.nextLong() >>> 17);
        return n == 0 ? 1 : n;
    }

    /** A session's client is alive here; it is renewed at the next tick if due. */
    public void touch(long sessionId) {
        touched.add(sessionId);
    }

    /** This replica applied an entry at {@code nowMillis}: log time moved, no Time command is due. */
    public void entryApplied(long nowMillis) {
        lastEntryAt = nowMillis;
    }

    /**
     * One tick at {@code nowMillis}: proposes what is due — renewals of touched sessions, and, if
     * {@code leader}, the time and the initial rules.
     */
    public void tick(long nowMillis, boolean leader, SessionTable table, Consumer<Command> propose) {
        if (!touched.isEmpty()) {
            renewTouched(nowMillis, table, propose);
        }
        if (lastRenewed.size() > 2 * table.size() + 64) {
            lastRenewed.keySet().removeIf(id -> !table.contains(id));
        }
        if (!leader) {
            return;
        }
        long timeEvery = Math.min(1000, Math.max(1, table.config().minTimeoutMillis() / 4));
        if (initialConfig != null && !table.configured() && due(lastConfigSent, nowMillis, timeEvery)) {
            lastConfigSent = nowMillis;
            propose.accept(new SystemCommand.Configure(initialConfig, true).toCommand(nonce()));
        }
        if (table.size() > 0 && due(lastEntryAt, nowMillis, timeEvery) && due(lastTimeSent, nowMillis, timeEvery)) {
            lastTimeSent = nowMillis;
            propose.accept(new SystemCommand.Time().toCommand(nonce()));
        }
    }

    private void renewTouched(long nowMillis, SessionTable table, Consumer<Command> propose) {
        long[] due = new long[touched.size()];
        int n = 0;
        for (LongHashSet.LongIterator it = touched.iterator(); it.hasNext(); ) {
            long id = it.nextValue();
            long timeout = table.timeoutMillis(id);
            if (timeout == 0) {
                lastRenewed.remove(id);
                continue;
            }
            if (due(lastRenewed.get(id), nowMillis, timeout / 3)) {
                lastRenewed.put(id, nowMillis);
                due[n++] = id;
            }
        }
        touched.clear();
        Arrays.sort(due, 0, n); // the same command on every run of a seed, whatever the set's order
        for (int from = 0; from < n; from += MAX_RENEW) {
            long[] ids = Arrays.copyOfRange(due, from, Math.min(n, from + MAX_RENEW));
            propose.accept(new SystemCommand.Renew(ids).toCommand(nonce()));
        }
    }

    private static boolean due(long last, long now, long every) {
        return last == NEVER || now - last >= every;
    }
}
