package io.synod.runtime;

import org.agrona.collections.Long2ObjectHashMap;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What makes client commands exactly-once: for each client, the results of its most recent
 * commands, so that a retried command is answered from here instead of being applied again
 * (the Raft thesis §6.3; Ratis' retry cache).
 *
 * <p>Each client keeps a window of the last {@code window} sequence numbers at and below its
 * highest one. A command inside the window that was applied is a duplicate; one inside the
 * window that was not is new (pipelined commands may be ordered out of sequence); one below the
 * window is too old to tell and is refused as {@link Verdict#EXPIRED}. Every replica applies the
 * same commands in the same order, so every replica's table is the same.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread.
 */
public final class SessionTable {

    /** What to do with an incoming command. */
    public enum Verdict { NEW, DUPLICATE, EXPIRED }

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

    /** Classifies a command before it is applied. */
    public Verdict classify(long clientId, long sequence) {
        ResultWindow session = sessions.get(clientId);
        if (session == null || sequence > session.highest()) {
            return Verdict.NEW;
        }
        if (session.belowWindow(sequence)) {
            return Verdict.EXPIRED;
        }
        return session.holds(sequence) ? Verdict.DUPLICATE : Verdict.NEW;
    }

    /** The remembered result of an applied command, or {@code null} if none is remembered. */
    public byte[] result(long clientId, long sequence) {
        ResultWindow session = sessions.get(clientId);
        return session == null ? null : session.result(sequence);
    }

    /**
     * Records the result of a command just applied.
     *
     * @throws IllegalArgumentException if the command is {@link Verdict#EXPIRED}: it must not
     *                                  have been applied
     */
    public void record(long clientId, long sequence, byte[] result) {
        ResultWindow session = sessions.get(clientId);
        if (session == null) {
            session = new ResultWindow(window);
            sessions.put(clientId, session);
        }
        session.record(sequence, result);
    }

    /** The number of clients with a session. */
    public int size() {
        return sessions.size();
    }

    /** Writes the table in client order, so that equal tables give equal bytes. */
    public byte[] encode() {
        long[] clients = sortedClients();
        long[][] live = new long[clients.length][];
        int length = Integer.BYTES;
        for (int c = 0; c < clients.length; c++) {
            ResultWindow s = sessions.get(clients[c]);
            live[c] = s.liveSequences();
            length += Long.BYTES * 2 + Integer.BYTES;
            for (long sequence : live[c]) {
                length += Long.BYTES + Integer.BYTES + s.result(sequence).length;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.putInt(clients.length);
        for (int c = 0; c < clients.length; c++) {
            ResultWindow s = sessions.get(clients[c]);
            out.putLong(clients[c]).putLong(s.highest()).putInt(live[c].length);
            for (long sequence : live[c]) {
                byte[] r = s.result(sequence);
                out.putLong(sequence).putInt(r.length).put(r);
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
                byte[] r = new byte[in.getInt()];
                in.get(r);
                if (!s.belowWindow(sequence)) {
                    s.record(sequence, r);
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
