package io.synod.transport.tcp;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import org.agrona.ExpandableDirectByteBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What waits to be sent to one peer, already encoded: {@link Frame}s back to back in one buffer,
 * oldest first, bounded both by count and by bytes.
 *
 * <p><b>Why encoded.</b> A bound by bytes needs each message's size when it is queued, and only
 * its codec knows it. So the sending thread encodes at once, and the queue holds bytes, not
 * objects: a peer that is down or slow costs at most the bound, however large the messages
 * (snapshots, big batches of commands).
 *
 * <p><b>When full</b> (by count or by bytes), the oldest frames are pushed out to make room for the
 * new one, and counted by the caller: a fresh message is worth more than a stale one to a
 * consensus protocol, and a sender never waits. The byte bound is at least the frame bound, so a
 * new frame always fits once the older ones are gone.
 *
 * <p><b>Hand-over.</b> The connection takes the frames by swapping buffers with the outbox
 * ({@link #drainTo}): nothing is copied, and the outbox goes on with the connection's emptied
 * buffer. What the connection took is no longer queued; until the socket has taken it, it is the
 * connection's (at most one outbox's worth).
 *
 * <p>Thread-safe: senders offer and the holder of the reactor drains under this object's lock.
 * {@link #messages()} and {@link #bytes()} may be read without it.
 */
final class Outbox {

    /** {@link #offer}'s answer for a message that encodes beyond the frame bound (not queued). */
    static final int TOO_LONG = -1;
    /** Above this, an empty buffer may be given back and a smaller one taken. */
    private static final int SHRINK_ABOVE = 1 << 20;
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final int maxMessages;
    private final int maxBytes;
    private final int maxFrameLength;
    private ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(INITIAL_CAPACITY);
    /** First byte of the oldest frame. */
    private int head;
    /** End of the newest frame. */
    private int tail;
    private volatile int messages;
    private volatile int bytes;

    Outbox(int maxMessages, int maxBytes, int maxFrameLength) {
        if (maxMessages < 1 || maxBytes < maxFrameLength) {
            throw new IllegalArgumentException("an outbox must hold at least one message of the largest frame, "
                + maxFrameLength + " B; was " + maxMessages + " messages and " + maxBytes + " B");
        }
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * Encodes {@code message} as a frame on {@code channel} and queues it, pushing out the oldest
     * frames while the bounds are exceeded.
     *
     * @return how many older messages were pushed out, or {@link #TOO_LONG} if the message encodes
     *         beyond the frame bound (then nothing changed)
     * @throws RuntimeException whatever the codec throws; nothing is queued then
     */
    synchronized int offer(int channel, Message message, MessageCodec codec) {
        makeRoom();
        int bodyLength = codec.encode(message, buffer, tail + Frame.BODY_OFFSET);
        int length = Frame.HEADER_LENGTH + bodyLength;
        if (bodyLength < 0 || length > maxFrameLength) {
            if (head == tail) {
                release();
            }
            return TOO_LONG;
        }
        buffer.putInt(tail + Frame.LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        buffer.putByte(tail + Frame.CHANNEL_OFFSET, (byte) channel);
        tail += length;
        int count = messages + 1;
        int pushedOut = 0;
        while (count > maxMessages || tail - head > maxBytes) {
            head += buffer.getInt(head + Frame.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            count--;
            pushedOut++;
        }
        publish(count);
        return pushedOut;
    }

    /**
     * Hands every queued frame to {@code writer}, if it has nothing left to write, by swapping
     * buffers with it.
     *
     * @return how many messages it took (0 if none was queued, or the writer was busy)
     */
    synchronized int drainTo(FrameWriter writer) {
        if (head == tail || writer.hasPending()) {
            return 0;
        }
        int taken = messages;
        buffer = writer.adopt(buffer, head, tail);
        publish(0);
        return taken;
    }

    /** Drops everything queued; returns how many messages that was. */
    synchronized int clear() {
        int dropped = messages;
        publish(0);
        release();
        return dropped;
    }

    /** Messages queued now; any thread. */
    int messages() {
        return messages;
    }

    /** Bytes queued now, frame headers included; any thread. */
    int bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return messages == 0;
    }

    private void publish(int count) {
        if (count == 0) {
            head = 0;
            tail = 0;
        }
        messages = count;
        bytes = tail - head;
    }

    /** Before an append: start over at 0 when empty, or move the live frames down once the dead space before them is as large. */
    private void makeRoom() {
        if (head == tail) {
            head = 0;
            tail = 0;
        } else if (head >= tail - head) {
            ByteBuffer live = buffer.byteBuffer().duplicate();
            live.limit(tail).position(head);
            live.compact();
            tail -= head;
            head = 0;
        }
    }

    /**
     * An empty outbox gives back a large buffer after a rare event (a clear, a message beyond the
     * frame bound). In steady traffic the buffer it swaps with the connection keeps its size: the
     * writer decides when one has grown larger than the traffic needs.
     */
    private void release() {
        if (head == tail && buffer.capacity() > SHRINK_ABOVE) {
            buffer = new ExpandableDirectByteBuffer(INITIAL_CAPACITY);
        }
    }
}
