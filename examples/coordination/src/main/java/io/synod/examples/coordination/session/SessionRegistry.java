package io.synod.examples.coordination.session;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ZooKeeper sessions the replicated state knows: each open session's granted timeout and the
 * highest sequence number of its commands applied so far. A server that a client moves to reads it
 * (on the replica thread, at the client's last seen zxid or later) to check that the session is still
 * open, to answer the timeout, and to number the session's next commands after the last one applied.
 * Part of the replicated state: changed only from applied commands, saved in the snapshot.
 */
public final class SessionRegistry {

    /** What the registry keeps of one session. */
    public record Entry(int timeoutMillis, long lastSequence) {
    }

    private final TreeMap<Long, Entry> sessions = new TreeMap<>();

    /** The session's registration command applied (sequence {@code sequence} of the session). */
    public void register(long sessionId, int timeoutMillis, long sequence) {
        sessions.put(sessionId, new Entry(timeoutMillis, sequence));
    }

    /** A command of the session applied with this sequence number. */
    public void sequenced(long sessionId, long sequence) {
        Entry e = sessions.get(sessionId);
        if (e != null && sequence > e.lastSequence()) {
            sessions.put(sessionId, new Entry(e.timeoutMillis(), sequence));
        }
    }

    /** The session ended (closed or expired). */
    public void remove(long sessionId) {
        sessions.remove(sessionId);
    }

    /** The session, or {@code null} if it is not open (never was, or ended). */
    public Entry get(long sessionId) {
        return sessions.get(sessionId);
    }

    public int size() {
        return sessions.size();
    }

    /** The open sessions' timeouts in ms, by id (a copy). */
    public java.util.SortedMap<Long, Integer> timeouts() {
        java.util.SortedMap<Long, Integer> out = new TreeMap<>();
        sessions.forEach((id, e) -> out.put(id, e.timeoutMillis()));
        return out;
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(sessions.size());
        for (Map.Entry<Long, Entry> e : sessions.entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(e.getValue().timeoutMillis());
            out.writeLong(e.getValue().lastSequence());
        }
    }

    /** @throws IOException naming what is wrong, for a negative count or a truncated stream */
    public static SessionRegistry read(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("session registry: negative session count " + count + " at the snapshot's start");
        }
        SessionRegistry registry = new SessionRegistry();
        for (int i = 0; i < count; i++) {
            registry.sessions.put(in.readLong(), new Entry(in.readInt(), in.readLong()));
        }
        return registry;
    }
}
