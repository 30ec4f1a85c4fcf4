package io.synod.paxos.basic;

import io.synod.api.Message;
import io.synod.paxos.basic.BasicPaxosMessage.Accept;
import io.synod.paxos.basic.BasicPaxosMessage.Accepted;
import io.synod.paxos.basic.BasicPaxosMessage.CatchUp;
import io.synod.paxos.basic.BasicPaxosMessage.Chosen;
import io.synod.paxos.basic.BasicPaxosMessage.Nack;
import io.synod.paxos.basic.BasicPaxosMessage.Prepare;
import io.synod.paxos.basic.BasicPaxosMessage.Promise;
import io.synod.protocol.Ballot;
import io.synod.spi.MessageCodec.MalformedMessageException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire format round-trips every message, and turns every malformed frame into a clean exception. */
class BasicPaxosCodecProperties {

    private final BasicPaxosCodec codec = new BasicPaxosCodec();

    @Property
    void everyMessageRoundTrips(@ForAll("messages") BasicPaxosMessage message, @ForAll @IntRange(max = 32) int offset) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        int length = codec.encode(message, buffer, offset);
        assertEquals(message, codec.decode(buffer, offset, length));
    }

    @Property
    void everyStrictPrefixIsMalformed(@ForAll("messages") BasicPaxosMessage message) {
        byte[] bytes = encode(message);
        for (int length = 0; length < bytes.length; length++) {
            int cut = length;
            assertThrows(MalformedMessageException.class, () -> codec.decode(new UnsafeBuffer(bytes), 0, cut),
                () -> message + " cut to " + cut + " bytes");
        }
    }

    @Property
    void strayTrailingBytesAreMalformed(@ForAll("messages") BasicPaxosMessage message,
                                        @ForAll @Size(min = 1, max = 8) byte[] tail) {
        byte[] bytes = encode(message);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + tail.length);
        System.arraycopy(tail, 0, longer, bytes.length, tail.length);
        assertThrows(MalformedMessageException.class, () -> codec.decode(new UnsafeBuffer(longer), 0, longer.length));
    }

    /** Garbage either fails cleanly or is, byte for byte, the encoding of the message it decodes to. */
    @Property
    void garbageIsRefusedOrFullyRead(@ForAll @IntRange(min = 0, max = 9) int type, @ForAll @Size(max = 48) byte[] rest) {
        byte[] bytes = new byte[rest.length + 1];
        bytes[0] = (byte) type;
        System.arraycopy(rest, 0, bytes, 1, rest.length);
        assertRefusedOrExact(bytes);
    }

    @Property
    void corruptedFramesAreRefusedOrFullyRead(@ForAll("messages") BasicPaxosMessage message,
                                              @ForAll @IntRange(max = 1000) int at, @ForAll byte xor) {
        byte[] bytes = encode(message);
        bytes[at % bytes.length] ^= xor;
        assertRefusedOrExact(bytes);
    }

    @Example
    void aFrameOutsideTheBufferIsMalformed() {
        byte[] bytes = encode(new CatchUp(3));
        assertThrows(MalformedMessageException.class, () -> codec.decode(new UnsafeBuffer(bytes), 4, bytes.length));
        assertThrows(MalformedMessageException.class, () -> codec.decode(new UnsafeBuffer(bytes), -1, 2));
    }

    @Example
    void aForeignMessageIsRefusedOnEncode() {
        Message foreign = new Message() {
        };
        assertThrows(IllegalArgumentException.class, () -> codec.encode(foreign, new ExpandableArrayBuffer(), 0));
    }

    @Example
    void anInvalidFieldIsMalformedAndNamesTheProblem() {
        byte[] bytes = encode(new Prepare(1, new Ballot(1, 1)));
        Arrays.fill(bytes, 1, 9, (byte) 0); // slot 0
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
            () -> codec.decode(new UnsafeBuffer(bytes), 0, bytes.length));
        assertTrue(e.getMessage().contains("slot must be >= 1"), e.getMessage());
    }

    private void assertRefusedOrExact(byte[] bytes) {
        Message decoded;
        try {
            decoded = codec.decode(new UnsafeBuffer(bytes), 0, bytes.length);
        } catch (MalformedMessageException refused) {
            return;
        }
        assertArrayEquals(bytes, encode(decoded), "decoded " + decoded + " from bytes it does not encode to");
    }

    private byte[] encode(Message message) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        int length = codec.encode(message, buffer, 0);
        byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    @Provide
    Arbitrary<BasicPaxosMessage> messages() {
        Arbitrary<Long> slots = Arbitraries.oneOf(Arbitraries.longs().between(1, 1000), Arbitraries.longs().greaterOrEqual(1));
        Arbitrary<Ballot> ballots = Combinators.combine(
            Arbitraries.longs().between(1, (1L << 47) - 1), Arbitraries.integers().between(0, 0xFFFF)).as(Ballot::new);
        Arbitrary<Ballot> anyBallots = Arbitraries.oneOf(ballots, Arbitraries.just(Ballot.ZERO));
        Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
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
