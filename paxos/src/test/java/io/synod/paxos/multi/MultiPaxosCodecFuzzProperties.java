package io.synod.paxos.multi;

import io.synod.api.Command;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.api.SnapshotMeta;
import io.synod.testkit.codec.CodecFuzz;
import io.synod.paxos.multi.MultiPaxosMessage.Accept;
import io.synod.paxos.multi.MultiPaxosMessage.Accepted;
import io.synod.paxos.multi.MultiPaxosMessage.ForwardCommand;
import io.synod.paxos.multi.MultiPaxosMessage.Prepare;
import io.synod.paxos.multi.MultiPaxosMessage.Promise;
import io.synod.paxos.multi.MultiPaxosMessage.ReadIndexReply;
import io.synod.paxos.multi.MultiPaxosMessage.ReadIndexRequest;
import io.synod.paxos.multi.MultiPaxosMessage.Reject;
import io.synod.spi.MessageCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.List;

/**
 * The Multi-Paxos codec under 100,000+ valid, mutated, spliced and random frames: each decodes to
 * a message that encodes back to the same bytes, or is refused with a
 * {@link MessageCodec.MalformedMessageException}; nothing else is thrown, nothing outside the
 * frame is read, nothing is allocated beyond what the frame's length allows (see
 * {@link CodecFuzz}). Promises and Accepts carry up to a dozen entries, so that counts
 * and lengths inside lists are mutated too.
 */
class MultiPaxosCodecFuzzProperties {

    private static final CodecFuzz.Tally TALLY = new CodecFuzz.Tally();
    private static final MultiPaxosCodec CODEC = new MultiPaxosCodec();

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
        TALLY.requireEnough("Multi-Paxos codec");
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
        return 9;
    }

    Arbitrary<Message> messages() {
        return anyMessage();
    }

    /** Every kind of Multi-Paxos message, lists of up to a dozen entries included. */
    static Arbitrary<Message> anyMessage() {
        return Arbitraries.oneOf(prepares(), promises(), accepts(), accepteds(), rejects(), forwards(),
            Arbitraries.longs().map(ReadIndexRequest::new),
            Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(ReadIndexReply::new));
    }

    private static Arbitrary<Long> ballots() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1L << 20), Arbitraries.longs().between(0, Long.MAX_VALUE));
    }

    private static Arbitrary<Long> slots() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 1000), Arbitraries.longs().between(1, 1L << 40));
    }

    private static Arbitrary<byte[]> data() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(48);
    }

    private static Arbitrary<SnapshotMeta> snapshots() {
        return Combinators.combine(Arbitraries.longs().between(0, 1L << 40), ballots()).as(SnapshotMeta::new);
    }

    private static Arbitrary<Message> prepares() {
        return Combinators.combine(ballots(), slots()).as(Prepare::new);
    }

    private static Arbitrary<Message> promises() {
        return Combinators.combine(ballots(), slots(), slots(), ballots().list().ofMaxSize(12), data().list().ofMaxSize(12),
            snapshots().injectNull(0.5)).as((ballot, from, first, terms, values, snapshot) -> {
                List<LogEntry> entries = new ArrayList<>();
                for (int i = 0; i < Math.min(terms.size(), values.size()); i++) {
                    entries.add(new LogEntry(first + i, terms.get(i), values.get(i)));
                }
                return new Promise(ballot, from, entries, snapshot);
            });
    }

    private static Arbitrary<Message> accepts() {
        return Combinators.combine(ballots(), Arbitraries.longs(), slots(), Arbitraries.longs(), Arbitraries.longs(),
            data().list().ofMaxSize(12)).as((ballot, horizon, from, commit, round, values) -> {
                List<LogEntry> entries = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    entries.add(new LogEntry(from + i, ballot, values.get(i)));
                }
                return new Accept(ballot, horizon, from, entries, commit, round);
            });
    }

    private static Arbitrary<Message> accepteds() {
        return Combinators.combine(ballots(), Arbitraries.longs(), Arbitraries.longs(), Arbitraries.of(true, false)).as(Accepted::new);
    }

    private static Arbitrary<Message> rejects() {
        return Combinators.combine(ballots(), ballots()).as(Reject::new);
    }

    private static Arbitrary<Message> forwards() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs().between(1, Long.MAX_VALUE), Arbitraries.longs(), data())
            // The acknowledged number lies below the command's own (Command refuses anything else).
            .as((client, seq, acked, payload) -> new ForwardCommand(new Command(client, seq, Math.floorMod(acked, seq), payload)));
    }
}
