package io.synod.paxos.multi;

import io.synod.api.Message;
import io.synod.paxos.CodecFuzzProperties;
import io.synod.spi.MessageCodec;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calibration of the codec fuzz: codecs broken in the four ways the fuzz looks for go through
 * the same judge on the same frames as the real Multi-Paxos codec, which passes (the control).
 * Each broken codec must be caught, and only by the check that names its flaw.
 */
class BrokenCodecFuzzProperties extends CodecFuzzProperties {

    private static final MultiPaxosCodec REAL = new MultiPaxosCodec();

    /** A codec with one flaw, and the check that must catch it. */
    private enum Broken {
        /** Sizes a scratch array by the int after the type byte, unchecked (a count or length taken on trust). */
        UNCHECKED_ALLOCATION(Check.ALLOCATION) {
            @Override
            Message decode(DirectBuffer buffer, int offset, int length) {
                if (length >= 5) {
                    byte[] scratch = new byte[buffer.getInt(offset + 1) & 0x00FF_FFFF];
                    sink = scratch.length;
                }
                return REAL.decode(buffer, offset, length);
            }
        },
        /** Reads a long after the type byte before checking the frame holds one. */
        UNCHECKED_READ(Check.EXCEPTION) {
            @Override
            Message decode(DirectBuffer buffer, int offset, int length) {
                sink = buffer.getLong(offset + 1);
                return REAL.decode(buffer, offset, length);
            }
        },
        /** Forgets the frame's offset in the buffer. */
        IGNORES_OFFSET(Check.OUTSIDE_FRAME) {
            @Override
            Message decode(DirectBuffer buffer, int offset, int length) {
                return REAL.decode(buffer, 0, length);
            }
        },
        /** Takes a frame with a stray byte at its end, ignoring that byte. */
        TOLERATES_A_STRAY_BYTE(Check.RE_ENCODING) {
            @Override
            Message decode(DirectBuffer buffer, int offset, int length) {
                try {
                    return REAL.decode(buffer, offset, length);
                } catch (MessageCodec.MalformedMessageException e) {
                    if (length < 2) {
                        throw e;
                    }
                    return REAL.decode(buffer, offset, length - 1);
                }
            }
        };

        static volatile long sink;
        final Check expected;

        Broken(Check expected) {
            this.expected = expected;
        }

        abstract Message decode(DirectBuffer buffer, int offset, int length);

        MessageCodec codec() {
            return new MessageCodec() {
                @Override
                public int encode(Message message, MutableDirectBuffer buffer, int offset) {
                    return REAL.encode(message, buffer, offset);
                }

                @Override
                public Message decode(DirectBuffer buffer, int offset, int length) {
                    return Broken.this.decode(buffer, offset, length);
                }
            };
        }
    }

    private static final Map<Broken, Map<Check, AtomicLong>> CAUGHT = new ConcurrentHashMap<>();
    private static final AtomicLong FRAMES = new AtomicLong();

    @Property(tries = 100)
    void eachBrokenCodecIsCaughtByItsOwnCheckAndTheRealOneIsNot(@ForAll("frames") List<byte[]> frames, @ForAll long seed) {
        for (byte[] frame : frames) {
            FRAMES.incrementAndGet();
            judge(REAL, frame, new SplittableRandom(seed));
            for (Broken broken : Broken.values()) {
                try {
                    judge(broken.codec(), frame, new SplittableRandom(seed));
                } catch (FuzzFailure caught) {
                    CAUGHT.computeIfAbsent(broken, b -> new EnumMap<>(Check.class))
                        .computeIfAbsent(caught.check, c -> new AtomicLong()).incrementAndGet();
                }
            }
        }
    }

    @AfterContainer
    static void everyFlawWasCaughtByItsCheck() {
        System.out.printf("codec fuzz calibration over %,d frames: %s%n", FRAMES.get(), CAUGHT);
        for (Broken broken : Broken.values()) {
            Map<Check, AtomicLong> by = CAUGHT.getOrDefault(broken, Map.of());
            assertTrue(by.containsKey(broken.expected), broken + " was never caught by " + broken.expected + ": " + by);
            assertEquals(List.of(broken.expected), List.copyOf(by.keySet()), broken + " was caught by other checks too: " + by);
        }
    }

    @Provide
    Arbitrary<List<byte[]>> frames() {
        return streams();
    }

    @Override
    protected MessageCodec codec() {
        return REAL;
    }

    @Override
    protected Arbitrary<Message> messages() {
        return MultiPaxosCodecFuzzProperties.anyMessage();
    }

    @Override
    protected int typeCount() {
        return 9;
    }
}
