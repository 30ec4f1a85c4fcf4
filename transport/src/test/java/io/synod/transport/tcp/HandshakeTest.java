package io.synod.transport.tcp;

import io.synod.transport.tcp.Handshake.Identity;
import io.synod.transport.tcp.Handshake.Outcome;
import io.synod.transport.tcp.Handshake.Step;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handshake as a transcript between a dialer (node 1) and an acceptor (node 3), driven
 * without sockets: the happy path, then each way a node is refused, and by which side.
 */
class HandshakeTest {

    static final byte[] SECRET = "the cluster secret, 32 bytes....".getBytes(StandardCharsets.UTF_8);
    static final Set<Integer> MEMBERS = Set.of(1, 2, 3);

    static Identity identity(int self) {
        return new Identity(self, MEMBERS, "c", "notes", 1);
    }

    static byte[] nonce(int fill) {
        byte[] n = new byte[HandshakeMessage.NONCE_LENGTH];
        Arrays.fill(n, (byte) fill);
        return n;
    }

    static Step feed(Handshake to, byte[] body) {
        return to.onMessage(new UnsafeBuffer(body), 0, body.length);
    }

    private final Handshake acceptor = Handshake.acceptor(identity(3), new ClusterKey(SECRET), nonce(3));

    @Test
    void helloWelcomeProofEstablishesBothSides() {
        Handshake dialer = Handshake.dialer(identity(1), new ClusterKey(SECRET), nonce(1), 3);
        Step welcome = feed(acceptor, dialer.hello());
        assertEquals(Outcome.CONTINUE, welcome.outcome());
        Step proof = feed(dialer, welcome.reply());
        assertEquals(Outcome.ESTABLISHED, proof.outcome());
        Step done = feed(acceptor, proof.reply());
        assertEquals(Outcome.ESTABLISHED, done.outcome());
        assertNull(done.reply());
        assertEquals(1, acceptor.peer());
        assertEquals(3, dialer.peer());
    }

    @Test
    void aDialerWithAnotherSecretIsRefusedByTheAcceptorAndRefusesItToo() {
        Handshake dialer = Handshake.dialer(identity(1), new ClusterKey("another secret of 32 bytes......".getBytes(StandardCharsets.UTF_8)), nonce(1), 3);
        Step welcome = feed(acceptor, dialer.hello());
        assertEquals(Outcome.CONTINUE, welcome.outcome(), "the Hello carries no proof yet");
        Step proof = feed(dialer, welcome.reply());
        assertRefused(proof, HandshakeRefusal.WRONG_SECRET);
        assertNotNull(proof.reply(), "the dialer still sends its proof, so that the acceptor learns why");
        assertRefused(feed(acceptor, proof.reply()), HandshakeRefusal.WRONG_SECRET);
    }

    @Test
    void aProofReplayedFromAnotherConnectionIsRefused() {
        Handshake dialer = Handshake.dialer(identity(1), new ClusterKey(SECRET), nonce(1), 3);
        Step welcome = feed(acceptor, dialer.hello());
        byte[] proof = feed(dialer, welcome.reply()).reply();
        // A second connection: same dialer nonce replayed, but the acceptor draws a fresh nonce.
        Handshake second = Handshake.acceptor(identity(3), new ClusterKey(SECRET), nonce(4));
        Handshake replayer = Handshake.dialer(identity(1), new ClusterKey(SECRET), nonce(1), 3);
        feed(second, replayer.hello());
        assertRefused(feed(second, proof), HandshakeRefusal.WRONG_SECRET);
    }

    @Test
    void theAcceptorRefusesAnotherClusterProtocolVersionOrHandshakeVersion() {
        assertRefused(feed(acceptor, hello(new Identity(1, MEMBERS, "other", "notes", 1), 3)), HandshakeRefusal.WRONG_CLUSTER);
        assertRefused(feed(fresh(), hello(new Identity(1, MEMBERS, "c", "zab", 1), 3)), HandshakeRefusal.WRONG_PROTOCOL);
        assertRefused(feed(fresh(), hello(new Identity(1, MEMBERS, "c", "notes", 2), 3)), HandshakeRefusal.WRONG_PROTOCOL);
        byte[] future = hello(identity(1), 3);
        future[HandshakeMessage.VERSION_OFFSET] = 2;
        assertRefused(feed(fresh(), future), HandshakeRefusal.HANDSHAKE_VERSION);
    }

    @Test
    void theAcceptorRefusesANonMemberAHigherDialerAndAHelloForAnotherNode() {
        assertRefused(feed(acceptor, hello(new Identity(9, Set.of(3, 9), "c", "notes", 1), 3)), HandshakeRefusal.NOT_A_MEMBER);
        Handshake two = Handshake.acceptor(identity(2), new ClusterKey(SECRET), nonce(2));
        assertRefused(feed(two, hello(identity(3), 2)), HandshakeRefusal.WRONG_DIALER);
        assertRefused(feed(fresh(), hello(identity(1), 2)), HandshakeRefusal.WRONG_ADDRESSEE);
    }

    @Test
    void theDialerRefusesAnAnswerFromAnotherNodeOrCluster() {
        Handshake dialer = Handshake.dialer(identity(1), new ClusterKey(SECRET), nonce(1), 2);
        byte[] hello = dialer.hello();
        // Node 3 answers where node 2 was dialed (an address that now belongs to another node).
        byte[] helloForThree = hello(identity(1), 3);
        byte[] welcomeFromThree = feed(acceptor, helloForThree).reply();
        assertRefused(feed(dialer, welcomeFromThree), HandshakeRefusal.WRONG_ADDRESSEE);
        assertTrue(hello.length > 0);

        Handshake other = Handshake.acceptor(new Identity(3, MEMBERS, "other", "notes", 1), new ClusterKey(SECRET), nonce(3));
        Handshake dialer3 = Handshake.dialer(identity(1), new ClusterKey(SECRET), nonce(1), 3);
        // The other cluster's node refuses the Hello itself; its answer is a Refuse.
        Step refused = feed(other, dialer3.hello());
        assertRefused(refused, HandshakeRefusal.WRONG_CLUSTER);
        assertRefused(feed(dialer3, refused.reply()), HandshakeRefusal.REFUSED_BY_PEER);
    }

    @Test
    void messagesOutOfOrderOrMalformedAreRefusedNeverThrown() {
        assertRefused(feed(acceptor, HandshakeMessage.encodeProof(new byte[HandshakeMessage.MAC_LENGTH])), HandshakeRefusal.MALFORMED);
        assertRefused(feed(fresh(), new byte[0]), HandshakeRefusal.MALFORMED);
        assertRefused(feed(fresh(), new byte[] {99}), HandshakeRefusal.MALFORMED);
        byte[] hello = hello(identity(1), 3);
        assertRefused(feed(fresh(), Arrays.copyOf(hello, hello.length - 1)), HandshakeRefusal.MALFORMED);
        assertRefused(feed(fresh(), Arrays.copyOf(hello, hello.length + 1)), HandshakeRefusal.MALFORMED);
        Handshake dialer = Handshake.dialer(identity(1), new ClusterKey(SECRET), nonce(1), 3);
        dialer.hello();
        assertRefused(feed(dialer, hello(identity(2), 1)), HandshakeRefusal.MALFORMED);
    }

    @Test
    void greetingsRoundTrip() {
        HandshakeMessage.Greeting g = new HandshakeMessage.Greeting(1, 3, 7, nonce(5), "ĉluster", "proto");
        byte[] mac = nonce(9);
        byte[] body = HandshakeMessage.encodeGreeting(g, mac);
        HandshakeMessage.Welcome w = (HandshakeMessage.Welcome) HandshakeMessage.decode(new UnsafeBuffer(body), 0, body.length);
        assertEquals(1, w.greeting().from());
        assertEquals(3, w.greeting().to());
        assertEquals(7, w.greeting().protocolVersion());
        assertEquals("ĉluster", w.greeting().clusterId());
        assertEquals("proto", w.greeting().protocolName());
        assertArrayEquals(nonce(5), w.greeting().nonce());
        assertArrayEquals(mac, w.mac());
        assertTrue(body.length <= HandshakeMessage.MAX_BODY_LENGTH);
    }

    private Handshake fresh() {
        return Handshake.acceptor(identity(3), new ClusterKey(SECRET), nonce(3));
    }

    static byte[] hello(Identity as, int to) {
        return Handshake.dialer(as, new ClusterKey(SECRET), nonce(as.self()), to).hello();
    }

    static void assertRefused(Step step, HandshakeRefusal reason) {
        assertEquals(Outcome.REFUSED, step.outcome(), () -> "expected refusal " + reason + ", got " + step);
        assertEquals(reason, step.refusal(), step::detail);
    }
}
