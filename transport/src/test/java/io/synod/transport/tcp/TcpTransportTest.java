package io.synod.transport.tcp;

import io.synod.api.Envelope;
import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three transports on loopback: every pair talks, in order; a peer restarts and is reconnected; a
 * partition made with block/unblock drops traffic and heals.
 */
class TcpTransportTest {

    private Loopback cluster;

    @AfterEach
    void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyPairExchangesMessagesInOrderAndSelfSendsStayLocal() {
        cluster = new Loopback(3);
        Eventually.until(cluster::fullyConnected, () -> "three nodes connect");
        for (int from = 1; from <= 3; from++) {
            for (int to = 1; to <= 3; to++) {
                for (int i = 0; i < 100; i++) {
                    cluster.node(from).send(new Envelope(from, to, new Note(from * 1000L + i, new byte[i])));
                }
            }
        }
        for (int to = 1; to <= 3; to++) {
            List<Envelope> got = Loopback.receive(cluster.node(to), 300);
            for (int from = 1; from <= 3; from++) {
                int sender = from;
                List<Long> seqs = got.stream().filter(e -> e.from() == sender).map(e -> ((Note) e.message()).seq()).toList();
                List<Long> expected = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    expected.add(from * 1000L + i);
                }
                assertEquals(expected, seqs, "node " + to + " hears node " + from + " in order");
            }
            got.forEach(e -> assertEquals(((Note) e.message()).seq() % 1000, ((Note) e.message()).body().length));
        }
        PeerMetrics oneToTwo = cluster.node(1).metrics().peer(2);
        assertEquals(100, oneToTwo.messagesSent());
        assertEquals(100, oneToTwo.messagesReceived());
        long frameBytes = 0;
        for (int i = 0; i < 100; i++) {
            frameBytes += Frame.HEADER_LENGTH + Note.HEADER + i;
        }
        assertEquals(frameBytes, oneToTwo.bytesSent());
        assertEquals(frameBytes, cluster.node(2).metrics().peer(1).bytesReceived());
        assertEquals(0, cluster.node(1).metrics().peer(2).reconnects());
    }

    @Test
    void aRestartedPeerIsReconnectedAndHearsNewMessages() {
        cluster = new Loopback(3);
        Eventually.until(cluster::fullyConnected, () -> "three nodes connect");
        cluster.stop(2);
        Eventually.until(() -> !cluster.node(1).metrics().peer(2).connected()
            && !cluster.node(3).metrics().peer(2).connected(), () -> "nodes 1 and 3 notice that node 2 left");
        cluster.start(2);
        Eventually.until(cluster::fullyConnected, () -> "node 2 is reconnected");
        assertEquals(1, cluster.node(1).metrics().peer(2).reconnects(), "node 1 redialed node 2");
        assertEquals(1, cluster.node(3).metrics().peer(2).reconnects(), "node 2 redialed node 3");
        cluster.node(1).send(new Envelope(1, 2, new Note(7)));
        cluster.node(3).send(new Envelope(3, 2, new Note(8)));
        cluster.node(2).send(new Envelope(2, 1, new Note(9)));
        List<Envelope> atTwo = Loopback.receive(cluster.node(2), 2);
        assertEquals(List.of(1, 3), atTwo.stream().map(Envelope::from).sorted().toList());
        assertEquals(new Envelope(2, 1, new Note(9)), Loopback.receive(cluster.node(1), 1).get(0));
    }

    @Test
    void blockDropsTrafficBothWaysUntilUnblocked() {
        cluster = new Loopback(3);
        Eventually.until(cluster::fullyConnected, () -> "three nodes connect");
        TcpTransport one = cluster.node(1);
        one.block(3);
        one.send(new Envelope(1, 3, new Note(1)));
        cluster.node(3).send(new Envelope(3, 1, new Note(2)));
        // A marker on an unblocked link sent after the blocked message: once it arrives, the
        // blocked one would have arrived too (one I/O thread, sent in order).
        cluster.node(3).send(new Envelope(3, 2, new Note(3)));
        cluster.node(2).send(new Envelope(2, 1, new Note(4)));
        assertEquals(new Envelope(3, 2, new Note(3)), Loopback.receive(cluster.node(2), 1).get(0));
        assertEquals(List.of(new Envelope(2, 1, new Note(4))), Loopback.receive(one, 1));
        Eventually.until(() -> one.metrics().peer(3).blockedMessages() == 2, () -> "node 1 counts both blocked messages: "
            + one.metrics().peer(3));
        assertEquals(0, drain(cluster.node(3)).size(), "node 3 got nothing from node 1");
        assertEquals(0, drain(one).size(), "node 1 got nothing from node 3");

        one.unblock(3);
        one.send(new Envelope(1, 3, new Note(5)));
        cluster.node(3).send(new Envelope(3, 1, new Note(6)));
        assertEquals(new Envelope(1, 3, new Note(5)), Loopback.receive(cluster.node(3), 1).get(0));
        assertEquals(new Envelope(3, 1, new Note(6)), Loopback.receive(one, 1).get(0));
    }

    @Test
    void aFullQueueDropsTheOldestMessagesAndCountsThem() {
        // Node 2 has the higher id, so it waits for node 1 to dial: while node 1 is down, its
        // messages for node 1 queue up.
        cluster = new Loopback(2, b -> b.sendQueueCapacity(4), 1);
        TcpTransport two = cluster.node(2);
        for (int i = 0; i < 10; i++) {
            two.send(new Envelope(2, 1, new Note(i)));
        }
        assertEquals(6, two.metrics().peer(1).droppedMessages());
        TcpTransport one = cluster.start(1);
        List<Envelope> got = Loopback.receive(one, 4);
        assertEquals(List.of(6L, 7L, 8L, 9L), got.stream().map(e -> ((Note) e.message()).seq()).toList(),
            "the newest four survive");
    }

    @Test
    void aMessageAboveTheFrameBoundIsDroppedAtTheSenderAndOneBelowItArrives() {
        int max = 64 * 1024;
        cluster = new Loopback(2, b -> b.maxFrameLength(max));
        Eventually.until(cluster::fullyConnected, () -> "two nodes connect");
        int largest = max - Frame.HEADER_LENGTH - Note.HEADER;
        cluster.node(1).send(new Envelope(1, 2, new Note(1, new byte[largest + 1])));
        cluster.node(1).send(new Envelope(1, 2, new Note(2, new byte[largest])));
        Envelope got = Loopback.receive(cluster.node(2), 1).get(0);
        assertEquals(2L, ((Note) got.message()).seq());
        assertEquals(largest, ((Note) got.message()).body().length);
        assertEquals(1, cluster.node(1).metrics().peer(2).droppedMessages());
        assertEquals(0, cluster.node(2).metrics().peer(1).refusedFrames());
    }

    @Test
    void sendingToANonMemberOrAsAnotherNodeIsRefusedAtOnce() {
        cluster = new Loopback(2);
        TcpTransport one = cluster.node(1);
        IllegalArgumentException notMember = assertThrows(IllegalArgumentException.class,
            () -> one.send(new Envelope(1, 9, new Note(1))));
        assertTrue(notMember.getMessage().contains("node 9 is not a peer"), notMember.getMessage());
        assertThrows(IllegalArgumentException.class, () -> one.send(new Envelope(2, 1, new Note(1))));
    }

    @Test
    void closeIsIdempotentAndAClosedTransportDropsQuietly() {
        cluster = new Loopback(2);
        TcpTransport one = cluster.node(1);
        one.close();
        one.close();
        one.send(new Envelope(1, 2, new Note(1)));
        one.send(new Envelope(1, 1, new Note(1)));
        assertEquals(0, drain(one).size());
    }

    /** A second kind of message, as the runtime's snapshot chunks will be, with a codec of its own. */
    record Chunk(int offset) implements Message {
    }

    /** Encodes a chunk as its offset; decoding offset -1 fails as a codec bug would (an Error, not bad input). */
    static final MessageCodec CHUNKS = new MessageCodec() {
        @Override
        public int encode(Message message, MutableDirectBuffer buffer, int offset) {
            buffer.putInt(offset, ((Chunk) message).offset());
            return Integer.BYTES;
        }

        @Override
        public Message decode(DirectBuffer buffer, int offset, int length) {
            int at = buffer.getInt(offset);
            if (at == -1) {
                throw new AssertionError("a codec bug");
            }
            return new Chunk(at);
        }
    };

    @Test
    void eachMessageTypeTravelsOnItsOwnChannelThroughItsOwnCodec() {
        cluster = new Loopback(2, b -> b.channel(new CodecChannel(2, Chunk.class, CHUNKS)));
        Eventually.until(cluster::fullyConnected, () -> "two nodes connect");
        cluster.node(1).send(new Envelope(1, 2, new Note(1)));
        cluster.node(1).send(new Envelope(1, 2, new Chunk(4096)));
        cluster.node(1).send(new Envelope(1, 2, new Note(2)));
        assertEquals(List.of(new Envelope(1, 2, new Note(1)), new Envelope(1, 2, new Chunk(4096)), new Envelope(1, 2, new Note(2))),
            Loopback.receive(cluster.node(2), 3));
        record Stray() implements Message {
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> cluster.node(1).send(new Envelope(1, 2, new Stray())));
        assertTrue(e.getMessage().contains("no channel carries"), e.getMessage());
    }

    @Test
    void ifTheIoThreadDiesPollSaysSoInsteadOfStayingDeaf() {
        cluster = new Loopback(2, b -> b.channel(new CodecChannel(2, Chunk.class, CHUNKS)));
        Eventually.until(cluster::fullyConnected, () -> "two nodes connect");
        cluster.node(1).send(new Envelope(1, 2, new Chunk(-1)));
        TcpTransport two = cluster.node(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Eventually.until(
            () -> two.poll(x -> { }, 10) < 0, () -> "poll never threw"));
        assertTrue(e.getMessage().contains("I/O thread failed"), e.getMessage());
        assertTrue(e.getCause() instanceof AssertionError);
    }

    @Test
    void aRegisteredWakeRunsAfterArrivalsAreQueuedFromPeersAndFromItself() {
        cluster = new Loopback(2);
        Eventually.until(cluster::fullyConnected, () -> "two nodes connect");
        TcpTransport two = cluster.node(2);
        AtomicInteger wakes = new AtomicInteger();
        AtomicInteger wokenToNothing = new AtomicInteger();
        two.onArrival(() -> {
            wakes.incrementAndGet();
            if (two.metrics().inboxMessages() == 0) {
                wokenToNothing.incrementAndGet();
            }
        });
        cluster.node(1).send(new Envelope(1, 2, new Note(1)));
        Eventually.until(() -> wakes.get() >= 1, () -> "node 2's wake runs after node 1's message arrives");
        two.send(new Envelope(2, 2, new Note(2)));
        assertEquals(2, wakes.get());
        assertEquals(0, wokenToNothing.get(), "each wake finds what woke it queued");
        assertEquals(List.of(new Envelope(1, 2, new Note(1)), new Envelope(2, 2, new Note(2))), drain(two));
    }

    private static List<Envelope> drain(TcpTransport t) {
        List<Envelope> got = new ArrayList<>();
        t.poll(got::add, 1000);
        return got;
    }
}
