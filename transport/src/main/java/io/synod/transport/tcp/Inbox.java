package io.synod.transport.tcp;

import io.synod.api.Envelope;
import io.synod.runtime.Doorbell;
import io.synod.spi.Transport.EnvelopeHandler;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Arrived messages waiting for the polling thread, bounded both by count and by the bytes of the
 * frames they came in; an arrival that finds either bound reached is dropped (and counted by the
 * caller). The I/O thread asks {@link #hasRoomFor} before it decodes a frame, so a receiver that
 * does not poll costs at most the bound, however large the frames: a message that cannot be kept
 * is never decoded.
 *
 * <p>A node's messages to itself are never encoded: they count against the count bound only.
 *
 * <p><b>Waking the poller.</b> Producers {@link #ring} after they offered. That runs the wake the
 * poller registered ({@link io.synod.spi.Transport#onArrival}); until one is, it rings a
 * {@link Doorbell} of the inbox's own, on which the polling thread, finding nothing, marks
 * itself idle before it looks once more, and which unparks that thread if it went idle. Either
 * way a thread that parks between duty cycles is woken by an arrival rather than sleeping its
 * park out.
 *
 * <p>Thread-safe for any number of producers, of which only one at a time offers frame bytes
 * (whoever holds the reactor), and one polling thread.
 */
final class Inbox {

    /** An envelope and the frame bytes it is charged for (0 for a node's message to itself). */
    private record Arrival(Envelope envelope, int bytes) {
    }

    private final ManyToOneConcurrentArrayQueue<Arrival> queue;
    private final int maxBytes;
    private final AtomicLong bytes = new AtomicLong();
    /** Frames queued so far; written by whoever holds the reactor (one frame producer at a time). */
    private final AtomicLong framesOffered = new AtomicLong();
    private final Doorbell doorbell = new Doorbell();
    private volatile Runnable wake = doorbell::ring;
    private final Consumer<Arrival> onArrival = this::hand;
    /** The poller's handler during a drain, and the bytes drained so far; poller only. */
    private EnvelopeHandler handler;
    private long drained;
    /** Frames handed to the poller so far; poller only. */
    private long framesDrained;

    Inbox(int maxMessages, int maxBytes) {
        this.queue = new ManyToOneConcurrentArrayQueue<>(maxMessages);
        this.maxBytes = maxBytes;
    }

    /** Whether a frame of {@code frameBytes} would be kept now; for the producer of frames. */
    boolean hasRoomFor(int frameBytes) {
        return bytes.get() + frameBytes <= maxBytes;
    }

    /**
     * Queues {@code envelope}, charged {@code frameBytes}; false if a bound is reached (then
     * nothing changed). The caller {@link #ring rings} once it has offered what it had.
     */
    boolean offer(Envelope envelope, int frameBytes) {
        if (frameBytes > 0) {
            if (!hasRoomFor(frameBytes)) {
                return false;
            }
            // Charged before it is visible, so that the poller never releases more than was charged.
            bytes.addAndGet(frameBytes);
        }
        if (queue.offer(new Arrival(envelope, frameBytes))) {
            if (frameBytes > 0) {
                framesOffered.lazySet(framesOffered.get() + 1);
            }
            return true;
        }
        if (frameBytes > 0) {
            bytes.addAndGet(-frameBytes);
        }
        return false;
    }

    /** Wakes the polling thread if it went idle. */
    void ring() {
        wake.run();
    }

    /** From now on {@link #ring} runs {@code wake} instead of ringing the inbox's own doorbell. */
    void onArrival(Runnable wake) {
        this.wake = wake;
    }

    /** Hands up to {@code limit} envelopes to {@code to}; the polling thread only. */
    int drain(EnvelopeHandler to, int limit) {
        handler = to;
        try {
            int n = queue.drain(onArrival, limit);
            if (n == 0) {
                doorbell.idle();
                n = queue.drain(onArrival, limit);
            }
            if (n > 0) {
                doorbell.busy();
            }
            return n;
        } finally {
            if (drained > 0) {
                bytes.addAndGet(-drained);
                drained = 0;
            }
        }
    }

    /** Frames queued so far (a node's messages to itself are no frames); for the frame producer. */
    long framesOffered() {
        return framesOffered.get();
    }

    /** Frames handed to the poller so far; the polling thread only. */
    long framesDrained() {
        return framesDrained;
    }

    private void hand(Arrival arrival) {
        drained += arrival.bytes;
        if (arrival.bytes > 0) {
            framesDrained++;
        }
        handler.onEnvelope(arrival.envelope);
    }

    /** Messages waiting now; any thread. */
    int messages() {
        return queue.size();
    }

    /** Frame bytes waiting now; any thread. */
    long bytes() {
        return bytes.get();
    }

    /** Drops everything waiting (the transport is closing). */
    void clear() {
        Arrival a;
        while ((a = queue.poll()) != null) {
            bytes.addAndGet(-a.bytes);
        }
    }
}
