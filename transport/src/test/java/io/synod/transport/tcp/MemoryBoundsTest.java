package io.synod.transport.tcp;

import io.synod.api.Envelope;
import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Large messages cannot exhaust a node's memory through its transport: whatever waits, for a peer
 * that is down or does not read, or for a replica thread that does not poll, stays within the
 * configured bytes, however many messages are sent, and what did not fit is counted. The bounds
 * are checked on the queues' own byte gauges, sampled after every send, not on the heap. The
 * messages are 100 KiB each, so that the default count bounds (thousands of messages) are never
 * the ones that bite.
 */
class MemoryBoundsTest {

    private static final int MAX_FRAME = 256 * 1024;
    private static final int BOUND = 1024 * 1024;
    private static final int BODY = 100 * 1024;
    /** A note's frame: frame header, note header, body. */
    private static final int FRAME = Frame.HEADER_LENGTH + Note.HEADER + BODY;
    /** Whole frames within the bound: 10 of 102,417 bytes in 1 MiB. */
    private static final int FIT = BOUND / FRAME;
    private static final int FLOOD = 200;

    private Loopback cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aFloodForAPeerThatIsDownKeepsOnlyTheNewestWithinTheByteBound() {
        // Node 1 is down; node 2 (the higher id) waits for it to dial, so everything for it queues.
        cluster = new Loopback(2, b -> b.maxFrameLength(MAX_FRAME).sendQueueBytes(BOUND), 1);
        TcpTransport two = cluster.node(2);
        for (int i = 0; i < FLOOD; i++) {
            two.send(new Envelope(2, 1, new Note(i, new byte[BODY])));
            PeerMetrics toOne = two.metrics().peer(1);
            assertTrue(toOne.queuedBytes() <= BOUND, () -> "queued " + toOne.queuedBytes() + " B for a down peer");
            assertEquals(toOne.queuedMessages() * FRAME, toOne.queuedBytes(), "the gauge counts whole frames");
        }
        PeerMetrics toOne = two.metrics().peer(1);
        assertEquals(FIT, toOne.queuedMessages());
        assertEquals(FLOOD - FIT, toOne.droppedMessages(), "every message pushed out is counted");

        TcpTransport one = cluster.start(1);
        List<Envelope> got = Loopback.receive(one, FIT);
        assertEquals(List.of(190L, 191L, 192L, 193L, 194L, 195L, 196L, 197L, 198L, 199L),
            got.stream().map(e -> ((Note) e.message()).seq()).toList(), "the newest that fit survive, in order");
        Eventually.until(() -> two.metrics().peer(1).queuedBytes() == 0, () -> "the queue empties into the connection");
        assertEquals(FIT, two.metrics().peer(1).messagesSent());
    }

    @Test
    void aFloodForAPeerThatDoesNotReadStaysWithinTheByteBound() throws Exception {
        cluster = new Loopback(2, b -> b.maxFrameLength(MAX_FRAME).sendQueueBytes(BOUND), 1);
        TcpTransport two = cluster.node(2);
        try (RawPeer stalled = new RawPeer(cluster.address(2))) {
            // Authenticates as node 1, then never reads: the socket buffers fill, then the queue.
            assertEquals(Handshake.Outcome.ESTABLISHED, stalled.handshake(dialerAsOne()).outcome());
            Eventually.until(() -> two.metrics().peer(1).connected(), () -> "node 2 takes the connection");
            // 64 MiB: far more than loopback socket buffers hold.
            int flood = 640;
            for (int i = 0; i < flood; i++) {
                two.send(new Envelope(2, 1, new Note(i, new byte[BODY])));
                PeerMetrics toOne = two.metrics().peer(1);
                assertTrue(toOne.queuedBytes() <= BOUND, () -> "queued " + toOne.queuedBytes() + " B for a peer that does not read");
            }
            // Every message is in the socket's hands, dropped, or still queued; none is lost from the count.
            Eventually.until(() -> {
                PeerMetrics m = two.metrics().peer(1);
                return m.messagesSent() + m.droppedMessages() + m.queuedMessages() == flood;
            }, () -> "accounted for: " + two.metrics().peer(1));
            PeerMetrics toOne = two.metrics().peer(1);
            assertTrue(toOne.droppedMessages() > 0, () -> "the bound pushed messages out: " + toOne);
            assertTrue(toOne.queuedBytes() <= BOUND, () -> toOne.toString());
        }
    }

    /** A note on a channel of its own, whose codec counts what it decodes. */
    record Counted(Note note) implements Message {
    }

    @Test
    void aReceiverThatDoesNotPollHoldsAtMostTheInboxBytesAndDecodesNoMore() {
        AtomicInteger decoded = new AtomicInteger();
        MessageCodec counting = new MessageCodec() {
            @Override
            public int encode(Message message, MutableDirectBuffer buffer, int offset) {
                return Note.CODEC.encode(((Counted) message).note(), buffer, offset);
            }

            @Override
            public Message decode(DirectBuffer buffer, int offset, int length) {
                decoded.incrementAndGet();
                return new Counted((Note) Note.CODEC.decode(buffer, offset, length));
            }
        };
        // Node 1's own queue is large enough for the whole flood, so every message reaches node 2.
        cluster = new Loopback(2, b -> b.maxFrameLength(MAX_FRAME).inboxBytes(BOUND).sendQueueBytes(32 * BOUND)
            .channel(new CodecChannel(2, Counted.class, counting)));
        Eventually.until(cluster::fullyConnected, () -> "two nodes connect");
        TcpTransport one = cluster.node(1);
        TcpTransport two = cluster.node(2);
        for (int i = 0; i < FLOOD; i++) {
            one.send(new Envelope(1, 2, new Counted(new Note(i, new byte[BODY]))));
            long held = two.metrics().inboxBytes();
            assertTrue(held <= BOUND, () -> "node 2 holds " + held + " B unpolled");
        }
        Eventually.until(() -> two.metrics().peer(1).messagesReceived() == FLOOD,
            () -> "node 2 read every frame: " + two.metrics().peer(1));
        assertEquals(0, one.metrics().peer(2).droppedMessages());
        assertEquals(FIT, two.metrics().inboxMessages());
        assertEquals((long) FIT * FRAME, two.metrics().inboxBytes());
        assertEquals(FLOOD - FIT, two.metrics().peer(1).droppedArrivals(), "every arrival that did not fit is counted");
        assertEquals(FIT, decoded.get(), "a frame that could not be kept was never decoded");

        List<Envelope> got = Loopback.receive(two, FIT);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L),
            got.stream().map(e -> ((Counted) e.message()).note().seq()).toList(),
            "the arrivals that found room are kept; later ones are dropped");
        assertEquals(0, two.metrics().inboxBytes(), "polling gives the bytes back");
        assertEquals(0, two.metrics().inboxMessages());

        one.send(new Envelope(1, 2, new Counted(new Note(FLOOD, new byte[BODY]))));
        assertEquals(FLOOD, ((Counted) Loopback.receive(two, 1).get(0).message()).note().seq(), "room again once polled");
    }

    @Test
    void theInboxIsStillBoundedByCountForSmallMessages() {
        cluster = new Loopback(2, b -> b.inboxCapacity(4));
        Eventually.until(cluster::fullyConnected, () -> "two nodes connect");
        for (int i = 0; i < 10; i++) {
            cluster.node(1).send(new Envelope(1, 2, new Note(i)));
        }
        TcpTransport two = cluster.node(2);
        Eventually.until(() -> two.metrics().peer(1).messagesReceived() == 10, () -> "node 2 read every frame");
        assertEquals(4, two.metrics().inboxMessages());
        assertEquals(6, two.metrics().peer(1).droppedArrivals());
        assertEquals(Set.of(0L, 1L, 2L, 3L), Set.copyOf(Loopback.receive(two, 4).stream().map(e -> ((Note) e.message()).seq()).toList()));
    }

    private static Handshake dialerAsOne() {
        return Handshake.dialer(new Handshake.Identity(1, Set.of(1, 2), Loopback.CLUSTER, Loopback.PROTOCOL, 1),
            new ClusterKey(Loopback.SECRET), HandshakeTest.nonce(1), 2);
    }
}
