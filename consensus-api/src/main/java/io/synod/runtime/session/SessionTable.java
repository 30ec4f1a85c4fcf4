package io.synod.runtime.session;

import io.synod.api.Command;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The replicated session table (Raft thesis §6.3, ZooKeeper's sessions): which sessions are open,
 * when each was last active in log time, and the outcomes of their recent commands, so that a
 * retried command is answered from here instead of being applied again. Every replica applies
 * the same log to it in the same order, so every replica's table is the same, byte for byte
 * ({@link #encode()}); nothing in it depends on a replica's clock or settings.
 *
 * <p><b>Log time.</b> Each entry's batch carries its leader's wall-clock time stamp;
 * {@link #beginEntry} keeps the maximum so far as the log time {@code T}. A session's commands and
 * renewals set its last activity to {@code T}; after each entry, every session with
 * {@code lastActive + timeout < T} expires ({@link #expireDue}), in (deadline, id) order. The
 * first entry of a new term sets a grace point: no session's activity counts as earlier than it,
 * since no client could renew while there was no leader (ZooKeeper's new leader does the same).
 *
 * <p><b>Ids.</b> A session's id is where its open command applied, {@code index << 16 | position}:
 * positive, never reused, never a reserved client id.
 *
 * <p><b>Commands.</b> {@link #admit} sorts each command of a session: apply it, answer it as a
 * retry, refuse it (another command under its number; a number acknowledged or out of the
 * window; an unknown or ended session), or, for a FIFO session, hold it until the gap before it
 * fills. A command carries the client's acknowledged number, and the results at or below it are
 * dropped: memory is bounded by the unacknowledged results within each window.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread. The driver may read it
 * ({@link #contains}, {@link #timeoutMillis}…) between entries.
 */
public final class SessionTable {

    /** What to do with a session's command. */
    public enum Verdict {
        /** Apply it now, then {@link #recordOutcome}. */
        NEW,
        /** A retry of a command whose outcome is remembered: answer with it ({@link #retryResult()}…). */
        DUPLICATE,
        /** FIFO: it waits for the gap before it to fill; the table holds it now. */
        HELD,
        /** FIFO: a retry of a command that already waits; nothing to do. */
        WAITING,
        /** Another command was applied (or waits) under this number: refuse this one. */
        CONFLICT,
        /** Its number was acknowledged or lies below the window (or, FIFO, a window or more ahead): refuse it. */
        EXPIRED,
        /** Its session is unknown: never opened, closed or expired. Refuse it. */
        UNKNOWN_SESSION
    }

    private static final int MAGIC = 0x53795354; // "SyST"
    /** Positions an id can name: the low 16 bits. */
    private static final int MAX_POSITION = 0xFFFF;

    private final Long2ObjectHashMap<SessionState> sessions = new Long2ObjectHashMap<>();
    private final Long2LongHashMap openNonces = new Long2LongHashMap(0);
    private final ExpiryQueue expiries = new ExpiryQueue();
    private SessionConfig config = SessionConfig.DEFAULTS;
    private boolean configured;
    private long logTime;
    private long graceTime;
    private long lastTerm;
    /** The session of the command last admitted. */
    private SessionState current;
    private long currentSequence;

    /** The id of a session opened by the command at {@code position} of entry {@code index}. */
    public static long idAt(long index, int position) {
        if (position < 0 || position > MAX_POSITION) {
            throw new IllegalArgumentException("position " + position + " does not fit a session id");
        }
        return (index << 16) | position;
    }

    // ---- what the driver reads ----

    /** The rules in force. */
    public SessionConfig config() {
        return config;
    }

    /** True once a {@link SystemCommand.Configure} was applied. */
    public boolean configured() {
        return configured;
    }

    /** The log time as of the last entry begun, ms since the epoch. */
    public long logTime() {
        return logTime;
    }

    /** The number of open sessions. */
    public int size() {
        return sessions.size();
    }

    public boolean contains(long id) {
        return sessions.containsKey(id);
    }

    /** The timeout of an open session, or 0 if it is not open. */
    public long timeoutMillis(long id) {
        SessionState s = sessions.get(id);
        return s == null ? 0 : s.timeoutMillis;
    }

    /** True when an open session applies its commands in order. */
    public boolean fifo(long id) {
        SessionState s = sessions.get(id);
        return s != null && s.fifo;
    }

    /** The log time at which an open session expires unless active before, or 0 if it is not open. */
    public long deadline(long id) {
        SessionState s = sessions.get(id);
        return s == null ? 0 : s.deadline(graceTime);
    }

    /** The highest number applied for an open session, 0 if none or not open. */
    public long highest(long id) {
        SessionState s = sessions.get(id);
        return s == null ? 0 : s.highest;
    }

    /** How many results an open session remembers (0 if it is not open). */
    public int remembered(long id) {
        SessionState s = sessions.get(id);
        if (s == null || s.results == null) {
            return 0;
        }
        return s.results.liveSequences(s.floor(config.resultWindow()), s.highest).length;
    }

    // ---- applying an entry ----

    /**
     * Begins an entry whose batch was cut at {@code timestamp} by a leader of {@code term}
     * (0, 0: unstamped, which moves nothing): advances log time, and sets the grace point at a
     * new term. Returns the log time.
     */
    public long beginEntry(long timestamp, long term) {
        logTime = Math.max(logTime, timestamp);
        if (term != 0 && term != lastTerm) {
            lastTerm = term;
            graceTime = logTime;
        }
        return logTime;
    }

    /**
     * Sorts a command of a session (not a reserved or session-less one) and makes its session the
     * current one: its last activity becomes now and its acknowledged results are dropped.
     */
    public Verdict admit(Command c, long payloadDigest) {
        SessionState s = sessions.get(c.clientId());
        current = s;
        currentSequence = c.sequence();
        if (s == null) {
            return Verdict.UNKNOWN_SESSION;
        }
        s.lastActive = logTime;
        s.raiseFloor(Math.max(c.ackedThrough(), s.floor(config.resultWindow())));
        long sequence = c.sequence();
        long floor = s.floor;
        if (sequence <= floor) {
            return Verdict.EXPIRED;
        }
        if (s.results != null && s.results.holds(sequence, floor, s.highest)) {
            return s.results.digest(sequence) == payloadDigest ? Verdict.DUPLICATE : Verdict.CONFLICT;
        }
        if (!s.fifo || sequence == s.fifoNext) {
            return Verdict.NEW;
        }
        if (sequence < s.fifoNext) {
            return Verdict.EXPIRED; // applied, and its outcome no longer remembered
        }
        Command waiting = s.heldBack == null ? null : s.heldBack.get(sequence);
        if (waiting != null) {
            return Arrays.equals(waiting.payload(), c.payload()) ? Verdict.WAITING : Verdict.CONFLICT;
        }
        if (sequence - s.fifoNext >= config.resultWindow()) {
            return Verdict.EXPIRED;
        }
        if (s.heldBack == null) {
            s.heldBack = new TreeMap<>();
        }
        s.heldBack.put(sequence, c);
        return Verdict.HELD;
    }

    /** The remembered result (or refusal reason) of the {@link Verdict#DUPLICATE} just admitted. */
    public byte[] retryResult() {
        return current.results.result(currentSequence);
    }

    /** True when the state machine refused the {@link Verdict#DUPLICATE} just admitted. */
    public boolean retryRefused() {
        return current.results.refused(currentSequence);
    }

    /** Where the {@link Verdict#DUPLICATE} just admitted was applied first. */
    public long retryIndex() {
        return current.results.index(currentSequence);
    }

    /** The position within its entry where the {@link Verdict#DUPLICATE} just admitted was applied first. */
    public int retryPosition() {
        return current.results.position(currentSequence);
    }

    /**
     * Records the outcome of the current session's command {@code sequence}, just applied at
     * {@code (index, position)}: its result, or, if the state machine refused it, the reason.
     */
    public void recordOutcome(long sequence, long payloadDigest, boolean refused, byte[] result, long index, int position) {
        SessionState s = current;
        s.highest = Math.max(s.highest, sequence);
        if (s.fifo && sequence == s.fifoNext) {
            s.fifoNext++;
        }
        int window = config.resultWindow();
        s.raiseFloor(s.floor(window));
        if (sequence <= s.floor) {
            return;
        }
        if (s.results == null) {
            s.results = new ResultWindow();
        }
        s.results.record(sequence, s.floor, window, payloadDigest, refused, result, index, position);
    }

    /**
     * FIFO: the current session's command that may apply now that the one before it did, taken
     * from those held back; {@code null} if none.
     */
    public Command releaseNext() {
        SessionState s = current;
        if (s == null || s.heldBack == null) {
            return null;
        }
        Command next = s.heldBack.remove(s.fifoNext);
        if (s.heldBack.isEmpty()) {
            s.heldBack = null;
        }
        if (next != null) {
            currentSequence = next.sequence();
        }
        return next;
    }

    /**
     * Opens a session for the open command numbered {@code nonce} at {@code (index, position)},
     * or finds the one an earlier copy of that command opened. Returns the session's id.
     */
    public long open(long nonce, SystemCommand.Open open, long index, int position) {
        long earlier = openNonces.get(nonce);
        if (earlier != 0 && sessions.containsKey(earlier)) {
            return earlier;
        }
        long id = idAt(index, position);
        SessionState s = new SessionState(id, config.negotiate(open.timeoutMillis()), open.fifo(), nonce, logTime);
        sessions.put(id, s);
        openNonces.put(nonce, id);
        expiries.push(s.deadline(graceTime), id);
        return id;
    }

    /** Ends a session its client closed; false if it was not open. */
    public boolean close(long id) {
        SessionState s = sessions.remove(id);
        if (s == null) {
            return false;
        }
        openNonces.remove(s.openNonce);
        return true;
    }

    /** Marks open sessions active now; unknown ids are ignored. */
    public void renew(long[] ids) {
        for (long id : ids) {
            SessionState s = sessions.get(id);
            if (s != null) {
                s.lastActive = logTime;
            }
        }
    }

    /** Applies a configuration command; returns false if it was an initial one and rules were set before. */
    public boolean configure(SystemCommand.Configure command) {
        if (command.initial() && configured) {
            return false;
        }
        config = command.config();
        configured = true;
        return true;
    }

    /**
     * Ends every session whose deadline lies before the log time, in (deadline, id) order,
     * telling {@code ended} each id as it is removed.
     */
    public void expireDue(LongConsumer ended) {
        if (expiries.isEmpty() || expiries.peekDeadline() >= logTime) {
            return;
        }
        List<SessionState> due = null;
        while (!expiries.isEmpty() && expiries.peekDeadline() < logTime) {
            long id = expiries.peekId();
            expiries.pop();
            SessionState s = sessions.get(id);
            if (s == null) {
                continue;
            }
            long deadline = s.deadline(graceTime);
            if (deadline < logTime) {
                if (due == null) {
                    due = new ArrayList<>();
                }
                due.add(s);
            } else {
                expiries.push(deadline, id);
            }
        }
        if (due == null) {
            return;
        }
        long grace = graceTime;
        due.sort(Comparator.<SessionState>comparingLong(s -> s.deadline(grace)).thenComparingLong(s -> s.id));
        for (SessionState s : due) {
            sessions.remove(s.id);
            openNonces.remove(s.openNonce);
            ended.accept(s.id);
        }
    }

    // ---- snapshots ----

    /**
     * The table as bytes, equal for equal tables: magic, whether configured, the rules, log time,
     * grace point, last term, then the sessions in id order — id, timeout, FIFO, open nonce, last
     * activity, highest number, floor, next FIFO number; its live results (sequence,
     * payload digest, refused, index, position, result length and bytes); its held-back commands
     * (sequence, acknowledged, payload length and bytes).
     */
    public byte[] encode() {
        long[] ids = sortedIds();
        int length = Integer.BYTES + 1 + SessionConfig.ENCODED_LENGTH + 3 * Long.BYTES + Integer.BYTES;
        long[][] live = new long[ids.length][];
        int window = config.resultWindow();
        for (int i = 0; i < ids.length; i++) {
            SessionState s = sessions.get(ids[i]);
            live[i] = s.results == null ? new long[0] : s.results.liveSequences(s.floor, s.highest);
            length += 7 * Long.BYTES + 1 + 2 * Integer.BYTES;
            for (long sequence : live[i]) {
                length += 3 * Long.BYTES + 1 + 2 * Integer.BYTES + s.results.result(sequence).length;
            }
            if (s.heldBack != null) {
                for (Command c : s.heldBack.values()) {
                    length += 2 * Long.BYTES + Integer.BYTES + c.payload().length;
                }
            }
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.putInt(MAGIC).put((byte) (configured ? 1 : 0));
        config.encode(out);
        out.putLong(logTime).putLong(graceTime).putLong(lastTerm).putInt(ids.length);
        for (int i = 0; i < ids.length; i++) {
            SessionState s = sessions.get(ids[i]);
            out.putLong(s.id).putLong(s.timeoutMillis).put((byte) (s.fifo ? 1 : 0)).putLong(s.openNonce)
                .putLong(s.lastActive).putLong(s.highest).putLong(s.floor).putLong(s.fifoNext);
            out.putInt(live[i].length);
            for (long sequence : live[i]) {
                byte[] r = s.results.result(sequence);
                out.putLong(sequence).putLong(s.results.digest(sequence)).put((byte) (s.results.refused(sequence) ? 1 : 0))
                    .putLong(s.results.index(sequence)).putInt(s.results.position(sequence)).putInt(r.length).put(r);
            }
            out.putInt(s.heldBack == null ? 0 : s.heldBack.size());
            if (s.heldBack != null) {
                for (Command c : s.heldBack.values()) {
                    out.putLong(c.sequence()).putLong(c.ackedThrough()).putInt(c.payload().length).put(c.payload());
                }
            }
        }
        return out.array();
    }

    /**
     * Replaces the table with one read from {@code in}, advancing its position.
     *
     * @throws IllegalArgumentException if the bytes are not a session table
     */
    public void decode(ByteBuffer in) {
        int magic = in.getInt();
        if (magic != MAGIC) {
            throw new IllegalArgumentException("not a session table: magic " + Integer.toHexString(magic));
        }
        sessions.clear();
        openNonces.clear();
        expiries.clear();
        current = null;
        configured = in.get() != 0;
        config = SessionConfig.decode(in);
        logTime = in.getLong();
        graceTime = in.getLong();
        lastTerm = in.getLong();
        int count = in.getInt();
        int window = config.resultWindow();
        for (int i = 0; i < count; i++) {
            SessionState s = new SessionState(in.getLong(), in.getLong(), in.get() != 0, in.getLong(), in.getLong());
            s.highest = in.getLong();
            s.floor = in.getLong();
            s.fifoNext = in.getLong();
            int results = in.getInt();
            // The stored range may exceed a window that shrank since the session's last command: hold it all.
            int span = (int) Math.min(SessionConfig.MAX_RESULT_WINDOW, Math.max(window, s.highest - s.floor));
            for (int j = 0; j < results; j++) {
                long sequence = in.getLong();
                long digest = in.getLong();
                boolean refused = in.get() != 0;
                long index = in.getLong();
                int position = in.getInt();
                byte[] r = new byte[in.getInt()];
                in.get(r);
                if (s.results == null) {
                    s.results = new ResultWindow();
                }
                s.results.record(sequence, s.floor, span, digest, refused, r, index, position);
            }
            int held = in.getInt();
            for (int j = 0; j < held; j++) {
                long sequence = in.getLong();
                long acked = in.getLong();
                byte[] payload = new byte[in.getInt()];
                in.get(payload);
                if (s.heldBack == null) {
                    s.heldBack = new TreeMap<>();
                }
                s.heldBack.put(sequence, new Command(s.id, sequence, acked, payload));
            }
            sessions.put(s.id, s);
            openNonces.put(s.openNonce, s.id);
            expiries.push(s.deadline(graceTime), s.id);
        }
    }

    private long[] sortedIds() {
        long[] ids = new long[sessions.size()];
        int n = 0;
        for (Long2ObjectHashMap<SessionState>.KeyIterator it = sessions.keySet().iterator(); it.hasNext(); ) {
            ids[n++] = it.nextLong();
        }
        Arrays.sort(ids);
        return ids;
    }
}
