package io.synod.twophase;

import io.synod.api.Message;
import io.synod.api.ProtocolContext;
import io.synod.api.commit.TransactionId;
import io.synod.testkit.codec.CodecFuzz;
import io.synod.twophase.paxoscommit.PaxosCommitCodec;
import io.synod.twophase.paxoscommit.PaxosCommitMessage;
import io.synod.protocol.Ballot;
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

/**
 * The two-phase and Paxos Commit codecs: every message survives a round trip, and 100,000+ valid,
 * mutated, cut, grown, spliced and random frames each decode to a message that re-encodes to the
 * same bytes or are refused cleanly, read nothing outside the frame and allocate no more than its
 * length allows ({@link CodecFuzz}).
 */
class TwoPhaseCodecProperties {

    private static final TwoPhaseCodec TWO_PC = new TwoPhaseCodec();
    private static final PaxosCommitCodec PAXOS_COMMIT = new PaxosCommitCodec();
    private static final java.util.Map<String, CodecFuzz.Tally> TALLIES = new java.util.concurrent.ConcurrentHashMap<>();

    static Arbitrary<TransactionId> transactions() {
        return Combinators.combine(Arbitraries.integers().between(0, ProtocolContext.MAX_NODE_ID), Arbitraries.longs().greaterOrEqual(1))
            .as(TransactionId::new);
    }

    static Arbitrary<int[]> nodes() {
        return Arbitraries.integers().between(0, ProtocolContext.MAX_NODE_ID).array(int[].class).ofMaxSize(6);
    }

    static Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    }

    static Arbitrary<Ballot> ballots() {
        return Combinators.combine(Arbitraries.longs().between(0, (1L << 47) - 1), Arbitraries.integers().between(0, 0xFFFF))
            .as(Ballot::new);
    }

    @Provide
    Arbitrary<Message> twoPhaseMessages() {
        Arbitrary<TransactionId> t = transactions();
        return Arbitraries.oneOf(
            Combinators.combine(t, nodes(), bytes()).as(TwoPhaseMessage.Prepare::new),
            t.map(id -> new TwoPhaseMessage.Vote(id, true, "")),
            Combinators.combine(t, Arbitraries.strings().ofMaxLength(20)).as((id, r) -> new TwoPhaseMessage.Vote(id, false, r)),
            Combinators.combine(t, Arbitraries.of(true, false)).as(TwoPhaseMessage.Decision::new),
            t.map(TwoPhaseMessage.Ack::new),
            t.map(TwoPhaseMessage.DecisionRequest::new));
    }

    @Provide
    Arbitrary<Message> paxosCommitMessages() {
        Arbitrary<TransactionId> t = transactions();
        Arbitrary<Integer> rm = Arbitraries.integers().between(0, ProtocolContext.MAX_NODE_ID);
        Arbitrary<Boolean> bit = Arbitraries.of(true, false);
        Arbitrary<PaxosCommitMessage.Accepted> accepted = Combinators.combine(rm, ballots(), bit).as(PaxosCommitMessage.Accepted::new);
        return Arbitraries.oneOf(
            Combinators.combine(t, nodes(), bytes()).as(PaxosCommitMessage.Prepare::new),
            Combinators.combine(t, rm, ballots(), bit).as(PaxosCommitMessage.Phase2a::new),
            Combinators.combine(t, rm, ballots(), bit).as(PaxosCommitMessage.Phase2b::new),
            Combinators.combine(t, ballots()).as(PaxosCommitMessage.Phase1a::new),
            Combinators.combine(t, ballots(), accepted.list().ofMaxSize(5)).as(PaxosCommitMessage.Phase1b::new),
            Combinators.combine(t, ballots()).as(PaxosCommitMessage.Nack::new),
            Combinators.combine(t, bit).as(PaxosCommitMessage.Decision::new));
    }

    @Provide
    Arbitrary<List<Message>> twoPhaseLists() {
        return twoPhaseMessages().list().ofSize(40);
    }

    @Provide
    Arbitrary<List<Message>> paxosCommitLists() {
        return paxosCommitMessages().list().ofSize(40);
    }

    @Property(tries = 500)
    void twoPhaseMessagesRoundTrip(@ForAll("twoPhaseMessages") Message m) {
        byte[] frame = CodecFuzz.encode(TWO_PC, m);
        assertEquals(m, TWO_PC.decode(new UnsafeBuffer(frame), 0, frame.length));
    }

    @Property(tries = 500)
    void paxosCommitMessagesRoundTrip(@ForAll("paxosCommitMessages") Message m) {
        byte[] frame = CodecFuzz.encode(PAXOS_COMMIT, m);
        assertEquals(m, PAXOS_COMMIT.decode(new UnsafeBuffer(frame), 0, frame.length));
    }

    @BeforeContainer
    static void countingAllocations() {
        CodecFuzz.requireAllocationCounting();
    }

    /** 18 tries x 40 messages x 140 frames = 100,800 frames for each codec. */
    @Property(tries = 18)
    void twoPhaseFramesDecodeWholeOrAreRefused(@ForAll("twoPhaseLists") List<Message> ms,
                                               @ForAll long seed) {
        CodecFuzz.run(TWO_PC, ms, seed, 140, tally("2pc"));
    }

    @Property(tries = 18)
    void paxosCommitFramesDecodeWholeOrAreRefused(@ForAll("paxosCommitLists") List<Message> ms,
                                                  @ForAll long seed) {
        CodecFuzz.run(PAXOS_COMMIT, ms, seed, 140, tally("paxos-commit"));
    }

    private static CodecFuzz.Tally tally(String codec) {
        return TALLIES.computeIfAbsent(codec, c -> new CodecFuzz.Tally());
    }

    /** Each fuzzed codec judged 100,000+ frames, a good share of each verdict (unless a single property ran alone). */
    @AfterContainer
    static void enoughFramesOfBothVerdicts() {
        TALLIES.forEach((codec, t) -> {
            System.out.println(codec + " codec fuzz: " + t);
            if (t.frames() >= 50_000) {
                assertTrue(t.frames() >= 100_000, codec + ": only " + t.frames() + " frames were judged");
                assertTrue(t.decoded() > 10_000 && t.malformed() > 10_000, codec + ": " + t);
            }
        });
    }
}
