package io.synod.testkit.codec;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import io.synod.testkit.codec.CodecFuzz.Check;
import io.synod.testkit.codec.CodecFuzz.FuzzFailure;
import io.synod.testkit.codec.SampleCodec.Note;
import io.synod.testkit.codec.SampleCodec.Ping;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Combinators;
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
 * the same judge on the same frames as the strict {@link SampleCodec}, which passes (the control).
 * Each broken codec must be caught, and only by the check that names its flaw.
 */
class CodecFuzzCalibrationProperties {

    private static final SampleCodec REAL = new SampleCodec();

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
    void eachBrokenCodecIsCaughtByItsOwnCheckAndTheRealOneIsNot(@ForAll("messageLists") List<Message> messages,
                                                               @ForAll long seed) {
        for (byte[] frame : FuzzFrames.stream(REAL, messages, SampleCodec.TYPES, new SplittableRandom(seed))) {
            FRAMES.incrementAndGet();
            CodecFuzz.judge(REAL, frame, new SplittableRandom(seed));
            for (Broken broken : Broken.values()) {
                try {
                    CodecFuzz.judge(broken.codec(), frame, new SplittableRandom(seed));
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
    Arbitrary<List<Message>> messageLists() {
        Arbitrary<Message> ping = Arbitraries.longs().map(Ping::new);
        Arbitrary<Message> note = Combinators.combine(Arbitraries.longs(),
                Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(12).list().ofMaxSize(8))
            .as(Note::new);
        return Arbitraries.oneOf(ping, note).list().ofMinSize(60).ofMaxSize(100);
    }
}
