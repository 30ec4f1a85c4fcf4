package io.synod.threephase;

import io.synod.api.Message;
import io.synod.api.ProtocolContext;
import io.synod.api.commit.TransactionId;
import io.synod.protocol.Ballot;
import io.synod.testkit.codec.CodecFuzz;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three-phase commit codec: round trips, and 100,000+ fuzzed frames decoded whole or refused cleanly ({@link CodecFuzz}). */
class ThreePhaseCodecProperties {

    private static final ThreePhaseCodec CODEC = new ThreePhaseCodec();
    private static final CodecFuzz.Tally TALLY = new CodecFuzz.Tally();

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<TransactionId> t = Combinators.combine(Arbitraries.integers().between(0, ProtocolContext.MAX_NODE_ID),
            Arbitraries.longs().greaterOrEqual(1)).as(TransactionId::new);
        Arbitrary<Ballot> b = Combinators.combine(Arbitraries.longs().between(0, (1L << 47) - 1), Arbitraries.integers().between(0, 0xFFFF))
            .as(Ballot::new);
        Arbitrary<int[]> nodes = Arbitraries.integers().between(0, ProtocolContext.MAX_NODE_ID).array(int[].class).ofMaxSize(6);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        return Arbitraries.oneOf(
            Combinators.combine(t, nodes, bytes).as(ThreePhaseMessage.CanCommit::new),
            t.map(id -> new ThreePhaseMessage.Vote(id, true, "")),
            Combinators.combine(t, Arbitraries.strings().ofMaxLength(20)).as((id, r) -> new ThreePhaseMessage.Vote(id, false, r)),
            Combinators.combine(t, b).as(ThreePhaseMessage.PreCommit::new),
            Combinators.combine(t, b).as(ThreePhaseMessage.Ack::new),
            t.map(ThreePhaseMessage.DoCommit::new),
            t.map(ThreePhaseMessage.Abort::new),
            t.map(ThreePhaseMessage.HaveCommitted::new),
            Combinators.combine(t, b).as(ThreePhaseMessage.StateRequest::new),
            Combinators.combine(t, b, Arbitraries.of(ThreePhaseMessage.State.class)).as(ThreePhaseMessage.StateReport::new));
    }

    @Provide
    Arbitrary<List<Message>> lists() {
        return messages().list().ofSize(40);
    }

    @Property(tries = 500)
    void everyMessageRoundTrips(@ForAll("messages") Message m) {
        byte[] frame = CodecFuzz.encode(CODEC, m);
        assertEquals(m, CODEC.decode(new UnsafeBuffer(frame), 0, frame.length));
    }

    @BeforeContainer
    static void countingAllocations() {
        CodecFuzz.requireAllocationCounting();
    }

    /** 18 tries x 40 messages x 140 frames = 100,800 frames. */
    @Property(tries = 18)
    void framesDecodeWholeOrAreRefused(@ForAll("lists") List<Message> ms, @ForAll long seed) {
        CodecFuzz.run(CODEC, ms, seed, 140, TALLY);
    }

    @AfterContainer
    static void enoughFramesOfBothVerdicts() {
        CodecFuzz.Tally t = TALLY;
        System.out.println("3pc codec fuzz: " + t);
        if (t.frames() >= 50_000) {
            assertTrue(t.frames() >= 100_000, "only " + t.frames() + " frames were judged");
            assertTrue(t.decoded() > 10_000 && t.malformed() > 10_000, t.toString());
        }
    }
}
