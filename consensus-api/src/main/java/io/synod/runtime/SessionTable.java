package io.synod.runtime;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

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
    private final TreeMap<Long, ClientSession> sessions = new TreeMap<>();

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
        ClientSession session = sessions.get(clientId);
        if (session == null || sequence > session.highest) {
            return Verdict.NEW;
        }
        if (sequence <= session.highest - window) {
            return Verdict.EXPIRED;
        }
        return session.results.containsKey(sequence) ? Verdict.DUPLICATE : Verdict.NEW;
    }

    /** The remembered result of an applied command, or {@code null} if none is remembered. */
    public byte[] result(long clientId, long sequence) {
        ClientSession session = sessions.get(clientId);
        return session == null ? null : session.results.get(sequence);
    }

    /** Records the result of a command just applied. */
    public void record(long clientId, long sequence, byte[] result) {
        ClientSession session = sessions.computeIfAbsent(clientId, id -> new ClientSession());
        session.results.put(sequence, result);
        if (sequence > session.highest) {
            session.highest = sequence;
            session.results.headMap(session.highest - window, true).clear();
        }
    }

    /** The number of clients with a session. */
    public int size() {
        return sessions.size();
    }

    /** Writes the table in client order, so that equal tables give equal bytes. */
    public byte[] encode() {
        int length = Integer.BYTES;
        for (ClientSession s : sessions.values()) {
            length += Long.BYTES * 2 + Integer.BYTES;
            for (byte[] r : s.results.values()) {
                length += Long.BYTES + Integer.BYTES + r.length;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.putInt(sessions.size());
        for (Map.Entry<Long, ClientSession> e : sessions.entrySet()) {
            ClientSession s = e.getValue();
            out.putLong(e.getKey()).putLong(s.highest).putInt(s.results.size());
            for (Map.Entry<Long, byte[]> r : s.results.entrySet()) {
                out.putLong(r.getKey()).putInt(r.getValue().length).put(r.getValue());
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
            ClientSession s = new ClientSession();
            s.highest = in.getLong();
            int results = in.getInt();
            for (int j = 0; j < results; j++) {
                long sequence = in.getLong();
                byte[] r = new byte[in.getInt()];
                in.get(r);
                s.results.put(sequence, r);
            }
            sessions.put(clientId, s);
        }
    }

    private static final class ClientSession {
        long highest;
        final TreeMap<Long, byte[]> results = new TreeMap<>();
    }
}
