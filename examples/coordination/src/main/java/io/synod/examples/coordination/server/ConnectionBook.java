package io.synod.examples.coordination.server;

import io.synod.examples.coordination.session.SequenceWindow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The established connections of one server and the numbering windows of their sessions. A session has one
 * connection at a time: when it moves (here or to another server) the earlier connection is closed. Its
 * window outlives a connection so that a client reconnecting here goes on numbering after what it may still
 * have in flight. Safe from any thread.
 */
final class ConnectionBook {

    private final Map<ClientConnection, ClientSession> live = new ConcurrentHashMap<>();
    private final Map<Long, SequenceWindow> windows = new ConcurrentHashMap<>();

    /**
     * The window for session {@code id}, which the log says was last numbered up to {@code lastSequence}: the
     * one left here by an earlier stay is stale if another server numbered commands since, and is kept if not.
     */
    SequenceWindow window(long id, long lastSequence) {
        return windows.compute(id, (k, w) -> w == null || w.lastIssued() < lastSequence ? new SequenceWindow(lastSequence) : w);
    }

    /** Records the session's new connection, closing any earlier one here. */
    void add(ClientConnection connection, ClientSession session) {
        for (ClientSession other : live.values()) {
            if (other.sessionId == session.sessionId) {
                other.connection.close("its session moved to " + connection);
            }
        }
        live.put(connection, session);
    }

    /** Forgets a closed connection; its session, or null if it had none established. */
    ClientSession remove(ClientConnection connection) {
        return live.remove(connection);
    }

    /** On the replica thread, where the session's owner change applied: its earlier connections here close. */
    void closeEarlier(long sessionId, long ownerSince) {
        for (ClientSession session : live.values()) {
            if (session.sessionId == sessionId && session.ownerSince != ownerSince) {
                session.connection.close("its session moved to another connection");
            }
        }
    }

    /** The session ended (closed or expired, in the log): its connections here close once answered. */
    void ended(long sessionId) {
        windows.remove(sessionId);
        for (ClientSession session : live.values()) {
            if (session.sessionId == sessionId) {
                session.connection.closeWhenAnswered("session ended");
            }
        }
    }

    /** The session was closed by its client here. */
    void forgetWindow(long sessionId) {
        windows.remove(sessionId);
    }

    int size() {
        return live.size();
    }
}
