package io.synod.zab.codec;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;
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
class ZabCodecFuzzProperties extends CodecFuzz {

    private static final Tally TALLY = new Tally();
    private static final ZabCodec CODEC = new ZabCodec();

    @BeforeContainer
    static void countingAllocations() {
        requireAllocationCounting();
    }

    @Property(tries = 1_500)
    void everyFrameDecodesWholeOrIsRefusedCleanly(@ForAll("frames") List<byte[]> frames, @ForAll long seed) {
        judgeAll(frames, seed, TALLY);
    }

    @AfterContainer
    static void enoughFrames() {
        TALLY.requireEnough("ZAB codec");
    }

    @Provide
    Arbitrary<List<byte[]>> frames() {
        return streams();
    }

    @Override
    protected MessageCodec codec() {
        return CODEC;
    }

    @Override
    protected int typeCount() {
        return ZabMessages.TYPES;
    }

    @Override
    protected Arbitrary<Message> messages() {
        return ZabMessages.any();
    }
}
