package io.synod.testkit.commit;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import io.synod.spi.MessageCodec.MalformedMessageException;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fuzzes a {@link MessageCodec} with frames made from valid ones — as they are, with bytes
 * flipped, cut short, grown, spliced together — and with random bytes. Each frame must either
 * decode to a message that encodes back to exactly the same bytes, or be refused with a
 * {@link MalformedMessageException}; any other exception fails. Each frame is decoded twice, inside
 * two buffers with different bytes around it: a codec that reads outside its frame answers
 * differently, and fails too.
 *
 * <pre>{@code
 * CodecFuzz.Tally tally = CodecFuzz.run(codec, validMessages, seed, 1_000);
 * assertTrue(tally.decoded() > 0 && tally.refused() > 0);
 * }</pre>
 */
public final class CodecFuzz {

    /** How many frames decoded and how many were refused. */
    public record Tally(long decoded, long refused) {
        public long total() {
            return decoded + refused;
        }

        public Tally plus(Tally other) {
            return new Tally(decoded + other.decoded, refused + other.refused);
        }
    }

    private CodecFuzz() {
    }

    /** Encodes {@code message} into a fresh array. */
    public static byte[] encode(MessageCodec codec, Message message) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        int length = codec.encode(message, buffer, 0);
        byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        return frame;
    }

    /** Judges {@code framesPerMessage} frames derived from each of {@code messages} (and as many random ones). */
    public static Tally run(MessageCodec codec, List<Message> messages, long seed, int framesPerMessage) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] valid = messages.stream().map(m -> encode(codec, m)).toArray(byte[][]::new);
        long decoded = 0;
        long refused = 0;
        for (byte[] base : valid) {
            for (int i = 0; i < framesPerMessage; i++) {
                byte[] frame = derive(base, valid, random);
                if (judge(codec, frame, random)) {
                    decoded++;
                } else {
                    refused++;
                }
            }
        }
        return new Tally(decoded, refused);
    }

    private static byte[] derive(byte[] base, byte[][] valid, SplittableRandom random) {
        switch (random.nextInt(6)) {
            case 0 -> {
                return base.clone();
            }
            case 1 -> {
                byte[] f = base.clone();
                for (int k = 1 + random.nextInt(3); k > 0 && f.length > 0; k--) {
                    f[random.nextInt(f.length)] ^= (byte) (1 + random.nextInt(255));
                }
                return f;
            }
            case 2 -> {
                return Arrays.copyOf(base, random.nextInt(base.length + 1));
            }
            case 3 -> {
                byte[] f = Arrays.copyOf(base, base.length + 1 + random.nextInt(8));
                for (int i = base.length; i < f.length; i++) {
                    f[i] = (byte) random.nextInt(256);
                }
                return f;
            }
            case 4 -> {
                byte[] other = valid[random.nextInt(valid.length)];
                int cut = random.nextInt(base.length + 1);
                int from = random.nextInt(other.length + 1);
                byte[] f = Arrays.copyOf(base, cut + other.length - from);
                System.arraycopy(other, from, f, cut, other.length - from);
                return f;
            }
            default -> {
                byte[] f = new byte[random.nextInt(48)];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (byte) random.nextInt(256);
                }
                if (f.length > 0 && random.nextBoolean()) {
                    f[0] = (byte) random.nextInt(12); // a plausible type byte
                }
                return f;
            }
        }
    }

    /** True if the frame decoded (and re-encoded exactly), false if refused; throws an {@link AssertionError} otherwise. */
    public static boolean judge(MessageCodec codec, byte[] frame, SplittableRandom random) {
        Object first = decodeIn(codec, frame, random, (byte) 0x00);
        Object second = decodeIn(codec, frame, random, (byte) 0xFF);
        if (first instanceof Throwable || second instanceof Throwable) {
            if (first instanceof MalformedMessageException && second instanceof MalformedMessageException) {
                return false;
            }
            Throwable t = first instanceof Throwable f && !(f instanceof MalformedMessageException) ? f : (Throwable) second;
            if (!(t instanceof MalformedMessageException)) {
                throw new AssertionError("decoding " + describe(frame) + " threw " + t + " instead of refusing it", t);
            }
            throw new AssertionError("decoding " + describe(frame) + " depends on the bytes around the frame: " + first + " / "
                + second);
        }
        if (!first.equals(second)) {
            throw new AssertionError("decoding " + describe(frame) + " depends on the bytes around the frame: " + first + " / "
                + second);
        }
        byte[] again = encode(codec, (Message) first);
        if (!Arrays.equals(again, frame)) {
            throw new AssertionError("frame " + describe(frame) + " decoded to " + first + ", which encodes to " + describe(again));
        }
        return true;
    }

    private static Object decodeIn(MessageCodec codec, byte[] frame, SplittableRandom random, byte fill) {
        int offset = 1 + random.nextInt(16);
        byte[] backing = new byte[offset + frame.length + 16];
        Arrays.fill(backing, fill);
        System.arraycopy(frame, 0, backing, offset, frame.length);
        try {
            return codec.decode(new UnsafeBuffer(backing), offset, frame.length);
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static String describe(byte[] frame) {
        StringBuilder s = new StringBuilder(frame.length + "B:");
        for (byte b : frame) {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }
}
