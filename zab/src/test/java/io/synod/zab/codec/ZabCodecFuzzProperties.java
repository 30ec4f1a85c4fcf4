package io.synod.zab.codec;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import io.synod.testkit.codec.CodecFuzz;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;

/**
 * The ZAB codec under 100,000+ valid, mutated, spliced and random frames: each decodes to a
 * message that encodes back to the same bytes, or is refused with a
 * {@link MessageCodec.MalformedMessageException}; nothing else is thrown, nothing outside the
 * frame is read, nothing is allocated beyond what the frame's length allows (see {@link CodecFuzz}).
 */
class ZabCodecFuzzProperties {

    private static final CodecFuzz.Tally TALLY = new CodecFuzz.Tally();
    private static final ZabCodec CODEC = new ZabCodec();

    @BeforeContainer
    static void countingAllocations() {
        CodecFuzz.requireAllocationCounting();
    }

    @Property(tries = 1_500)
    void everyFrameDecodesWholeOrIsRefusedCleanly(@ForAll("messageLists") List<Message> messages,
                                                  @ForAll long seed) {
        CodecFuzz.fuzz(codec(), messages, typeCount(), seed, TALLY);
    }

    @AfterContainer
    static void enoughFrames() {
        TALLY.requireEnough("ZAB codec");
    }

    /** As many valid messages as frames in one try: each becomes one valid, mutated, spliced or random frame. */
    @Provide
    Arbitrary<List<Message>> messageLists() {
        return messages().list().ofMinSize(60).ofMaxSize(100);
    }

    MessageCodec codec() {
        return CODEC;
    }

    int typeCount() {
        return ZabMessages.TYPES;
    }

    Arbitrary<Message> messages() {
        return ZabMessages.any();
    }
}
