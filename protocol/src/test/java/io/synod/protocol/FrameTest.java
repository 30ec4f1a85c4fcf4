package io.synod.protocol;

import io.synod.spi.MessageCodec.MalformedMessageException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the writer puts, the reader gets back; and the reader never reads past a frame. */
class FrameTest {

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);

    @Test
    void fieldsComeBackInOrder() {
        int length = new FrameWriter(buffer, 5).putByte((byte) 9).putFlag(true).putInt(-3).putLong(1L << 40)
            .putBallot(new Ballot(4, 2)).putBytes(new byte[] {1, 2}).putBytes(null).length();
        assertEquals(1 + 1 + 4 + 8 + 8 + 4 + 2 + 4, length);
        FrameReader in = new FrameReader(buffer, 5, length);
        assertEquals(9, in.getByte());
        assertTrue(in.getFlag());
        assertEquals(-3, in.getInt());
        assertEquals(1L << 40, in.getLong());
        assertEquals(new Ballot(4, 2), in.getBallot());
        assertArrayEquals(new byte[] {1, 2}, in.getBytes());
        assertNull(in.getBytesOrNull());
        in.requireEnd("the test frame");
    }

    @Test
    void aReadPastTheFrameNamesWhere() {
        new FrameWriter(buffer, 0).putInt(1).putInt(2);
        FrameReader in = new FrameReader(buffer, 0, 6);
        in.getInt();
        MalformedMessageException e = assertThrows(MalformedMessageException.class, in::getInt);
        assertTrue(e.getMessage().contains("ends at byte 4"), e.getMessage());
    }

    @Test
    void lengthsAndCountsThatDoNotFitAreMalformed() {
        new FrameWriter(buffer, 0).putInt(100);
        assertThrows(MalformedMessageException.class, () -> new FrameReader(buffer, 0, 8).getBytes());
        new FrameWriter(buffer, 0).putInt(-7);
        assertThrows(MalformedMessageException.class, () -> new FrameReader(buffer, 0, 8).getBytesOrNull());
        new FrameWriter(buffer, 0).putInt(3);
        assertThrows(MalformedMessageException.class, () -> new FrameReader(buffer, 0, 12).getCount(4));
        new FrameWriter(buffer, 0).putByte((byte) 2);
        assertThrows(MalformedMessageException.class, () -> new FrameReader(buffer, 0, 1).getFlag());
        new FrameWriter(buffer, 0).putInt(FrameWriter.ABSENT);
        assertThrows(MalformedMessageException.class, () -> new FrameReader(buffer, 0, 4).getBytes());
    }

    @Test
    void strayBytesAndFramesOutsideTheBufferAreMalformed() {
        FrameReader in = new FrameReader(buffer, 0, 3);
        in.getByte();
        assertThrows(MalformedMessageException.class, () -> in.requireEnd("a message"));
        assertThrows(MalformedMessageException.class, () -> new FrameReader(buffer, 120, 16));
        assertThrows(MalformedMessageException.class, () -> new FrameReader(buffer, -1, 4));
    }
}
