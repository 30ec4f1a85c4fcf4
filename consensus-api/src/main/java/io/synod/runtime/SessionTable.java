package io.synod.runtime;

import org.agrona.collections.Long2ObjectHashMap;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What makes client commands exactly-once: for each client, the outcomes of its most recent
 * commands, so that a retried command is answered from here instead of being applied again
 * (the Raft thesis §6.3; Ratis' retry cache).
 *
 * <p>Each client keeps a window of the last {@code window} sequence numbers at and below its
 * highest one. A command inside the window that was applied is a duplicate; one inside the
 * window that was not is new (pipelined commands may be ordered out of sequence); one below the
 * window is too old to tell and is refused as {@link Verdict#EXPIRED}.
 *
 * <p>A retry carries the same payload as the command it repeats. Beside each outcome the table
 * keeps a digest of the command's payload, so that a different command under a number already
 * used — a client id reused after a restart, or by two handles at once — is told apart from a
 * retry and refused as {@link Verdict#CONFLICT}, never answered with the other command's result.
 *
 * <p>Every replica applies the same commands in the same order, so every replica's table is the
 * same. Not thread-safe: it belongs to the replica's driver thread.
 */
public final class SessionTable {

    /** What to do with an incoming command. */
    public enum Verdict {
        /** Apply it. */
        NEW,
        /** A retry of a command whose outcome is remembered: answer with that outcome. */
        DUPLICATE,
        /** Another command was applied under this number: refuse this one. */
        CONFLICT,
        /** Older than the window: nothing is known about it, refuse it. */
        EXPIRED
    }

    private final int window;
    private final Long2ObjectHashMap<ResultWindow> sessions = new Long2ObjectHashMap<>();

    public SessionTable(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("session window must be >= 1, was " + window);
        }
        this.window = window;
    }

    /** How many sequence numbers per client are remembered. */
    public int window() {
        return window;
    }

    /** Classifies a command, whose payload has digest {@code digest}, before it is applied. */
    public Verdict classify(long clientId, long sequence, long digest) {
        ResultWindow session = sessions.get(clientId);
        if (session == null || sequence > session.highest()) {
            return Verdict.NEW;
        }
        if (session.belowWindow(sequence)) {
            return Verdict.EXPIRED;
        }
        if (!session.holds(sequence)) {
            return Verdict.NEW;
        }
        return session.digest(sequence) == digest ? Verdict.DUPLICATE : Verdict.CONFLICT;
    }

    /** The remembered result (or refusal reason) of a command, or {@code null} if none is remembered. */
    public byte[] result(long clientId, long sequence) {
        ResultWindow session = sessions.get(clientId);
        return session == null ? null : session.result(sequence);
    }

    /** True when a remembered command was refused by the state machine. */
    public boolean refused(long clientId, long sequence) {
        ResultWindow session = sessions.get(clientId);
        return session != null && session.holds(sequence) && session.refused(sequence);
    }

    /** The highest sequence number recorded for {@code clientId}, 0 if none. */
    public long highest(long clientId) {
        ResultWindow session = sessions.get(clientId);
        return session == null ? 0 : session.highest();
    }

    /**
     * Records the outcome of a command just applied: its result, or, if the state machine refused
     * it, the reason.
     *
     * @throws IllegalArgumentException if the command is {@link Verdict#EXPIRED}: it must not
     *                                  have been applied
     */
    public void record(long clientId, long sequence, long digest, boolean refused, byte[] result) {
        ResultWindow session = sessions.get(clientId);
        if (session == null) {
            session = new ResultWindow(window);
            sessions.put(clientId, session);
        }
        session.record(sequence, digest, refused, result);
    }

    /** The number of clients with a session. */
    public int size() {
        return sessions.size();
    }

    /**
     * Writes the table in client order, so that equal tables give equal bytes. Per client: id,
     * highest sequence, outcome count; per outcome: sequence, payload digest, refused (byte),
     * result length and bytes.
     */
    public byte[] encode() {
        long[] clients = sortedClients();
        long[][] live = new long[clients.length][];
        int length = Integer.BYTES;
        for (int c = 0; c < clients.length; c++) {
            ResultWindow s = sessions.get(clients[c]);
            live[c] = s.liveSequences();
            length += Long.BYTES * 2 + Integer.BYTES;
            for (long sequence : live[c]) {
                length += Long.BYTES * 2 + 1 + Integer.BYTES + s.result(sequence).length;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.putInt(clients.length);
        for (int c = 0; c < clients.length; c++) {
            ResultWindow s = sessions.get(clients[c]);
            out.putLong(clients[c]).putLong(s.highest()).putInt(live[c].length);
            for (long sequence : live[c]) {
                byte[] r = s.result(sequence);
                out.putLong(sequence).putLong(s.digest(sequence)).put((byte) (s.refused(sequence) ? 1 : 0))
                    .putInt(r.length).put(r);
            }
        }
        return out.array();
    }

    /** Replaces the table with one read from {@code in}, advancing its position. */
    public void decode(ByteBuffer in) {
        sessions.clear();
        int clients = in.getInt();
        for (int i = 0; i < clients; i++) {
            long clientId = in.getLong();
            ResultWindow s = new ResultWindow(window);
            s.highest(in.getLong());
            int results = in.getInt();
            for (int j = 0; j < results; j++) {
                long sequence = in.getLong();
                long digest = in.getLong();
                boolean refused = in.get() != 0;
                byte[] r = new byte[in.getInt()];
                in.get(r);
                if (!s.belowWindow(sequence)) {
                    s.record(sequence, digest, refused, r);
                }
            }
            sessions.put(clientId, s);
        }
    }

    private long[] sortedClients() {
        long[] ids = new long[sessions.size()];
        int n = 0;
        for (Long2ObjectHashMap<ResultWindow>.KeyIterator it = sessions.keySet().iterator(); it.hasNext(); ) {
            ids[n++] = it.nextLong();
        }
        Arrays.sort(ids);
        return ids;
    }
}
