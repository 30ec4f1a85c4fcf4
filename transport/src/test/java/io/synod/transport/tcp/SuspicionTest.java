package io.synod.transport.tcp;

import io.synod.api.Envelope;
import io.synod.spi.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transport as a failure detector: a peer whose connection closes under a node is suspected,
 * once, and {@code poll} says so after the messages that came before; a peer this node closed a
 * connection to itself (replaced by a newer one, or carrying a bad frame) is not, nor is one cut
 * off by a test partition.
 */
class SuspicionTest {

    /** Short redials, so that a dead peer is redialed many times within a test. */
    private static final Duration FIRST_REDIAL = Duration.ofMillis(1);
    private static final Duration LAST_REDIAL = Duration.ofMillis(20);
    /** More redials than it takes the first delay (20 bits) to reach the sign bit if doubled unchecked. */
    private static final int REDIALS = 64;

    private Loopback cluster;

    @AfterEach
    void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** What one node's polls handed over, in order: envelopes and suspicions. */
    static final class Heard implements Transport.EnvelopeHandler {
        final List<Object> events = new ArrayList<>();
        final List<Integer> suspected = new ArrayList<>();

        @Override
        public void onEnvelope(Envelope envelope) {
            events.add(envelope);
        }

        @Override
        public void onSuspect(int peer) {
            events.add("suspect " + peer);
            suspected.add(peer);
        }

        int pollFrom(TcpTransport node, int limit) {
            return node.poll(this, limit);
        }
    }

    @Test
    void aClosedPeerIsSuspectedOnceByEachSurvivorWhileItIsRedialedAndNoLivePeerIsSuspected() {
        cluster = new Loopback(3, b -> b.backoff(FIRST_REDIAL, LAST_REDIAL));
        Eventually.until(cluster::fullyConnected, () -> "three nodes connect");
        TcpTransport one = cluster.node(1);
        TcpTransport two = cluster.node(2);
        TcpTransport three = cluster.node(3);
        Heard atOne = new Heard();
        Heard atThree = new Heard();
        one.send(new Envelope(1, 3, new Note(1)));
        three.send(new Envelope(3, 1, new Note(2)));
        assertEquals(new Envelope(1, 3, new Note(1)), Loopback.receive(three, 1).get(0));
        assertEquals(new Envelope(3, 1, new Note(2)), Loopback.receive(one, 1).get(0));
        // A partition made for tests closes nothing: node 3 is cut off from node 1, and live.
        one.block(3);

        cluster.stop(2);
        // Node 1 dials node 2 and node 3 accepts node 2's dial: both kinds of link are lost.
        Eventually.until(() -> {
            atOne.pollFrom(one, 64);
            atThree.pollFrom(three, 64);
            return atOne.suspected.contains(2) && atThree.suspected.contains(2);
        }, () -> "nodes 1 and 3 suspect node 2; node 1 heard " + atOne.events + ", node 3 " + atThree.events);
        long dialsThen = one.dials(2);
        Eventually.until(() -> {
            atOne.pollFrom(one, 64);
            atThree.pollFrom(three, 64);
            return one.dials(2) >= dialsThen + REDIALS;
        }, () -> "node 1 redials node 2 " + REDIALS + " times: " + (one.dials(2) - dialsThen));

        assertEquals(List.of(2), atOne.suspected, "node 1 suspects node 2 once, however often it redials it");
        assertEquals(List.of(2), atThree.suspected, "node 3 suspects node 2 once, and never node 1");
        assertEquals(1, one.metrics().peer(2).suspicions());
        assertEquals(0, one.metrics().peer(3).suspicions(), "blocked is not suspected");
        assertEquals(1, three.metrics().peer(2).suspicions());
        assertEquals(0, three.metrics().peer(1).suspicions());
        assertEquals(0, two.metrics().peer(1).suspicions() + two.metrics().peer(3).suspicions(),
            "node 2 closed its connections itself: no suspicion of its own");
    }

    @Test
    void aSuspicionIsHandedAfterEveryMessageThatArrivedBeforeItEvenOneAtATime() {
        cluster = new Loopback(2);
        Eventually.until(cluster::fullyConnected, () -> "two nodes connect");
        TcpTransport one = cluster.node(1);
        int count = 20;
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cluster.node(2).send(new Envelope(2, 1, new Note(i)));
            expected.add(new Envelope(2, 1, new Note(i)));
        }
        expected.add("suspect 2");
        Eventually.until(() -> one.metrics().peer(2).messagesReceived() == count, () -> "node 1 takes node 2's notes in");
        cluster.stop(2);
        Eventually.until(() -> one.metrics().peer(2).suspicions() == 1, () -> "node 1 loses node 2");

        Heard heard = new Heard();
        List<Integer> works = new ArrayList<>();
        while (heard.suspected.isEmpty() && works.size() <= count) {
            works.add(heard.pollFrom(one, 1));
        }
        assertEquals(expected, heard.events, "the last notes first, then the suspicion");
        assertEquals(count, works.size(), "one note per poll, and the suspicion in the last note's poll");
        assertEquals(2, works.get(count - 1), "that poll counts both");
        assertEquals(0, heard.pollFrom(one, 1));
    }

    @Test
    void aSuspicionRunsTheRegisteredWakeSoThatAParkedPollerHearsOfIt() {
        cluster = new Loopback(2);
        Eventually.until(cluster::fullyConnected, () -> "two nodes connect");
        TcpTransport one = cluster.node(1);
        AtomicInteger wakes = new AtomicInteger();
        one.onArrival(wakes::incrementAndGet);
        cluster.stop(2);
        Eventually.until(() -> wakes.get() >= 1, () -> "node 1's wake runs when its link to node 2 closes");
        assertEquals(0, one.metrics().inboxMessages(), "woken by the suspicion, not by a message");
        Heard heard = new Heard();
        assertEquals(1, heard.pollFrom(one, 64));
        assertEquals(List.of("suspect 2"), heard.events);
    }

    @Test
    void aPeerWhoseConnectionIsReplacedByItsNewerOneIsNotSuspected() throws Exception {
        cluster = new Loopback(2, b -> b.backoff(FIRST_REDIAL, LAST_REDIAL));
        Eventually.until(cluster::fullyConnected, () -> "two nodes connect");
        TcpTransport two = cluster.node(2);
        Heard atTwo = new Heard();
        try (RawPeer raw = new RawPeer(cluster.address(2))) {
            // Node 1's identity, from elsewhere: node 2 takes it as node 1 connected anew.
            assertEquals(Handshake.Outcome.ESTABLISHED, raw.handshake(dialer(1, 2)).outcome());
            Eventually.until(() -> two.metrics().peer(1).connects() >= 2, () -> "node 2 takes the new connection");
            // Node 2 closed node 1's first connection; node 1 redials, and node 2 takes that
            // one in place of the hand-driven one.
            assertTrue(raw.closedByPeer(), "node 2 drops the hand-driven connection for node 1's next one");
        }
        Eventually.until(() -> {
            atTwo.pollFrom(two, 64);
            return cluster.fullyConnected() && two.metrics().peer(1).connects() == 3;
        }, () -> "node 1 reconnects: " + two.metrics().peer(1));
        cluster.node(1).send(new Envelope(1, 2, new Note(1)));
        Eventually.until(() -> {
            atTwo.pollFrom(two, 64);
            return atTwo.events.contains(new Envelope(1, 2, new Note(1)));
        }, () -> "node 2 hears node 1 on the new connection: " + atTwo.events);
        assertEquals(List.of(), atTwo.suspected, "both of node 2's replaced connections were closed by node 2");
        assertEquals(0, two.metrics().peer(1).suspicions());
        // Node 1's first connection was closed under it, so from where it stands node 2 may have
        // stopped: a wrong suspicion, and the reason a suspicion is only a hint.
        assertEquals(1, cluster.node(1).metrics().peer(2).suspicions());
    }

    @Test
    void aPeerThatHangsUpIsSuspectedAndOneThatSendsABadFrameIsNot() throws Exception {
        cluster = new Loopback(2, b -> b, 1);
        TcpTransport two = cluster.node(2);
        Heard heard = new Heard();
        try (RawPeer raw = new RawPeer(cluster.address(2))) {
            // The bad frame is refused by node 2, which closes the connection itself: the peer
            // that sent it is alive, and suspecting it would only unseat a working leader.
            raw.handshake(dialer(1, 2), RawPeer.noteFrame(new Note(1)), RawPeer.noteFrame(new Note(2, new byte[] {Note.POISON})));
            assertTrue(raw.closedByPeer());
        }
        Eventually.until(() -> two.metrics().peer(1).refusedFrames() == 1, () -> "node 2 refuses the frame");
        try (RawPeer raw = new RawPeer(cluster.address(2))) {
            raw.handshake(dialer(1, 2), RawPeer.noteFrame(new Note(3)));
            Eventually.until(() -> two.metrics().peer(1).messagesReceived() == 3, () -> "node 2 takes the note in");
        }
        Eventually.until(() -> {
            heard.pollFrom(two, 64);
            return !heard.suspected.isEmpty();
        }, () -> "node 2 suspects node 1 once it hung up: " + heard.events);
        assertEquals(List.of(new Envelope(1, 2, new Note(1)), new Envelope(1, 2, new Note(3)), "suspect 1"), heard.events);
        assertEquals(1, two.metrics().peer(1).suspicions());
    }

    private static Handshake dialer(int self, int peer) {
        return Handshake.dialer(new Handshake.Identity(self, Set.of(1, 2), Loopback.CLUSTER, Loopback.PROTOCOL, 1),
            new ClusterKey(Loopback.SECRET), HandshakeTest.nonce(self), peer);
    }
}
