package io.synod.examples.coordination.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The bytes waiting for one client, in the order they leave (replies, handshake answers, watch events, a
 * four-letter word's answer), and the gathering write that sends them.
 *
 * <p>It exists apart from {@link ClientConnection} because it is bookkeeping with no say in the connection's
 * lifecycle: it counts what waits (all of it, for back-pressure; the watch events alone, for the limit that
 * disconnects a client that does not read) and when the client last took any of it. The connection reads
 * those measures and decides whether to stop reading or close. One per connection, made with it; used only
 * on the port's I/O thread (except {@link #writeCalls}, which tests read).
 */
final class OutboundBuffer {

    /** Buffers one gathering write takes at most: the length of the port's shared array. */
    static final int GATHER = 64;

    private final ArrayDeque<ByteBuffer> outbound = new ArrayDeque<>();
    /**
     * The watch events among {@link #outbound}, by identity: what counts towards the slow-reader limit. Made
     * at the first event: most connections of an idle crowd never get one.
     */
    private Set<ByteBuffer> events;
    private long eventBytes;
    /** When the client last took bytes of {@link #outbound}, or when it began to wait ({@link System#nanoTime}). */
    private long lastTakenNanos;
    private long outboundBytes;
    /** Gathering writes made: what shows that a loop's replies leave together. */
    private volatile long writeCalls;

    boolean isEmpty() {
        return outbound.isEmpty();
    }

    /** The bytes waiting, of every kind: what back-pressure compares with {@code maxOutboundBytes}. */
    long bytes() {
        return outboundBytes;
    }

    /** The gathering writes made so far. */
    long writeCalls() {
        return writeCalls;
    }

    /**
     * Queues a four-letter word's answer. Not bounded, and the wait for the client is not restarted: the
     * server wrote it, not the client.
     */
    void addCommandAnswer(byte[] bytes) {
        outbound.add(ByteBuffer.wrap(bytes));
        outboundBytes += bytes.length;
    }

    /** Queues a reply (or a handshake answer): bounded by the requests read, never a reason to disconnect. */
    void addReply(byte[] frame) {
        startsWaiting();
        outbound.add(ByteBuffer.wrap(frame));
        outboundBytes += frame.length;
    }

    /** The watch-event bytes that would wait with one more event of {@code length} bytes. */
    long eventBytesWith(int length) {
        return eventBytes + length;
    }

    /** Queues a watch event; the caller checked {@link #eventBytesWith} against its limit first. */
    void addEvent(byte[] frame) {
        startsWaiting();
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        if (events == null) {
            events = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        events.add(buffer);
        eventBytes += frame.length;
        outbound.add(buffer);
        outboundBytes += frame.length;
    }

    /**
     * Writes what waits, up to {@value #GATHER} buffers a call, until it is all sent or the socket takes no
     * more. {@code gather} is the port's one array of {@value #GATHER} (its I/O thread writes one connection
     * at a time), so a write makes no array of its own; it is cleared afterwards, holding no reply past its write.
     */
    void writeTo(SocketChannel channel, ByteBuffer[] gather) throws IOException {
        while (!outbound.isEmpty()) {
            int n = 0;
            for (ByteBuffer b : outbound) {
                gather[n++] = b;
                if (n == gather.length) {
                    break;
                }
            }
            long written;
            try {
                written = channel.write(gather, 0, n);
            } finally {
                Arrays.fill(gather, 0, n, null);
            }
            writeCalls++;
            outboundBytes -= written;
            if (written > 0) {
                lastTakenNanos = System.nanoTime();
            }
            while (!outbound.isEmpty() && !outbound.peek().hasRemaining()) {
                ByteBuffer sent = outbound.poll();
                if (events != null && events.remove(sent)) {
                    eventBytes -= sent.capacity();
                }
            }
            if (written == 0) {
                break;
            }
        }
    }

    private void startsWaiting() {
        if (outbound.isEmpty()) {
            lastTakenNanos = System.nanoTime();
        }
    }

    /** True if bytes wait and the client took none of them for more than {@code boundNanos}. */
    boolean notTakenWithin(long nowNanos, long boundNanos) {
        return !outbound.isEmpty() && nowNanos - lastTakenNanos > boundNanos;
    }

    /** Drops whatever waits: the connection is closed. */
    void clear() {
        outbound.clear();
        events = null;
        eventBytes = 0;
    }
}
