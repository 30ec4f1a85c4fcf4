package io.synod.transport.tcp;

import io.synod.api.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nodes that must not join are refused by a real transport, for the stated reason, and nothing
 * they send reaches {@code poll}; the honest nodes keep talking. The honest cluster is nodes 2
 * and 3 of {1, 2, 3}; node 1 is down, so intruders can claim its id and dial node 3.
 */
class HandshakeRefusalTest {

    private Loopback cluster;
    private final List<TcpTransport> intruders = new ArrayList<>();

    @BeforeEach
    void start() {
        cluster = new Loopback(3, b -> b.handshakeTimeout(Duration.ofMillis(500)), 1);
        Eventually.until(cluster::fullyConnected, () -> "nodes 2 and 3 connect");
    }

    @AfterEach
    void stop() {
        intruders.forEach(TcpTransport::close);
        cluster.close();
    }

    @Test
    void aNodeWithTheWrongSecretIsRefusedByBothSides() {
        TcpTransport intruder = intruder(1, b -> b.cluster(Loopback.CLUSTER, "not the cluster's secret!".getBytes(StandardCharsets.UTF_8)));
        assertRefusedAndDeaf(HandshakeRefusal.WRONG_SECRET, intruder);
        Eventually.until(() -> intruder.metrics().refusals().get(HandshakeRefusal.WRONG_SECRET) > 0,
            () -> "the intruder finds node 3's proof wrong as well: " + intruder.metrics().refusals());
    }

    @Test
    void aNodeOfAnotherClusterIsRefused() {
        TcpTransport intruder = intruder(1, b -> b.cluster("other-cluster", Loopback.SECRET));
        assertRefusedAndDeaf(HandshakeRefusal.WRONG_CLUSTER, intruder);
        Eventually.until(() -> intruder.metrics().refusals().get(HandshakeRefusal.REFUSED_BY_PEER) > 0,
            () -> "the intruder learns it was refused: " + intruder.metrics().refusals());
    }

    @Test
    void aNodeRunningAnotherProtocolOrVersionIsRefused() {
        assertRefusedAndDeaf(HandshakeRefusal.WRONG_PROTOCOL, intruder(1, b -> b.protocol("zab", 1)));
        assertRefusedAndDeaf(HandshakeRefusal.WRONG_PROTOCOL, intruder(1, b -> b.protocol(Loopback.PROTOCOL, 2)));
    }

    @Test
    void aNodeWhoseIdIsNotAMemberIsRefused() {
        TcpTransportConfig config = TcpTransportConfig.builder(0)
            .member(0, new InetSocketAddress("127.0.0.1", 0))
            .member(3, cluster.address(3))
            .cluster(Loopback.CLUSTER, Loopback.SECRET).protocol(Loopback.PROTOCOL, 1).codec(Note.CODEC)
            .build();
        TcpTransport intruder = TcpTransport.open(config);
        intruders.add(intruder);
        intruder.send(new Envelope(0, 3, new Note(666)));
        assertRefusedAndDeaf(HandshakeRefusal.NOT_A_MEMBER, intruder);
    }

    @Test
    void framesPipelinedBehindAWrongProofNeverReachPoll() throws Exception {
        Handshake liar = Handshake.dialer(identity(1),
            new ClusterKey("a guessed secret, 32 bytes long.".getBytes(StandardCharsets.UTF_8)), HandshakeTest.nonce(1), 3);
        try (RawPeer raw = new RawPeer(cluster.address(3))) {
            raw.handshake(liar, RawPeer.noteFrame(new Note(666)), RawPeer.noteFrame(new Note(667)));
            assertTrue(raw.closedByPeer());
        }
        assertRefusedAndDeaf(HandshakeRefusal.WRONG_SECRET, null);
    }

    @Test
    void framesBeforeTheHandshakeAreRefused() throws Exception {
        try (RawPeer raw = new RawPeer(cluster.address(3))) {
            raw.write(RawPeer.noteFrame(new Note(666)));
            assertTrue(raw.closedByPeer());
        }
        assertRefusedAndDeaf(HandshakeRefusal.MALFORMED, null);
    }

    @Test
    void aHigherIdThatDialsIsRefused() throws Exception {
        // Node 3 dials node 2: the rule says the lower id dials.
        Handshake wrongWay = Handshake.dialer(identity(3), new ClusterKey(Loopback.SECRET), HandshakeTest.nonce(3), 2);
        try (RawPeer raw = new RawPeer(cluster.address(2))) {
            raw.write(RawPeer.frame(CodecChannel.CONTROL, wrongWay.hello()), RawPeer.noteFrame(new Note(666)));
            assertTrue(raw.closedByPeer());
        }
        TcpTransport two = cluster.node(2);
        Eventually.until(() -> two.metrics().refusals().get(HandshakeRefusal.WRONG_DIALER) == 1, () -> "" + two.metrics().refusals());
        assertEquals(0, drain(two).size());
    }

    @Test
    void aSilentConnectionTimesOut() throws Exception {
        try (RawPeer raw = new RawPeer(cluster.address(3))) {
            assertTrue(raw.closedByPeer(), "node 3 hangs up on a peer that never speaks");
        }
        assertRefusedAndDeaf(HandshakeRefusal.TIMEOUT, null);
    }

    @Test
    void connectionsBeyondThePendingBoundAreClosedAtOnce() throws Exception {
        cluster.close();
        cluster = new Loopback(3, b -> b.maxPendingConnections(1).handshakeTimeout(Duration.ofMinutes(5)), 1, 2);
        TcpTransport three = cluster.node(3);
        try (RawPeer first = new RawPeer(cluster.address(3)); RawPeer second = new RawPeer(cluster.address(3))) {
            assertTrue(second.closedByPeer(), "the second silent connection is closed");
            assertEquals(1, three.metrics().refusals().get(HandshakeRefusal.TOO_MANY_PENDING));
            // The first is still held open: its handshake can still succeed.
            Handshake.Step step = first.handshake(Handshake.dialer(identity(1), new ClusterKey(Loopback.SECRET),
                HandshakeTest.nonce(1), 3), RawPeer.noteFrame(new Note(5)));
            assertEquals(Handshake.Outcome.ESTABLISHED, step.outcome());
            assertEquals(new Envelope(1, 3, new Note(5)), Loopback.receive(three, 1).get(0));
        }
    }

    private static Handshake.Identity identity(int self) {
        return new Handshake.Identity(self, Set.of(1, 2, 3), Loopback.CLUSTER, Loopback.PROTOCOL, 1);
    }

    private TcpTransport intruder(int id, UnaryOperator<TcpTransportConfig.Builder> change) {
        // A port of its own: node 1's old one may be held by an earlier intruder.
        TcpTransport t = TcpTransport.open(cluster.configFor(id, b -> change.apply(b.member(id, new InetSocketAddress("127.0.0.1", 0)))));
        intruders.add(t);
        t.send(new Envelope(id, 3, new Note(666)));
        return t;
    }

    /**
     * Node 3 refused a connection for {@code reason} (and for no other), the intruder never
     * counted as connected, node 3 polled nothing from it, and nodes 2 and 3 still talk.
     */
    private void assertRefusedAndDeaf(HandshakeRefusal reason, TcpTransport intruder) {
        TcpTransport three = cluster.node(3);
        Eventually.until(() -> three.metrics().refusals().get(reason) > 0,
            () -> "node 3 refuses for " + reason + "; refusals " + three.metrics().refusals());
        for (HandshakeRefusal other : HandshakeRefusal.values()) {
            if (other != reason) {
                assertEquals(0, three.metrics().refusals().get(other), () -> "node 3 refused for " + other + " too");
            }
        }
        if (intruder != null) {
            assertEquals(0, intruder.metrics().peer(3).connects(), "the intruder never got a connection");
        }
        assertEquals(0, three.metrics().peer(1).connects());
        assertEquals(0, three.metrics().peer(1).messagesReceived());
        cluster.node(2).send(new Envelope(2, 3, new Note(1)));
        List<Envelope> got = Loopback.receive(three, 1);
        assertEquals(List.of(new Envelope(2, 3, new Note(1))), got, "only node 2's message reaches poll");
        assertEquals(0, drain(three).size());
        assertEquals(Set.of(), Set.copyOf(drain(three)));
    }

    private static List<Envelope> drain(TcpTransport t) {
        List<Envelope> got = new ArrayList<>();
        t.poll(got::add, 1000);
        return got;
    }
}
