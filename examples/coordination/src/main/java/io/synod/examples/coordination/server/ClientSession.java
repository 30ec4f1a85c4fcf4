package io.synod.examples.coordination.server;

import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.session.SequenceWindow;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the service keeps with one established connection: its ZooKeeper session, the zxid since
 * which this connection owns it (its commands carry it), the numbering of the session's commands, the identities it authenticated, the last zxid it was answered with, and
 * its last write still in flight (a later read waits for it: ZooKeeper's FIFO client order).
 */
final class ClientSession {

    final ClientConnection connection;
    final long sessionId;
    final int timeoutMillis;
    final long ownerSince;
    final SequenceWindow sequences;
    final List<Id> auth = new CopyOnWriteArrayList<>();
    /** Touched on the I/O thread only. */
    CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);
    volatile long lastZxidSeen;

    ClientSession(ClientConnection connection, long sessionId, int timeoutMillis, long ownerSince, SequenceWindow sequences,
                  long lastZxidSeen) {
        this.connection = connection;
        this.sessionId = sessionId;
        this.timeoutMillis = timeoutMillis;
        this.ownerSince = ownerSince;
        this.sequences = sequences;
        this.lastZxidSeen = lastZxidSeen;
    }

    void saw(long zxid) {
        if (zxid > lastZxidSeen) {
            lastZxidSeen = zxid;
        }
    }

    @Override
    public String toString() {
        return "session 0x" + Long.toHexString(sessionId) + " on " + connection;
    }
}
