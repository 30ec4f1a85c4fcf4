package io.synod.paxos.basic;

import io.synod.api.Message;
import io.synod.testkit.codec.CodecFuzz;
import io.synod.paxos.basic.BasicPaxosMessage.Accept;
import io.synod.paxos.basic.BasicPaxosMessage.Accepted;
import io.synod.paxos.basic.BasicPaxosMessage.CatchUp;
import io.synod.paxos.basic.BasicPaxosMessage.Chosen;
import io.synod.paxos.basic.BasicPaxosMessage.Nack;
import io.synod.paxos.basic.BasicPaxosMessage.Prepare;
import io.synod.paxos.basic.BasicPaxosMessage.Promise;
import io.synod.protocol.Ballot;
import io.synod.spi.MessageCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;

/**
 * The Basic Paxos codec under 100,000+ valid, mutated, spliced and random frames: each decodes to
 * a message that encodes back to the same bytes, or is refused with a
 * {@link MessageCodec.MalformedMessageException}; nothing else is thrown, nothing outside the
 * frame is read, nothing is allocated beyond what the frame's length allows (see
 * {@link CodecFuzz}).
 */
class BasicPaxosCodecFuzzProperties {

    private static final CodecFuzz.Tally TALLY = new CodecFuzz.Tally();
    private static final BasicPaxosCodec CODEC = new BasicPaxosCodec();

    @BeforeContainer
    static void countingAllocations() {
        CodecFuzz.requireAllocationCounting();
    }

    @Property(tries = 1_500)
    void everyFrameDecodesWholeOrIsRefusedCleanly(@ForAll("messageLists") List<Message> messages,
                                                  @ForAll long seed) {
        CodecFuzz.fuzz(codec(), messages, typeCount(), seed, TALLY);
    }

    @AfterContainer
    static void enoughFrames() {
        TALLY.requireEnough("Basic Paxos codec");
    }

    /** As many valid messages as frames in one try: each becomes one valid, mutated, spliced or random frame. */
    @Provide
    Arbitrary<List<Message>> messageLists() {
        return messages().list().ofMinSize(60).ofMaxSize(100);
    }

    MessageCodec codec() {
        return CODEC;
    }

    int typeCount() {
        return 8;
    }

    Arbitrary<Message> messages() {
        Arbitrary<Long> slots = Arbitraries.oneOf(Arbitraries.longs().between(1, 1000), Arbitraries.longs().greaterOrEqual(1));
        Arbitrary<Ballot> ballots = Combinators.combine(
            Arbitraries.longs().between(1, (1L << 47) - 1), Arbitraries.integers().between(0, 0xFFFF)).as(Ballot::new);
        Arbitrary<Ballot> anyBallots = Arbitraries.oneOf(ballots, Arbitraries.just(Ballot.ZERO));
        Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        return Arbitraries.oneOf(
            Combinators.combine(slots, ballots).as(Prepare::new),
            Combinators.combine(slots, ballots).as((s, b) -> new Promise(s, b, Ballot.ZERO, null)),
            Combinators.combine(slots, ballots, ballots, values).as(Promise::new),
            Combinators.combine(slots, ballots, anyBallots).as(Nack::new),
            Combinators.combine(slots, ballots, values).as(Accept::new),
            Combinators.combine(slots, ballots, values).as(Accepted::new),
            Combinators.combine(slots, ballots, values).as(Chosen::new),
            slots.map(CatchUp::new));
    }
}
