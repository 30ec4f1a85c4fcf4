package io.synod.transport.tcp;

import io.synod.api.Message;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input, fuzzed: streams of valid, random and mutated frames, cut into reads of any size, go
 * through the frame reader and the channel's codec as a connection drives them. Every frame ends
 * in a decoded message or in one of the two clear decode errors, after which that connection is
 * closed (a fresh reader takes the next frames); nothing else is ever thrown, and the reader's
 * buffer never grows past the frame bound plus one read. At least 100,000 frames per run.
 */
class FrameDecoderProperties {

    private static final int MAX_FRAME = 1024;
    private static final int READ = 256;
    private static final AtomicLong FRAMES = new AtomicLong();
    private static final AtomicLong DECODED = new AtomicLong();
    private static final AtomicLong CLOSED = new AtomicLong();

    /** One connection's reader and what it produced. */
    private static final class Connection {
        FrameReader reader = new FrameReader(64, MAX_FRAME);
        Message last;

        boolean onFrame(int channel, DirectBuffer buffer, int offset, int length) {
            if (channel != CodecChannel.PROTOCOL) {
                throw new MalformedFrameException("channel " + channel);
            }
            last = Note.CODEC.decode(buffer, offset, length);
            DECODED.incrementAndGet();
            return true;
        }
    }

    @Property(tries = 1_500)
    void everyFrameDecodesOrClosesItsConnectionWithAClearError(@ForAll("streams") List<Frame> stream,
                                                               @ForAll @IntRange(min = 1, max = READ) int chunk) {
        Connection c = new Connection();
        for (Frame f : stream) {
            FRAMES.incrementAndGet();
            boolean clean = c.reader.buffered() == 0;
            c.last = null;
            try {
                feed(c, f.bytes, chunk);
                if (f.genuine != null && clean) {
                    assertEquals(f.genuine, c.last, "an untouched frame on a clean stream decodes to its message");
                }
            } catch (MalformedFrameException | io.synod.spi.MessageCodec.MalformedMessageException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), "the error says what is wrong");
                CLOSED.incrementAndGet();
                c = new Connection();
            }
            int capacity = c.reader.capacity();
            assertTrue(capacity <= MAX_FRAME + READ + 64, () -> "the reader's buffer grew to " + capacity + " bytes");
        }
    }

    @AfterContainer
    static void enoughFrames() {
        System.out.printf("frame decoder fuzz: %,d frames, %,d decoded, %,d connections closed%n", FRAMES.get(), DECODED.get(), CLOSED.get());
        assertTrue(FRAMES.get() >= 100_000, "fuzzed " + FRAMES.get() + " frames, fewer than 100,000");
        assertTrue(DECODED.get() > 10_000 && CLOSED.get() > 10_000,
            "both outcomes were exercised: " + DECODED.get() + " decoded, " + CLOSED.get() + " closed");
    }

    private static void feed(Connection c, byte[] bytes, int chunk) {
        int at = 0;
        while (at < bytes.length) {
            ByteBuffer space = c.reader.receiveSpace(1);
            int n = Math.min(Math.min(chunk, space.remaining()), bytes.length - at);
            space.put(bytes, at, n);
            at += n;
            c.reader.drain(c::onFrame);
        }
    }

    /** Bytes for the stream, and the message they encode if they were left alone. */
    record Frame(byte[] bytes, Note genuine) {
    }

    @Provide
    Arbitrary<List<Frame>> streams() {
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, valid()),
            net.jqwik.api.Tuple.of(2, mutated()),
            net.jqwik.api.Tuple.of(2, random())
        ).list().ofMinSize(60).ofMaxSize(100);
    }

    private Arbitrary<Note> notes() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
            .as(Note::new);
    }

    private Arbitrary<Frame> valid() {
        return notes().map(n -> new Frame(RawPeer.noteFrame(n), n));
    }

    /** A valid frame with a byte flipped, cut short, lengthened, or its length field rewritten. */
    private Arbitrary<Frame> mutated() {
        Arbitrary<int[]> how = Arbitraries.integers().between(0, 3).flatMap(kind ->
            Arbitraries.integers().between(0, Integer.MAX_VALUE).map(where -> new int[] {kind, where}));
        Arbitrary<Integer> lengths = Arbitraries.oneOf(
            Arbitraries.of(-1, 0, 4, 5, MAX_FRAME, MAX_FRAME + 1, Integer.MAX_VALUE, Integer.MIN_VALUE),
            Arbitraries.integers());
        return Combinators.combine(notes(), how, Arbitraries.bytes(), lengths).as((note, h, value, length) -> {
            byte[] b = RawPeer.noteFrame(note);
            int where = h[1] % b.length;
            switch (h[0]) {
                case 0 -> b[where] ^= value == 0 ? 1 : value;
                case 1 -> b = java.util.Arrays.copyOf(b, where);
                case 2 -> b = java.util.Arrays.copyOf(b, b.length + 1 + where % 16);
                default -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(0, length);
            }
            return new Frame(b, null);
        });
    }

    private Arbitrary<Frame> random() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(b -> new Frame(b, null));
    }
}
