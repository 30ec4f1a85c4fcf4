package io.synod.examples.coordination.session;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ZooKeeper sessions the replicated state knows: each open session's granted timeout, the
 * highest sequence number of its commands applied so far, and since when its current server owns it.
 * A server that a client moves to reads it (on the replica thread, at the client's last seen zxid or
 * later) to check that the session is still open, and logs an owner change: from that zxid on, the
 * session's commands from any earlier connection are refused as SESSIONMOVED (ZooKeeper's session
 * owner), and the new server numbers the session's commands after the last one applied.
 * Part of the replicated state: changed only from applied commands, saved in the snapshot.
 */
public final class SessionRegistry {

    /**
     * What the registry keeps of one session.
     *
     * @param ownerSince the zxid of the command that gave the session to its current connection (its
     *                   registration, or the last owner change): the commands of that connection carry it
     */
    public record Entry(int timeoutMillis, long lastSequence, long ownerSince) {
    }

    /** Marks the snapshot format that holds owners (an older one starts with a count, never negative). */
    private static final int WITH_OWNERS = -2;
    /** The ownerSince of a session restored from a snapshot that did not record owners: none to check. */
    public static final long NO_OWNER = 0;

    private final TreeMap<Long, Entry> sessions = new TreeMap<>();

    /** The session's registration command applied at {@code zxid} (sequence {@code sequence} of the session). */
    public void register(long sessionId, int timeoutMillis, long sequence, long zxid) {
        sessions.put(sessionId, new Entry(timeoutMillis, sequence, zxid));
    }

    /** A command of the session applied with this sequence number. */
    public void sequenced(long sessionId, long sequence) {
        Entry e = sessions.get(sessionId);
        if (e != null && sequence > e.lastSequence()) {
            sessions.put(sessionId, new Entry(e.timeoutMillis(), sequence, e.ownerSince()));
        }
    }

    /** The session moved to another connection at {@code zxid}; returns its entry now, or null if it is not open. */
    public Entry changeOwner(long sessionId, long zxid) {
        Entry e = sessions.get(sessionId);
        if (e == null) {
            return null;
        }
        Entry moved = new Entry(e.timeoutMillis(), e.lastSequence(), zxid);
        sessions.put(sessionId, moved);
        return moved;
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
        out.writeInt(WITH_OWNERS);
        out.writeInt(sessions.size());
        for (Map.Entry<Long, Entry> e : sessions.entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(e.getValue().timeoutMillis());
            out.writeLong(e.getValue().lastSequence());
            out.writeLong(e.getValue().ownerSince());
        }
    }

    /**
     * Reads what {@link #write} wrote, or the older format without owners (whose sessions then have no
     * owner change to check against: ownerSince 0).
     *
     * @throws IOException naming what is wrong, for a negative count or a truncated stream
     */
    public static SessionRegistry read(DataInputStream in) throws IOException {
        int first = in.readInt();
        boolean withOwners = first == WITH_OWNERS;
        int count = withOwners ? in.readInt() : first;
        if (count < 0) {
            throw new IOException("session registry: negative session count " + count + " at the snapshot's start");
        }
        SessionRegistry registry = new SessionRegistry();
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            int timeout = in.readInt();
            long lastSequence = in.readLong();
            registry.sessions.put(id, new Entry(timeout, lastSequence, withOwners ? in.readLong() : NO_OWNER));
        }
        return registry;
    }
}
