package io.synod.transport.tcp;

import io.synod.transport.tcp.Handshake.Outcome;
import io.synod.transport.tcp.Handshake.Step;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input, fuzzed, for the handshake: random and mutated bodies are handed to each side in each
 * of its waiting states: an acceptor awaiting a Hello, an acceptor awaiting a Proof, a dialer
 * awaiting a Welcome. The handshake never throws; a message it does not accept refuses the
 * connection with a reason and a Refuse to send; and a Proof or Welcome differing in any byte
 * from the genuine one never establishes a connection (every byte of them is under the MAC).
 * At least 100,000 bodies per run.
 */
class HandshakeDecoderProperties {

    private static final AtomicLong BODIES = new AtomicLong();
    private static final AtomicLong REFUSED = new AtomicLong();
    private static final Handshake.Identity DIALER = HandshakeTest.identity(1);
    private static final Handshake.Identity ACCEPTOR = HandshakeTest.identity(3);

    /** Which waiting side gets the body. */
    enum Target { AWAITING_HELLO, AWAITING_PROOF, AWAITING_WELCOME }

    /** A genuine handshake, frozen at each step, to mutate and to start sides from. */
    private static final byte[] HELLO;
    private static final byte[] WELCOME;
    private static final byte[] PROOF;

    static {
        Handshake d = dialer();
        HELLO = d.hello();
        WELCOME = HandshakeTest.feed(acceptor(), HELLO).reply();
        PROOF = HandshakeTest.feed(d, WELCOME).reply();
    }

    private static Handshake dialer() {
        return Handshake.dialer(DIALER, new ClusterKey(HandshakeTest.SECRET), HandshakeTest.nonce(1), 3);
    }

    private static Handshake acceptor() {
        return Handshake.acceptor(ACCEPTOR, new ClusterKey(HandshakeTest.SECRET), HandshakeTest.nonce(3));
    }

    @Property(tries = 2_000)
    void noBodyThrowsAndOnlyTheGenuineMessageEstablishes(@ForAll("bodies") List<byte[]> bodies, @ForAll Target target) {
        for (byte[] body : bodies) {
            BODIES.incrementAndGet();
            Handshake side = switch (target) {
                case AWAITING_HELLO -> acceptor();
                case AWAITING_PROOF -> {
                    Handshake a = acceptor();
                    HandshakeTest.feed(a, HELLO);
                    yield a;
                }
                case AWAITING_WELCOME -> {
                    Handshake d = dialer();
                    d.hello();
                    yield d;
                }
            };
            // Inside a larger buffer, at an offset, as a frame reader hands it over.
            UnsafeBuffer buffer = new UnsafeBuffer(new byte[body.length + 16]);
            buffer.putBytes(7, body);
            Step step = side.onMessage(buffer, 7, body.length);
            assertNotNull(step.outcome());
            if (step.outcome() == Outcome.REFUSED) {
                REFUSED.incrementAndGet();
                assertNotNull(step.refusal());
                assertTrue(step.detail() != null && !step.detail().isEmpty(), "a refusal says why");
            }
            if (step.outcome() == Outcome.ESTABLISHED) {
                assertArrayEquals(target == Target.AWAITING_PROOF ? PROOF : WELCOME, body,
                    "only the genuine message establishes a connection");
            }
            if (target == Target.AWAITING_HELLO) {
                assertTrue(step.outcome() != Outcome.ESTABLISHED, "a Hello alone never establishes");
                if (step.outcome() == Outcome.CONTINUE) {
                    assertEquals(HandshakeMessage.WELCOME, step.reply()[0], "an accepted Hello is answered by a Welcome");
                }
            }
        }
    }

    @AfterContainer
    static void enoughBodies() {
        System.out.printf("handshake fuzz: %,d bodies, %,d refused%n", BODIES.get(), REFUSED.get());
        assertTrue(BODIES.get() >= 100_000, "fuzzed " + BODIES.get() + " handshake bodies, fewer than 100,000");
        assertTrue(REFUSED.get() > 10_000 && REFUSED.get() < BODIES.get(), "both outcomes were exercised: " + REFUSED.get());
    }

    @Provide
    Arbitrary<List<byte[]>> bodies() {
        Arbitrary<byte[]> genuine = Arbitraries.of(HELLO, WELCOME, PROOF, HandshakeMessage.encodeRefuse(HandshakeRefusal.TLS));
        Arbitrary<byte[]> mutated = Combinators.combine(genuine, Arbitraries.integers().between(0, 3),
            Arbitraries.integers().greaterOrEqual(0), Arbitraries.bytes()).as((g, kind, where, value) -> {
                byte[] b = g.clone();
                int at = where % b.length;
                return switch (kind) {
                    case 0 -> {
                        b[at] ^= value == 0 ? 1 : value;
                        yield b;
                    }
                    case 1 -> Arrays.copyOf(b, at);
                    case 2 -> Arrays.copyOf(b, b.length + 1 + at % 8);
                    default -> {
                        // A name length byte pointing anywhere.
                        b[Math.min(b.length - 1, HandshakeMessage.CLUSTER_ID_LENGTH_OFFSET)] = value;
                        yield b;
                    }
                };
            });
        Arbitrary<byte[]> typed = Combinators.combine(Arbitraries.integers().between(0, 6),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(HandshakeMessage.MAX_BODY_LENGTH + 8)).as((type, rest) -> {
                byte[] b = Arrays.copyOf(new byte[] {(byte) (int) type}, rest.length + 1);
                System.arraycopy(rest, 0, b, 1, rest.length);
                if (b.length > 1) {
                    b[1] = 1; // the current handshake version, so the parser goes past it
                }
                return b;
            });
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
        return Arbitraries.frequencyOf(Tuple.of(1, genuine), Tuple.of(4, mutated), Tuple.of(3, typed), Tuple.of(2, random))
            .list().ofMinSize(50).ofMaxSize(60);
    }
}
