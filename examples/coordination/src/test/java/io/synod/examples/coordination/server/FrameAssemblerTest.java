package io.synod.examples.coordination.server;

import io.synod.examples.coordination.wire.MalformedFrameException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameAssemblerTest {

    private final List<byte[]> frames = new ArrayList<>();

    @Test
    void framesSplitAnywhereAcrossReadsComeOutWhole() {
        byte[] stream = {0, 0, 0, 3, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 1, 9};
        for (int cut = 0; cut <= stream.length; cut++) {
            frames.clear();
            FrameAssembler assembler = new FrameAssembler(16);
            assembler.feed(ByteBuffer.wrap(stream, 0, cut), frames::add);
            assembler.feed(ByteBuffer.wrap(stream, cut, stream.length - cut), frames::add);
            assertEquals(3, frames.size(), "cut at " + cut);
            assertArrayEquals(new byte[] {1, 2, 3}, frames.get(0));
            assertEquals(0, frames.get(1).length, "an empty frame is delivered as soon as its length is in");
            assertArrayEquals(new byte[] {9}, frames.get(2));
        }
    }

    @Test
    void aLengthAboveTheLimitIsRefusedFromItsFourBytesAlone() {
        FrameAssembler assembler = new FrameAssembler(1024);
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
            () -> assembler.feed(ByteBuffer.wrap(new byte[] {0, 0, 4, 1}), frames::add));
        assertTrue(e.getMessage().contains("announces 1025 bytes; the limit is 1024"), e.getMessage());
    }

    @Test
    void aNegativeLengthIsRefused() {
        FrameAssembler assembler = new FrameAssembler(1024);
        assertThrows(MalformedFrameException.class,
            () -> assembler.feed(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0, 0, 0}), frames::add));
    }

    @Test
    void theLimitItselfIsAccepted() {
        FrameAssembler assembler = new FrameAssembler(2);
        assembler.feed(ByteBuffer.wrap(new byte[] {0, 0, 0, 2, 7, 8}), frames::add);
        assertArrayEquals(new byte[] {7, 8}, frames.get(0));
    }

    @Test
    void aLargeFrameHoldsOnlyWhatHasArrivedAndComesOutWhole() {
        int size = 1_000_000;
        byte[] stream = new byte[4 + size];
        new java.util.SplittableRandom(1).nextBytes(stream);
        ByteBuffer.wrap(stream).putInt(size);
        FrameAssembler assembler = new FrameAssembler(size);

        assembler.feed(ByteBuffer.wrap(stream, 0, 4 + 10), frames::add);
        assertEquals(FrameAssembler.INITIAL_BODY_BYTES, assembler.bufferedCapacity(),
            "a megabyte announced, ten bytes sent: the buffer must not be a megabyte");
        for (int at = 14; at < stream.length; at += 4_096) {
            assembler.feed(ByteBuffer.wrap(stream, at, Math.min(4_096, stream.length - at)), frames::add);
        }
        assertEquals(1, frames.size());
        assertArrayEquals(java.util.Arrays.copyOfRange(stream, 4, stream.length), frames.get(0));
        assertEquals(0, assembler.bufferedCapacity());
    }
}
