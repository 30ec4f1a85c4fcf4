package io.synod.runtime;

import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

/**
 * The replica's inward edge from its clients: the queue the user's threads hand requests to, and
 * the duty cycle's side of it, which takes them in bounded batches into the {@link PendingRequests}.
 * It exists so that the queue, its doorbell and the batch bound live with the one rule that ties
 * them together: a request is looked for once more after the bell is armed, so none waits out a park.
 *
 * <p>Thread-safe: any number of producers ({@link #enqueue}), one consumer (the replica thread).
 */
final class ClientAdapter {

    /**
     * Client requests taken per duty cycle at most. Requests taken in one cycle are proposed
     * before the next Ready is cut, so this bounds how many commands a leader can batch into one
     * fsync and one round of messages, and how long one cycle spends before its next look at the
     * clock and the network. A handle keeps at most {@link ReplicaConfig#sessionWindow()}
     * commands in flight anyway.
     */
    private static final int REQUEST_LIMIT = 4096;

    private final ManyToOneConcurrentLinkedQueue<ClientRequest> requests = new ManyToOneConcurrentLinkedQueue<>();
    /**
     * Rung by client requests; armed only while requests are taken, so that while a batch persists
     * the requests gathering for the next one do not wake the thread one by one.
     */
    private final Doorbell requestBell = new Doorbell();
    /** The duty cycle's other doorbell, rung by arrived messages and by the end of a persist. */
    private final Doorbell doorbell;
    private final PendingRequests pending;

    ClientAdapter(Doorbell doorbell, PendingRequests pending) {
        this.doorbell = doorbell;
        this.pending = pending;
    }

    /** Hands a request to the replica thread. */
    void enqueue(ClientRequest request) {
        requests.offer(request);
        requestBell.ring();
    }

    /** Requests wait (a batch persists): they no longer wake the replica thread. */
    void hold() {
        requestBell.busy();
    }

    /** Takes up to {@value #REQUEST_LIMIT} requests into the pending ones; returns how many. */
    int take(long ticks) {
        ClientRequest request = requests.poll();
        if (request == null) {
            doorbell.idle();
            requestBell.idle();
            request = requests.poll();
            if (request == null) {
                return 0;
            }
        }
        doorbell.busy();
        requestBell.busy();
        int taken = 0;
        while (request != null) {
            taken++;
            pending.take(request, ticks);
            request = taken < REQUEST_LIMIT ? requests.poll() : null;
        }
        return taken;
    }

    /** Fails every request not taken yet with {@code cause}. */
    void failQueued(RequestFailedException cause) {
        ClientRequest request;
        while ((request = requests.poll()) != null) {
            if (request instanceof ClientRequest.Submit s) {
                (s.own() ? s.plain() : s.applied()).completeExceptionally(cause);
            } else if (request instanceof ClientRequest.SessionChange c) {
                c.future().completeExceptionally(cause);
            } else if (request instanceof ClientRequest.Query q) {
                q.future().completeExceptionally(cause);
            }
        }
    }
}
