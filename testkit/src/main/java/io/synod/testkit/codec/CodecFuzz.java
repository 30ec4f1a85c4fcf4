package io.synod.testkit.codec;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import io.synod.spi.MessageCodec.MalformedMessageException;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bad input for a protocol codec, fuzzed: frames made from valid ones ({@link FuzzFrames}) are each
 * {@link #judge judged} by four checks, each named by a {@link Check} when it fails:
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
 * The judge knows no property-testing library: a protocol's tests draw its valid messages however
 * they like and hand them over with a seed. Each codec's fuzz runs at least 100,000 frames
 * ({@link Tally#requireEnough}); the testkit's calibration feeds broken codecs through the same
 * judge to show each check fires, and only the check that names the flaw.
 *
 * <pre>{@code
 * CodecFuzz.requireAllocationCounting();
 * CodecFuzz.fuzz(codec, validMessages, typeCount, seed, tally);   // once per property try
 * tally.requireEnough("my codec");                                // after the last try
 * }</pre>
 */
public final class CodecFuzz {

    /** What any decode may allocate beside the message itself: the exception, its message and stack trace. */
    public static final long SLACK_BYTES = 64 * 1024;
    /**
     * Allowance per frame byte: the densest message is a Multi-Paxos Accept of empty entries, four
     * frame bytes each, which become a LogEntry, an empty array and two list slots (about 56 bytes).
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

    /** Frames and outcomes over one codec's run (shared by a property's tries). */
    public static final class Tally {
        private final AtomicLong frames = new AtomicLong();
        private final AtomicLong decoded = new AtomicLong();
        private final AtomicLong malformed = new AtomicLong();
        private final Map<String, AtomicLong> decodedByType = new TreeMap<>();

        /** Counts one judged frame; {@code message} is what it decoded to, or null. */
        public synchronized void count(Verdict verdict, Message message) {
            frames.incrementAndGet();
            if (verdict == Verdict.DECODED) {
                decoded.incrementAndGet();
                decodedByType.computeIfAbsent(message.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            } else {
                malformed.incrementAndGet();
            }
        }

        public long frames() {
            return frames.get();
        }

        public long decoded() {
            return decoded.get();
        }

        public long malformed() {
            return malformed.get();
        }

        @Override
        public synchronized String toString() {
            return frames.get() + " frames, " + decoded.get() + " decoded " + decodedByType + ", " + malformed.get() + " malformed";
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

    private CodecFuzz() {
    }

    /**
     * Makes one frame from each of {@code messages} ({@link FuzzFrames#stream}), judges each and counts it.
     *
     * @param typeCount how many type bytes the codec knows, so that random types cover them and a few beyond
     * @throws FuzzFailure naming the check that failed
     */
    public static void fuzz(MessageCodec codec, List<? extends Message> messages, int typeCount, long seed, Tally tally) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> frames = FuzzFrames.stream(codec, messages, typeCount, random.split());
        for (byte[] frame : frames) {
            Verdict verdict = judge(codec, frame, random);
            tally.count(verdict, verdict == Verdict.DECODED ? codec.decode(new UnsafeBuffer(frame), 0, frame.length) : null);
        }
    }

    /**
     * Derives {@code framesPerMessage} frames from each of {@code messages} ({@link FuzzFrames#derive}),
     * judges each and counts it.
     *
     * @throws FuzzFailure naming the check that failed
     */
    public static void run(MessageCodec codec, List<? extends Message> messages, long seed, int framesPerMessage,
                           Tally tally) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] valid = messages.stream().map(m -> encode(codec, m)).toArray(byte[][]::new);
        for (byte[] base : valid) {
            for (int i = 0; i < framesPerMessage; i++) {
                byte[] frame = FuzzFrames.derive(base, valid, random);
                Verdict verdict = judge(codec, frame, random);
                tally.count(verdict, verdict == Verdict.DECODED ? codec.decode(new UnsafeBuffer(frame), 0, frame.length) : null);
            }
        }
    }

    /**
     * Judges one frame; {@code random} draws the bytes around it.
     *
     * @throws FuzzFailure naming the check that failed
     */
    public static Verdict judge(MessageCodec codec, byte[] frame, SplittableRandom random) {
        UnsafeBuffer exact = new UnsafeBuffer(frame.clone());
        Outcome alone = decodeMeasured(codec, exact, frame, 0);
        long allowed = SLACK_BYTES + BYTES_PER_FRAME_BYTE * frame.length;
        if (alone.allocated > allowed) {
            Outcome again = decodeMeasured(codec, exact, frame, 0);
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
        byte[] bytes;
        try {
            bytes = encode(codec, alone.message);
        } catch (RuntimeException e) {
            throw new FuzzFailure(Check.RE_ENCODING, "decoded " + alone.message + " from " + describe(frame)
                + " but cannot encode it", e);
        }
        if (!Arrays.equals(frame, bytes)) {
            throw new FuzzFailure(Check.RE_ENCODING, describe(frame) + " decoded to " + alone.message + ", which encodes as "
                + describe(bytes), null);
        }
        return Verdict.DECODED;
    }

    /** Encodes {@code message} into a fresh array of exactly its frame's size. */
    public static byte[] encode(MessageCodec codec, Message message) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        int length = codec.encode(message, buffer, 0);
        byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /** The JVM must count allocations per thread, or the allocation check would pass vacuously. */
    public static void requireAllocationCounting() {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            throw new AssertionError("this JVM does not count allocated bytes per thread: the allocation check cannot run");
        }
    }

    private record Outcome(Message message, long allocated) {
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

    static String describe(byte[] frame) {
        String hex = HexFormat.of().formatHex(frame, 0, Math.min(frame.length, 96));
        return "frame of " + frame.length + " bytes [" + hex + (frame.length > 96 ? "…" : "") + "]";
    }
}
