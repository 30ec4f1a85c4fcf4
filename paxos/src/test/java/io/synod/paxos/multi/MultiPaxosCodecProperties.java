package io.synod.paxos.multi;

import io.synod.api.Command;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.api.SnapshotMeta;
import io.synod.paxos.multi.MultiPaxosMessage.Accept;
import io.synod.paxos.multi.MultiPaxosMessage.Accepted;
import io.synod.paxos.multi.MultiPaxosMessage.ForwardCommand;
import io.synod.paxos.multi.MultiPaxosMessage.ReadIndexReply;
import io.synod.paxos.multi.MultiPaxosMessage.ReadIndexRequest;
import io.synod.paxos.multi.MultiPaxosMessage.Prepare;
import io.synod.paxos.multi.MultiPaxosMessage.Promise;
import io.synod.paxos.multi.MultiPaxosMessage.Reject;
import io.synod.spi.MessageCodec.MalformedMessageException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The wire format round-trips every message, and bytes it did not write fail cleanly. */
class MultiPaxosCodecProperties {

    private final MultiPaxosCodec codec = new MultiPaxosCodec();

    @Property
    void everyMessageSurvivesARoundTrip(@ForAll("messages") Message message, @ForAll @IntRange(max = 64) int offset) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        int length = codec.encode(message, buffer, offset);
        assertEquals(message, codec.decode(buffer, offset, length));
    }

    @Property
    void everyTruncatedFrameIsRefused(@ForAll("messages") Message message, @ForAll @IntRange(min = 1, max = 1000) int cut) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        int length = codec.encode(message, buffer, 0);
        int shorter = Math.max(0, length - cut);
        assertThrows(MalformedMessageException.class, () -> codec.decode(buffer, 0, shorter));
    }

    @Property
    void trailingBytesAreRefused(@ForAll("messages") Message message, @ForAll @IntRange(min = 1, max = 9) int extra) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        int length = codec.encode(message, buffer, 0);
        assertThrows(MalformedMessageException.class, () -> codec.decode(buffer, 0, length + extra));
    }

    @Property(tries = 2000)
    void garbageFailsCleanlyOrIsAFrameTheEncoderWouldWrite(@ForAll @Size(max = 200) byte[] garbage) {
        UnsafeBuffer buffer = new UnsafeBuffer(garbage);
        Message decoded;
        try {
            decoded = codec.decode(buffer, 0, garbage.length);
        } catch (MalformedMessageException expected) {
            return;
        }
        ExpandableArrayBuffer again = new ExpandableArrayBuffer(16);
        int length = codec.encode(decoded, again, 0);
        byte[] bytes = new byte[length];
        again.getBytes(0, bytes);
        assertArrayEquals(garbage, bytes, "a decoded frame is exactly what the encoder writes for it");
    }

    @Property(tries = 1000)
    void corruptedFramesFailCleanlyOrDecodeWhole(@ForAll("messages") Message message, @ForAll @IntRange(max = 10_000) int position,
                                                  @ForAll byte value) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        int length = codec.encode(message, buffer, 0);
        buffer.putByte(position % length, value);
        try {
            Message decoded = codec.decode(buffer, 0, length);
            ExpandableArrayBuffer again = new ExpandableArrayBuffer(16);
            assertEquals(length, codec.encode(decoded, again, 0));
        } catch (MalformedMessageException expected) {
            // refused with a reason: what a transport needs to close the connection
        }
    }

    @Provide
    Arbitrary<Message> messages() {
        return Arbitraries.oneOf(prepares(), promises(), accepts(), accepteds(), rejects(), forwards(), readRequests(), readReplies());
    }

    private static Arbitrary<Long> ballots() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE);
    }

    private static Arbitrary<Long> slots() {
        return Arbitraries.longs().between(1, 1L << 40);
    }

    private static Arbitrary<byte[]> data() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    }

    private static Arbitrary<SnapshotMeta> snapshots() {
        return Combinators.combine(Arbitraries.longs().between(0, 1L << 40), ballots()).as(SnapshotMeta::new);
    }

    private static Arbitrary<Message> prepares() {
        return Combinators.combine(ballots(), slots()).as(Prepare::new);
    }

    private static Arbitrary<Message> promises() {
        return Combinators.combine(ballots(), slots(), slots(), ballots().list().ofMaxSize(5), data().list().ofMaxSize(5),
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
            data().list().ofMaxSize(6)).as((ballot, horizon, from, commit, round, values) -> {
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

    private static Arbitrary<Message> readRequests() {
        return Arbitraries.longs().map(ReadIndexRequest::new);
    }

    private static Arbitrary<Message> readReplies() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(ReadIndexReply::new);
    }

    private static Arbitrary<Message> forwards() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs().between(1, Long.MAX_VALUE), data())
            .as((client, seq, payload) -> new ForwardCommand(new Command(client, seq, payload)));
    }
}
