package io.synod.zab.codec;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import io.synod.spi.MessageCodec.MalformedMessageException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bad input for a protocol codec, fuzzed: frames that are valid, mutated (bytes flipped, cut,
 * lengthened, a length or count field overwritten with an extreme value, the type changed, a run
 * repeated), spliced from two encodings, or random. Each frame is {@link #judge judged} by four
 * checks, each named by a {@link Check} when it fails:
 * <ol>
 *   <li>{@link Check#EXCEPTION}: decoding ends in a message or a {@link MalformedMessageException}
 *       that says what is wrong — nothing else, not even from reading past the buffer's end (the
 *       frame is decoded from a buffer of exactly its size, which Agrona bounds-checks);</li>
 *   <li>{@link Check#ALLOCATION}: decoding allocates at most {@link #SLACK_BYTES} plus
 *       {@link #BYTES_PER_FRAME_BYTE} per byte of the frame (measured by the JVM's per-thread
 *       allocation counter, and measured again before blaming the codec, since a first decode may
 *       load classes): so no array or list is sized by a length the codec did not check against
 *       the frame;</li>
 *   <li>{@link Check#OUTSIDE_FRAME}: the same frame set among random bytes at an offset decodes
 *       alike: nothing outside {@code [offset, offset + length)} is read;</li>
 *   <li>{@link Check#RE_ENCODING}: a decoded message encodes back to exactly the frame's bytes, so
 *       no field was half-read or defaulted.</li>
 * </ol>
 * Subclasses give the codec and its messages, and run at least 100,000 frames per codec; the
 * Paxos module's calibration feeds broken codecs through the same judge to show each check fires.
 * (The same judge as the Paxos codecs', kept here until the shared protocol module carries it.)
 */
public abstract class CodecFuzz {

    /** What any decode may allocate beside the message itself: the exception, its message and stack trace. */
    public static final long SLACK_BYTES = 64 * 1024;
    /**
     * Allowance per frame byte: the densest message is an Accept of empty entries, four frame bytes
     * each, which become a LogEntry, an empty array and two list slots (about 56 bytes).
     */
    public static final long BYTES_PER_FRAME_BYTE = 32;

    /** The checks a frame must pass. */
    public enum Check { EXCEPTION, ALLOCATION, OUTSIDE_FRAME, RE_ENCODING }

    /** A check that failed, with the frame that failed it. */
    public static final class FuzzFailure extends AssertionError {
        public final Check check;

        FuzzFailure(Check check, String message, Throwable cause) {
            super(check + ": " + message, cause);
            this.check = check;
        }
    }

    /** The outcome of one frame. */
    public enum Verdict { DECODED, MALFORMED }

    /** Frames and outcomes over one codec's run. */
    public static final class Tally {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong decoded = new AtomicLong();
        final AtomicLong malformed = new AtomicLong();
        final Map<String, AtomicLong> decodedByType = new TreeMap<>();

        synchronized void count(Verdict verdict, Message message) {
            frames.incrementAndGet();
            if (verdict == Verdict.DECODED) {
                decoded.incrementAndGet();
                decodedByType.computeIfAbsent(message.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            } else {
                malformed.incrementAndGet();
            }
        }

        /** Prints the run and requires 100,000 frames with both outcomes well represented. */
        public void requireEnough(String codec) {
            System.out.printf("%s fuzz: %,d frames, %,d decoded %s, %,d malformed%n", codec, frames.get(), decoded.get(),
                decodedByType, malformed.get());
            if (frames.get() < 100_000) {
                throw new AssertionError(codec + ": fuzzed " + frames.get() + " frames, fewer than 100,000");
            }
            if (decoded.get() < 10_000 || malformed.get() < 10_000) {
                throw new AssertionError(codec + ": both outcomes must be exercised: " + decoded.get() + " decoded, "
                    + malformed.get() + " malformed");
            }
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Interesting values for a 4-byte length or count field. */
    private static final int[] EXTREME_INTS = {-1, -2, 0, 1, 2, 255, 256, 65_535, 65_536, 1 << 24, Integer.MAX_VALUE,
        Integer.MAX_VALUE - 7, Integer.MIN_VALUE, 0x3FFF_FFFF, 0x7FFF_FFF0};
    /** Interesting values for an 8-byte ballot, slot or index field. */
    private static final long[] EXTREME_LONGS = {-1, 0, 1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 48, (1L << 47) - 1, 0xFFFF};

    /** The codec under test. */
    protected abstract MessageCodec codec();

    /** Valid messages of the codec's protocol. */
    protected abstract Arbitrary<Message> messages();

    /** How many type bytes the codec knows, so that random types cover them and a few beyond. */
    protected abstract int typeCount();

    /**
     * Judges one frame; {@code random} draws the bytes around it.
     *
     * @throws FuzzFailure naming the check that failed
     */
    public static Verdict judge(MessageCodec codec, byte[] frame, SplittableRandom random) {
        UnsafeBuffer exact = new UnsafeBuffer(frame.clone());
        Outcome alone = decodeMeasured(codec, exact, frame);
        long allowed = SLACK_BYTES + BYTES_PER_FRAME_BYTE * frame.length;
        if (alone.allocated > allowed) {
            Outcome again = decodeMeasured(codec, exact, frame);
            if (again.allocated > allowed) {
                throw new FuzzFailure(Check.ALLOCATION, "decoding " + describe(frame) + " allocated " + again.allocated
                    + " bytes, more than the " + allowed + " its " + frame.length + " bytes allow", null);
            }
        }
        int offset = 1 + random.nextInt(64);
        byte[] around = new byte[offset + frame.length + 1 + random.nextInt(64)];
        random.nextBytes(around);
        System.arraycopy(frame, 0, around, offset, frame.length);
        Outcome among = decodeMeasured(codec, new UnsafeBuffer(around), frame, offset);
        if (!Objects.equals(alone.message, among.message)) {
            throw new FuzzFailure(Check.OUTSIDE_FRAME, describe(frame) + " decodes to " + alone.message + " alone but to "
                + among.message + " among other bytes at offset " + offset, null);
        }
        if (alone.message == null) {
            return Verdict.MALFORMED;
        }
        ExpandableArrayBuffer out = new ExpandableArrayBuffer(frame.length + 16);
        int length;
        try {
            length = codec.encode(alone.message, out, 0);
        } catch (RuntimeException e) {
            throw new FuzzFailure(Check.RE_ENCODING, "decoded " + alone.message + " from " + describe(frame)
                + " but cannot encode it", e);
        }
        byte[] bytes = new byte[length];
        out.getBytes(0, bytes);
        if (!Arrays.equals(frame, bytes)) {
            throw new FuzzFailure(Check.RE_ENCODING, describe(frame) + " decoded to " + alone.message + ", which encodes as "
                + describe(bytes), null);
        }
        return Verdict.DECODED;
    }

    /** Judges each frame and counts it. */
    protected final void judgeAll(List<byte[]> frames, long seed, Tally tally) {
        SplittableRandom random = new SplittableRandom(seed);
        for (byte[] frame : frames) {
            Verdict verdict = judge(codec(), frame, random);
            tally.count(verdict, verdict == Verdict.DECODED ? codec().decode(new UnsafeBuffer(frame), 0, frame.length) : null);
        }
    }

    private record Outcome(Message message, long allocated) {
    }

    private static Outcome decodeMeasured(MessageCodec codec, UnsafeBuffer buffer, byte[] frame) {
        return decodeMeasured(codec, buffer, frame, 0);
    }

    private static Outcome decodeMeasured(MessageCodec codec, UnsafeBuffer buffer, byte[] frame, int offset) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Message message = null;
        Throwable thrown = null;
        try {
            message = codec.decode(buffer, offset, frame.length);
        } catch (Throwable t) {
            thrown = t;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (thrown instanceof MalformedMessageException m) {
            if (m.getMessage() == null || m.getMessage().isEmpty()) {
                throw new FuzzFailure(Check.EXCEPTION, describe(frame) + " was refused without a reason", m);
            }
        } else if (thrown != null) {
            throw new FuzzFailure(Check.EXCEPTION, describe(frame) + " threw " + thrown, thrown);
        } else if (message == null) {
            throw new FuzzFailure(Check.EXCEPTION, describe(frame) + " decoded to null", null);
        }
        return new Outcome(message, allocated);
    }

    private static String describe(byte[] frame) {
        String hex = HexFormat.of().formatHex(frame, 0, Math.min(frame.length, 96));
        return "frame of " + frame.length + " bytes [" + hex + (frame.length > 96 ? "…" : "") + "]";
    }

    /** The JVM must count allocations per thread, or the allocation check would pass vacuously. */
    protected static void requireAllocationCounting() {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            throw new AssertionError("this JVM does not count allocated bytes per thread: the allocation check cannot run");
        }
    }

    // ---- frames ----

    /** Streams of frames: valid, mutated, spliced and random ones mixed. */
    protected Arbitrary<List<byte[]>> streams() {
        return Arbitraries.frequencyOf(
            Tuple.of(2, valid()),
            Tuple.of(5, mutated()),
            Tuple.of(1, spliced()),
            Tuple.of(2, random())
        ).list().ofMinSize(60).ofMaxSize(100);
    }

    private Arbitrary<byte[]> valid() {
        return messages().map(this::encode);
    }

    private byte[] encode(Message message) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        int length = codec().encode(message, buffer, 0);
        byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /** A valid frame changed one to three times. */
    private Arbitrary<byte[]> mutated() {
        return Combinators.combine(valid(), Arbitraries.longs(), Arbitraries.integers().between(1, 3))
            .as((frame, seed, times) -> {
                SplittableRandom r = new SplittableRandom(seed);
                byte[] b = frame;
                for (int i = 0; i < times; i++) {
                    b = mutate(b, r);
                }
                return b;
            });
    }

    private byte[] mutate(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return new byte[] {(byte) r.nextInt(typeCount() + 3)};
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(7)) {
            case 0 -> {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 + r.nextInt(255));
                return c;
            }
            case 1 -> {
                return Arrays.copyOf(b, at);
            }
            case 2 -> {
                byte[] c = Arrays.copyOf(b, b.length + 1 + r.nextInt(16));
                for (int i = b.length; i < c.length; i++) {
                    c[i] = (byte) r.nextInt(256);
                }
                return c;
            }
            case 3 -> {
                byte[] c = b.clone();
                if (c.length >= 4) {
                    int p = r.nextInt(c.length - 3);
                    int value = r.nextBoolean() ? EXTREME_INTS[r.nextInt(EXTREME_INTS.length)] : c.length - p + r.nextInt(9) - 4;
                    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(p, value);
                }
                return c;
            }
            case 4 -> {
                byte[] c = b.clone();
                if (c.length >= 8) {
                    int p = r.nextInt(c.length - 7);
                    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(p, EXTREME_LONGS[r.nextInt(EXTREME_LONGS.length)]);
                }
                return c;
            }
            case 5 -> {
                byte[] c = b.clone();
                c[0] = (byte) r.nextInt(typeCount() + 3);
                return c;
            }
            default -> {
                int from = r.nextInt(b.length);
                int length = Math.min(b.length - from, 1 + r.nextInt(24));
                byte[] c = new byte[b.length + length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, from, c, at, length);
                System.arraycopy(b, at, c, at + length, b.length - at);
                return c;
            }
        }
    }

    /** The head of one valid frame and the tail of another. */
    private Arbitrary<byte[]> spliced() {
        return Combinators.combine(valid(), valid(), Arbitraries.integers().between(0, Integer.MAX_VALUE))
            .as((a, b, cut) -> {
                int head = a.length == 0 ? 0 : cut % (a.length + 1);
                int tail = b.length == 0 ? 0 : (cut / 7) % (b.length + 1);
                byte[] c = Arrays.copyOf(a, head + tail);
                System.arraycopy(b, b.length - tail, c, head, tail);
                return c;
            });
    }

    /** A type byte (mostly a known one) and random bytes. */
    private Arbitrary<byte[]> random() {
        return Combinators.combine(Arbitraries.integers().between(0, typeCount() + 2),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(128))
            .as((type, rest) -> {
                byte[] c = new byte[rest.length + 1];
                c[0] = type.byteValue();
                System.arraycopy(rest, 0, c, 1, rest.length);
                return c;
            });
    }
}
