package io.synod.examples.coordination.wire;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client-request decoder under 100,000+ frames — valid, mutated (bytes flipped, cut, lengthened, a
 * length or count overwritten with an extreme value, the op type changed, a run repeated), spliced, and
 * random — handshakes among them. Each frame is judged by four checks, each named when it fails:
 * <ol>
 *   <li>{@link Check#EXCEPTION}: decoding ends in a request or a {@link MalformedFrameException} with a
 *       reason, never in another exception (an index error, an OOM, a NullPointerException);</li>
 *   <li>{@link Check#ALLOCATION}: decoding allocates at most {@link #SLACK_BYTES} plus
 *       {@link #BYTES_PER_FRAME_BYTE} per frame byte (the JVM's per-thread allocation counter): no
 *       list or array is sized by a length the decoder did not check against the frame;</li>
 *   <li>{@link Check#OUTSIDE_FRAME}: the frame set among random bytes decodes alike: nothing outside it
 *       is read;</li>
 *   <li>{@link Check#STABLE}: a decoded request encodes to a frame that decodes to the same request, so
 *       no field was half-read or defaulted. (Not byte identity: like ZooKeeper's reader, ours takes any
 *       non-zero byte as true and ignores a multi terminator's type and error fields.)</li>
 * </ol>
 */
class RequestDecoderFuzzProperties {

    static final long SLACK_BYTES = 64 * 1024;
    /** The densest case: a vector of empty strings, 4 frame bytes each, is a String, an empty array and a list slot. */
    static final long BYTES_PER_FRAME_BYTE = 32;

    enum Check { EXCEPTION, ALLOCATION, OUTSIDE_FRAME, STABLE }

    static final class FuzzFailure extends AssertionError {
        final Check check;

        FuzzFailure(Check check, String message, Throwable cause) {
            super(check + ": " + message, cause);
            this.check = check;
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int[] EXTREME_INTS = {-1, -2, 0, 1, 2, 255, 65_536, 1 << 24, Integer.MAX_VALUE,
        Integer.MAX_VALUE - 7, Integer.MIN_VALUE, 0x3FFF_FFFF, 100, 101, 105, 14, 22, 13};

    private static final AtomicLong FRAMES = new AtomicLong();
    private static final AtomicLong DECODED = new AtomicLong();
    private static final AtomicLong MALFORMED = new AtomicLong();

    /** The two decoders a server runs: the handshake's, and every later frame's. */
    enum Decoder {
        CONNECT {
            @Override
            Object decode(byte[] bytes, int offset, int length) {
                return RequestDecoder.decodeConnect(bytes, offset, length);
            }

            @Override
            byte[] encode(Object decoded) {
                return ((ConnectRequest) decoded).toBytes();
            }
        },
        REQUEST {
            @Override
            Object decode(byte[] bytes, int offset, int length) {
                return RequestDecoder.decode(bytes, offset, length);
            }

            @Override
            byte[] encode(Object decoded) {
                byte[] frame = ((ClientRequest) decoded).toFrame();
                return Arrays.copyOfRange(frame, 4, frame.length);
            }
        };

        abstract Object decode(byte[] bytes, int offset, int length);

        abstract byte[] encode(Object decoded);
    }

    @BeforeContainer
    static void countingAllocations() {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            throw new AssertionError("this JVM does not count allocated bytes per thread: the allocation check cannot run");
        }
    }

    @Property(tries = 1_500)
    void everyFrameDecodesWholeOrIsRefusedCleanly(@ForAll("frames") List<byte[]> frames, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (byte[] frame : frames) {
            Decoder decoder = frame.length > 0 && random.nextInt(8) == 0 ? Decoder.CONNECT : Decoder.REQUEST;
            boolean decoded = judge(decoder, frame, random);
            FRAMES.incrementAndGet();
            (decoded ? DECODED : MALFORMED).incrementAndGet();
        }
    }

    /** Found by this fuzz: a path holding valid 4-byte UTF-8 (U+AEDB8). */
    @net.jqwik.api.Example
    void aSupplementaryCharacterIsJudgedAsZooKeeperWritesIt() {
        byte[] frame = HexFormat.of().parseHex("ffffe9f0000000080000000a27eb9287f2aeb6b8b6a801");
        if (!judge(Decoder.REQUEST, frame, new SplittableRandom(1))) {
            throw new AssertionError("a getChildren with a valid path decodes");
        }
    }

    @AfterContainer
    static void enoughFrames() {
        System.out.printf("ZooKeeper request decoder fuzz: %,d frames, %,d decoded, %,d malformed%n", FRAMES.get(),
            DECODED.get(), MALFORMED.get());
        if (FRAMES.get() < 100_000) {
            throw new AssertionError("fuzzed " + FRAMES.get() + " frames, fewer than 100,000");
        }
        if (DECODED.get() < 10_000 || MALFORMED.get() < 10_000) {
            throw new AssertionError("both outcomes must be exercised: " + DECODED.get() + " decoded, " + MALFORMED.get()
                + " malformed");
        }
    }

    /**
     * Judges one frame; {@code random} draws the bytes around it.
     *
     * @return whether it decoded (else it was refused as malformed)
     * @throws FuzzFailure naming the check that failed
     */
    static boolean judge(Decoder decoder, byte[] frame, SplittableRandom random) {
        Outcome alone = decodeMeasured(decoder, frame.clone(), 0, frame.length, frame);
        long allowed = SLACK_BYTES + BYTES_PER_FRAME_BYTE * frame.length;
        if (alone.allocated > allowed) {
            Outcome again = decodeMeasured(decoder, frame.clone(), 0, frame.length, frame);
            if (again.allocated > allowed) {
                throw new FuzzFailure(Check.ALLOCATION, "decoding " + describe(frame) + " allocated " + again.allocated
                    + " bytes, more than the " + allowed + " its " + frame.length + " bytes allow", null);
            }
        }
        int offset = 1 + random.nextInt(64);
        byte[] around = new byte[offset + frame.length + 1 + random.nextInt(64)];
        random.nextBytes(around);
        System.arraycopy(frame, 0, around, offset, frame.length);
        Outcome among = decodeMeasured(decoder, around, offset, frame.length, frame);
        if (!Objects.equals(alone.decoded, among.decoded)) {
            throw new FuzzFailure(Check.OUTSIDE_FRAME, describe(frame) + " decodes to " + alone.decoded
                + " alone but to " + among.decoded + " among other bytes at offset " + offset, null);
        }
        if (alone.decoded == null) {
            return false;
        }
        Object again;
        try {
            byte[] encoded = decoder.encode(alone.decoded);
            again = decoder.decode(encoded, 0, encoded.length);
        } catch (RuntimeException e) {
            throw new FuzzFailure(Check.STABLE, "decoded " + alone.decoded + " from " + describe(frame)
                + " but cannot encode and decode it again", e);
        }
        if (!alone.decoded.equals(again) && !(hasSupplementaryCharacter(alone.decoded) && stable(decoder, again))) {
            throw new FuzzFailure(Check.STABLE, describe(frame) + " decoded to " + alone.decoded + ", re-encoded to "
                + again, null);
        }
        return true;
    }

    /**
     * Valid 4-byte UTF-8 decodes to a supplementary character, which we encode as ZooKeeper's writer does (two
     * 3-byte surrogates) and which standard UTF-8 then decodes to replacement characters: that one change is
     * ZooKeeper's, so such a request is judged by its second round instead.
     */
    private static boolean hasSupplementaryCharacter(Object decoded) {
        return decoded.toString().codePoints().anyMatch(Character::isSupplementaryCodePoint);
    }

    private static boolean stable(Decoder decoder, Object decoded) {
        byte[] encoded = decoder.encode(decoded);
        return decoded.equals(decoder.decode(encoded, 0, encoded.length));
    }

    private record Outcome(Object decoded, long allocated) {
    }

    private static Outcome decodeMeasured(Decoder decoder, byte[] bytes, int offset, int length, byte[] frame) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Object decoded = null;
        Throwable thrown = null;
        try {
            decoded = decoder.decode(bytes, offset, length);
        } catch (Throwable t) {
            thrown = t;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (thrown instanceof MalformedFrameException m) {
            if (m.getMessage() == null || m.getMessage().isBlank() || m.field() == null) {
                throw new FuzzFailure(Check.EXCEPTION, describe(frame) + " was refused without a reason", m);
            }
        } else if (thrown != null) {
            throw new FuzzFailure(Check.EXCEPTION, describe(frame) + " threw " + thrown, thrown);
        } else if (decoded == null) {
            throw new FuzzFailure(Check.EXCEPTION, describe(frame) + " decoded to null", null);
        }
        return new Outcome(decoded, allocated);
    }

    static String describe(byte[] frame) {
        String hex = HexFormat.of().formatHex(frame, 0, Math.min(frame.length, 96));
        return "frame of " + frame.length + " bytes [" + hex + (frame.length > 96 ? "…" : "") + "]";
    }

    // ---- frames ----

    @Provide
    Arbitrary<List<byte[]>> frames() {
        return Arbitraries.frequencyOf(
            Tuple.of(2, valid()),
            Tuple.of(5, mutated()),
            Tuple.of(1, spliced()),
            Tuple.of(2, random())
        ).list().ofMinSize(60).ofMaxSize(100);
    }

    /** Valid request payloads of every op, and handshakes of new and old clients. */
    static Arbitrary<byte[]> valid() {
        Arbitrary<byte[]> requests = Combinators.combine(Arbitraries.integers(), WireArbitraries.requests())
            .as((xid, r) -> {
                byte[] frame = new ClientRequest(new RequestHeader(xid, r.op().code()), r).toFrame();
                return Arrays.copyOfRange(frame, 4, frame.length);
            });
        Arbitrary<byte[]> connects = Combinators.combine(Arbitraries.longs(), Arbitraries.integers(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16).injectNull(0.1), Arbitraries.of(true, false))
            .as((z, t, p, old) -> new ConnectRequest(0, z, t, z ^ t, p, !old, old).toBytes());
        return Arbitraries.frequencyOf(Tuple.of(9, requests), Tuple.of(1, connects));
    }

    /** A valid frame changed one to three times. */
    private static Arbitrary<byte[]> mutated() {
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

    static byte[] mutate(byte[] frame, SplittableRandom r) {
        byte[] b = frame.clone();
        switch (r.nextInt(7)) {
            case 0 -> {
                if (b.length > 0) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
            case 2 -> {
                byte[] longer = Arrays.copyOf(b, b.length + 1 + r.nextInt(16));
                for (int i = b.length; i < longer.length; i++) {
                    longer[i] = (byte) r.nextInt(256);
                }
                b = longer;
            }
            case 3 -> {
                if (b.length >= 4) {
                    putInt(b, r.nextInt(b.length - 3), EXTREME_INTS[r.nextInt(EXTREME_INTS.length)]);
                }
            }
            case 4 -> {
                if (b.length >= 8) {
                    putInt(b, 4, r.nextInt(4) == 0 ? r.nextInt(-12, 110) : EXTREME_INTS[r.nextInt(EXTREME_INTS.length)]);
                }
            }
            case 5 -> {
                if (b.length > 1) {
                    int from = r.nextInt(b.length);
                    int run = 1 + r.nextInt(Math.min(12, b.length - from));
                    byte[] longer = new byte[b.length + run];
                    System.arraycopy(b, 0, longer, 0, from + run);
                    System.arraycopy(b, from, longer, from + run, b.length - from);
                    b = longer;
                }
            }
            default -> {
                if (b.length > 0) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
        }
        return b;
    }

    private static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }

    /** The head of one valid frame and the tail of another. */
    private static Arbitrary<byte[]> spliced() {
        return Combinators.combine(valid(), valid(), Arbitraries.longs()).as((a, b, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            int head = a.length == 0 ? 0 : r.nextInt(a.length + 1);
            int tail = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            byte[] out = Arrays.copyOf(a, head + b.length - tail);
            System.arraycopy(b, tail, out, head, b.length - tail);
            return out;
        });
    }

    /** Random bytes, most starting with a real header so the body decoders see them. */
    private static Arbitrary<byte[]> random() {
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(80),
            Arbitraries.of(OpCode.values()), Arbitraries.of(true, false)).as((bytes, op, headed) -> {
                if (!headed || bytes.length < 8) {
                    return bytes;
                }
                putInt(bytes, 4, op.code());
                return bytes;
            });
    }
}
