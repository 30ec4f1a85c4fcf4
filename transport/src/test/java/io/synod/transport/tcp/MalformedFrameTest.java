package io.synod.transport.tcp;

import io.synod.api.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An authenticated peer that sends garbage loses its own connection and nothing else: node 3
 * takes messages from node 2 throughout, while a hand-driven node 1 sends a frame too long, a
 * body its codec refuses, a frame on a channel that carries nothing, and a handshake frame after
 * the handshake. Each closes node 1's connection once, is counted, and is followed by a fresh
 * connection that works.
 */
class MalformedFrameTest {

    private static final int MAX_FRAME = 4096;

    private Loopback cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void eachKindOfBadFrameClosesOnlyTheConnectionItCameOn() throws Exception {
        cluster = new Loopback(3, b -> b.maxFrameLength(MAX_FRAME), 1);
        Eventually.until(cluster::fullyConnected, () -> "nodes 2 and 3 connect");
        TcpTransport three = cluster.node(3);

        byte[] tooLong = RawPeer.frame(MAX_FRAME + 1, CodecChannel.PROTOCOL, new byte[16]);
        byte[] negative = RawPeer.frame(-1, CodecChannel.PROTOCOL, new byte[16]);
        byte[] shorterThanHeader = RawPeer.frame(Frame.HEADER_LENGTH - 1, CodecChannel.PROTOCOL, new byte[16]);
        byte[] poisoned = RawPeer.noteFrame(new Note(1, new byte[] {Note.POISON}));
        byte[] wrongBodyLength = RawPeer.frame(CodecChannel.PROTOCOL, new byte[Note.HEADER - 1]);
        byte[] noSuchChannel = RawPeer.frame(7, new byte[Note.HEADER]);
        byte[] lateHandshake = RawPeer.frame(CodecChannel.CONTROL, new byte[] {HandshakeMessage.PROOF});
        List<byte[]> bad = List.of(tooLong, negative, shorterThanHeader, poisoned, wrongBodyLength, noSuchChannel, lateHandshake);

        long seq = 0;
        for (byte[] frame : bad) {
            long good = ++seq;
            long after = ++seq;
            try (RawPeer raw = new RawPeer(cluster.address(3))) {
                Handshake.Step step = raw.handshake(dialer(), RawPeer.noteFrame(new Note(good)), frame,
                    RawPeer.noteFrame(new Note(after)));
                assertEquals(Handshake.Outcome.ESTABLISHED, step.outcome());
                assertTrue(raw.closedByPeer(), "node 3 closes the connection");
            }
            cluster.node(2).send(new Envelope(2, 3, new Note(-good)));
            List<Envelope> got = Loopback.receive(three, 2);
            assertEquals(Set.of(new Envelope(1, 3, new Note(good)), new Envelope(2, 3, new Note(-good))), Set.copyOf(got),
                "the frame before the bad one arrives, the one after it does not, and node 2 is unaffected");
        }
        PeerMetrics fromOne = three.metrics().peer(1);
        assertEquals(bad.size(), fromOne.refusedFrames());
        assertEquals(bad.size(), fromOne.connects());
        assertEquals(0, fromOne.suspicions(), "node 3 closed each connection itself: node 1 is not suspected");
        assertEquals(0, three.metrics().peer(2).refusedFrames());
        assertEquals(0, three.metrics().peer(2).reconnects(), "node 2's connection was never touched");
        assertTrue(three.metrics().peer(2).connected());
        assertEquals(0, three.metrics().refusals().values().stream().mapToLong(Long::longValue).sum(),
            "the handshakes themselves all passed");
    }

    private static Handshake dialer() {
        return Handshake.dialer(new Handshake.Identity(1, Set.of(1, 2, 3), Loopback.CLUSTER, Loopback.PROTOCOL, 1),
            new ClusterKey(Loopback.SECRET), HandshakeTest.nonce(1), 3);
    }
}
