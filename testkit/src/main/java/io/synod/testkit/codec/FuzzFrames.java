package io.synod.testkit.codec;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Frames for {@link CodecFuzz}, made from a codec's valid ones: as they are, mutated (bytes flipped,
 * cut, lengthened, a length or count field overwritten with an extreme value, the type changed, a
 * run repeated), spliced from two encodings, or random after a type byte. Drawn from a seeded
 * {@link SplittableRandom}, so a failing frame is reproduced by its seed.
 */
public final class FuzzFrames {

    /** Interesting values for a 4-byte length or count field. */
    private static final int[] EXTREME_INTS = {-1, -2, 0, 1, 2, 255, 256, 65_535, 65_536, 1 << 24, Integer.MAX_VALUE,
        Integer.MAX_VALUE - 7, Integer.MIN_VALUE, 0x3FFF_FFFF, 0x7FFF_FFF0};
    /** Interesting values for an 8-byte ballot, slot or index field. */
    private static final long[] EXTREME_LONGS = {-1, 0, 1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 48, (1L << 47) - 1, 0xFFFF};

    private FuzzFrames() {
    }

    /**
     * One frame per message: in ten, two valid, five mutated one to three times, one spliced from
     * two messages' encodings, two random (a type byte, mostly a known one, and up to 128 bytes).
     */
    public static List<byte[]> stream(MessageCodec codec, List<? extends Message> messages, int typeCount,
                                      SplittableRandom r) {
        List<byte[]> frames = new ArrayList<>(messages.size());
        for (Message message : messages) {
            byte[] valid = CodecFuzz.encode(codec, message);
            int kind = r.nextInt(10);
            if (kind < 2) {
                frames.add(valid);
            } else if (kind < 7) {
                byte[] b = valid;
                for (int i = 1 + r.nextInt(3); i > 0; i--) {
                    b = mutate(b, typeCount, r);
                }
                frames.add(b);
            } else if (kind < 8) {
                byte[] other = CodecFuzz.encode(codec, messages.get(r.nextInt(messages.size())));
                frames.add(splice(valid, other, r.nextInt(Integer.MAX_VALUE)));
            } else {
                byte[] c = new byte[1 + r.nextInt(129)];
                r.nextBytes(c);
                c[0] = (byte) r.nextInt(typeCount + 3);
                frames.add(c);
            }
        }
        return frames;
    }

    /** One change to a frame. */
    static byte[] mutate(byte[] b, int typeCount, SplittableRandom r) {
        if (b.length == 0) {
            return new byte[] {(byte) r.nextInt(typeCount + 3)};
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
                c[0] = (byte) r.nextInt(typeCount + 3);
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
    static byte[] splice(byte[] a, byte[] b, int cut) {
        int head = a.length == 0 ? 0 : cut % (a.length + 1);
        int tail = b.length == 0 ? 0 : (cut / 7) % (b.length + 1);
        byte[] c = Arrays.copyOf(a, head + tail);
        System.arraycopy(b, b.length - tail, c, head, tail);
        return c;
    }

    /**
     * A frame derived from {@code base}: as it is, with one to three bytes flipped, cut short, grown
     * by random bytes, its head joined to the tail of another of {@code valid}, or random bytes
     * (half of them behind a plausible type byte); one in six each.
     */
    public static byte[] derive(byte[] base, byte[][] valid, SplittableRandom random) {
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
}
