package io.synod.transport.tcp;

import io.synod.transport.tcp.HandshakeMessage.Greeting;
import io.synod.transport.tcp.HandshakeMessage.Hello;
import io.synod.transport.tcp.HandshakeMessage.OtherVersion;
import io.synod.transport.tcp.HandshakeMessage.Proof;
import io.synod.transport.tcp.HandshakeMessage.Refuse;
import io.synod.transport.tcp.HandshakeMessage.Welcome;
import org.agrona.DirectBuffer;

import java.util.Set;

/**
 * One side of the cluster handshake on one connection, as a state machine without I/O: it takes
 * the bodies of the peer's handshake frames and says what to answer and whether the connection is
 * established, refused or still in progress. It never throws on what the peer sends.
 *
 * <pre>
 *  dialer (lower id)                                acceptor (higher id)
 *    Hello(from, to, cluster, protocol, nonceD)  ──►  checks cluster, protocol, membership, who dials
 *                     ◄──  Welcome(from, to, cluster, protocol, nonceA,
 *                                  macA = HMAC(secret, "acceptor" | hello | welcome without macA))
 *    checks the same; answers
 *    Proof(macD = HMAC(secret, "dialer" | hello | welcome))  ──►
 *    then checks macA: established, or refused           checks macD: established, or refused
 * </pre>
 *
 * Both nonces are fresh per connection, so neither MAC can be replayed on another connection;
 * each side checks the other's MAC itself, so a node without the secret is refused by the node
 * that has it, whichever side it is on. The dialer sends its Proof before checking the
 * acceptor's MAC so that the acceptor learns of a wrong secret first-hand and logs it; the Proof
 * is useless elsewhere, as it covers the acceptor's fresh nonce.
 *
 * <p>The handshake authenticates the peer, not the bytes after it: on an untrusted network run it
 * inside TLS.
 */
final class Handshake {

    /** What the connection must do after a handshake message. */
    enum Outcome { CONTINUE, ESTABLISHED, REFUSED }

    /**
     * @param reply   a handshake body to send (before closing, if refused), or null
     * @param outcome whether the connection is established, refused or waits for more
     * @param refusal why it was refused, or null
     * @param detail  words for the log
     */
    record Step(byte[] reply, Outcome outcome, HandshakeRefusal refusal, String detail) {
    }

    /** What this node is: its id, its cluster's members and names. */
    record Identity(int self, Set<Integer> members, String clusterId, String protocolName, int protocolVersion) {
    }

    private enum State { START, AWAIT_HELLO, AWAIT_WELCOME, AWAIT_PROOF, DONE }

    private final Identity local;
    private final ClusterKey key;
    private final byte[] nonce;
    private final boolean dialer;
    private State state;
    /** The node at the other end: the one dialed, or the one that claims to dial. */
    private int peer;
    private byte[] helloBody;
    private byte[] welcomeBody;

    private Handshake(Identity local, ClusterKey key, byte[] nonce, boolean dialer, int peer) {
        if (nonce.length != HandshakeMessage.NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must have " + HandshakeMessage.NONCE_LENGTH + " bytes");
        }
        this.local = local;
        this.key = key;
        this.nonce = nonce.clone();
        this.dialer = dialer;
        this.peer = peer;
        this.state = dialer ? State.START : State.AWAIT_HELLO;
    }

    /** The side that dialed {@code peer}; it speaks first ({@link #hello()}). */
    static Handshake dialer(Identity local, ClusterKey key, byte[] nonce, int peer) {
        return new Handshake(local, key, nonce, true, peer);
    }

    /** The side that accepted a connection from a node yet unknown. */
    static Handshake acceptor(Identity local, ClusterKey key, byte[] nonce) {
        return new Handshake(local, key, nonce, false, -1);
    }

    /** The dialer's first message. */
    byte[] hello() {
        if (state != State.START) {
            throw new IllegalStateException("hello is the dialer's first message, state " + state);
        }
        helloBody = HandshakeMessage.encodeGreeting(greeting(peer), null);
        state = State.AWAIT_WELCOME;
        return helloBody;
    }

    /** The node at the other end: the dialed one, or the one a Hello named (-1 before it). */
    int peer() {
        return peer;
    }

    boolean isDialer() {
        return dialer;
    }

    /** Takes the body of one handshake frame from the peer. */
    Step onMessage(DirectBuffer buffer, int offset, int length) {
        HandshakeMessage message;
        byte[] raw = new byte[length];
        try {
            message = HandshakeMessage.decode(buffer, offset, length);
            buffer.getBytes(offset, raw);
        } catch (MalformedFrameException e) {
            return refuse(HandshakeRefusal.MALFORMED, e.getMessage());
        }
        if (message instanceof Refuse refuse) {
            state = State.DONE;
            return new Step(null, Outcome.REFUSED, HandshakeRefusal.REFUSED_BY_PEER, "the peer refused: " + refuse.reason());
        }
        if (message instanceof OtherVersion other) {
            return refuse(HandshakeRefusal.HANDSHAKE_VERSION,
                "handshake version " + other.version() + ", this node speaks " + HandshakeMessage.VERSION);
        }
        return switch (state) {
            case AWAIT_HELLO -> message instanceof Hello hello ? onHello(hello, raw) : unexpected(message);
            case AWAIT_WELCOME -> message instanceof Welcome welcome ? onWelcome(welcome, raw) : unexpected(message);
            case AWAIT_PROOF -> message instanceof Proof proof ? onProof(proof) : unexpected(message);
            case START, DONE -> unexpected(message);
        };
    }

    private Step onHello(Hello hello, byte[] raw) {
        Greeting g = hello.greeting();
        Step wrong = checkIdentity(g);
        if (wrong != null) {
            return wrong;
        }
        if (!local.members().contains(g.from())) {
            return refuse(HandshakeRefusal.NOT_A_MEMBER, "node " + g.from() + " is not a member of " + local.members());
        }
        if (g.from() >= local.self()) {
            return refuse(HandshakeRefusal.WRONG_DIALER, "node " + g.from() + " dialed node " + local.self() + ", but the lower id dials");
        }
        if (g.to() != local.self()) {
            return refuse(HandshakeRefusal.WRONG_ADDRESSEE, "node " + g.from() + " meant node " + g.to() + ", this is " + local.self());
        }
        peer = g.from();
        helloBody = raw;
        byte[] unsigned = HandshakeMessage.encodeGreeting(greeting(peer), new byte[HandshakeMessage.MAC_LENGTH]);
        byte[] mac = key.sign(ClusterKey.ACCEPTOR_LABEL, helloBody, HandshakeMessage.withoutMac(unsigned));
        welcomeBody = HandshakeMessage.encodeGreeting(greeting(peer), mac);
        state = State.AWAIT_PROOF;
        return new Step(welcomeBody, Outcome.CONTINUE, null, null);
    }

    private Step onWelcome(Welcome welcome, byte[] raw) {
        Greeting g = welcome.greeting();
        Step wrong = checkIdentity(g);
        if (wrong != null) {
            return wrong;
        }
        if (g.from() != peer || g.to() != local.self()) {
            return refuse(HandshakeRefusal.WRONG_ADDRESSEE,
                "dialed node " + peer + " as node " + local.self() + ", but node " + g.from() + " answered, to node " + g.to());
        }
        welcomeBody = raw;
        byte[] proof = HandshakeMessage.encodeProof(key.sign(ClusterKey.DIALER_LABEL, helloBody, welcomeBody));
        byte[] expected = key.sign(ClusterKey.ACCEPTOR_LABEL, helloBody, HandshakeMessage.withoutMac(welcomeBody));
        state = State.DONE;
        if (!ClusterKey.same(expected, welcome.mac())) {
            return new Step(proof, Outcome.REFUSED, HandshakeRefusal.WRONG_SECRET,
                "node " + peer + " could not prove it knows the cluster secret");
        }
        return new Step(proof, Outcome.ESTABLISHED, null, null);
    }

    private Step onProof(Proof proof) {
        byte[] expected = key.sign(ClusterKey.DIALER_LABEL, helloBody, welcomeBody);
        if (!ClusterKey.same(expected, proof.mac())) {
            return refuse(HandshakeRefusal.WRONG_SECRET, "node " + peer + " could not prove it knows the cluster secret");
        }
        state = State.DONE;
        return new Step(null, Outcome.ESTABLISHED, null, null);
    }

    private Step checkIdentity(Greeting g) {
        if (!local.clusterId().equals(g.clusterId())) {
            return refuse(HandshakeRefusal.WRONG_CLUSTER,
                "node " + g.from() + " is in cluster '" + g.clusterId() + "', this node in '" + local.clusterId() + "'");
        }
        if (!local.protocolName().equals(g.protocolName()) || local.protocolVersion() != g.protocolVersion()) {
            return refuse(HandshakeRefusal.WRONG_PROTOCOL, "node " + g.from() + " runs " + g.protocolName() + " v"
                + g.protocolVersion() + ", this node " + local.protocolName() + " v" + local.protocolVersion());
        }
        return null;
    }

    private Step unexpected(HandshakeMessage message) {
        return refuse(HandshakeRefusal.MALFORMED, message.getClass().getSimpleName() + " out of order (" + state + ")");
    }

    private Step refuse(HandshakeRefusal reason, String detail) {
        state = State.DONE;
        return new Step(HandshakeMessage.encodeRefuse(reason), Outcome.REFUSED, reason, detail);
    }

    private Greeting greeting(int to) {
        return new Greeting(local.self(), to, local.protocolVersion(), nonce, local.clusterId(), local.protocolName());
    }
}
