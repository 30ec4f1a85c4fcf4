package io.synod.transport.tcp;

import io.synod.spi.Transport.EnvelopeHandler;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * Peers whose connection closed, waiting for the polling thread to hear of it
 * ({@link EnvelopeHandler#onSuspect}): a failure detector's output, handed over after the
 * messages of a poll.
 *
 * <p><b>Bounded by the members.</b> A peer waits here at most once: suspected again before the
 * poller took the first suspicion, it is heard of once. So a peer whose connection flaps cannot
 * grow the queue, and neither can a dead peer that this node keeps redialing (a dial that fails
 * is no suspicion at all: the peer was suspected when its connection closed).
 *
 * <p><b>Never ahead of the peer's last words.</b> A suspicion is handed only once every frame
 * that arrived before it was handed, even if a poll's limit left some of them in the inbox: a
 * core that hears "the leader stopped" must not then hear the leader's last heartbeat, as if it
 * were alive again. The reactor notes how many frames the inbox had taken when it suspects the
 * peer ({@link Inbox#framesOffered}); the poller hands the suspicion once it has handed as many
 * ({@link Inbox#framesDrained}). (A peer suspected again while its first suspicion waits keeps
 * the later mark, if the poller has not begun to hand the first; else the two are one.)
 *
 * <p>Thread-safe: producers are whoever holds the reactor, one at a time; one polling thread.
 */
final class Suspicions {

    private final ManyToOneConcurrentArrayQueue<Peer> queue;

    Suspicions(int peers) {
        this.queue = new ManyToOneConcurrentArrayQueue<>(Math.max(1, peers));
    }

    /**
     * Suspects {@code p}, to be handed once {@code framesBefore} frames were handed; false if
     * {@code p} was waiting already (then it waits on, for the later mark). The caller rings the
     * poller's wake.
     */
    boolean offer(Peer p, long framesBefore) {
        p.suspectedAfterFrames = framesBefore;
        if (!p.suspicionWaiting.compareAndSet(false, true)) {
            return false;
        }
        if (!queue.offer(p)) {
            // One place per member, and a member waits at most once: cannot happen.
            p.suspicionWaiting.set(false);
            throw new IllegalStateException("no room to suspect node " + p.id);
        }
        return true;
    }

    /**
     * Hands {@code to} the suspicions whose frames were all handed ({@code framesDrained} of them
     * so far), in the order they came; the polling thread only.
     */
    int drain(EnvelopeHandler to, long framesDrained) {
        int n = 0;
        Peer p;
        while ((p = queue.peek()) != null && p.suspectedAfterFrames - framesDrained <= 0) {
            queue.poll();
            p.suspicionWaiting.set(false);
            to.onSuspect(p.id);
            n++;
        }
        return n;
    }

    /** Drops every waiting suspicion (the transport is closing). */
    void clear() {
        Peer p;
        while ((p = queue.poll()) != null) {
            p.suspicionWaiting.set(false);
        }
    }
}
