package io.synod.examples.coordination.wire;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader's bounds: every lie about a length is refused, named, and costs nothing. */
class JuteReaderTest {

    private static byte[] bytes(JuteWriter out) {
        return out.toBytes();
    }

    @Test
    void primitivesRoundTripBigEndian() {
        byte[] b = bytes(JuteWriter.bare().writeInt(0x01020304).writeLong(-2).writeBool(true).writeByte(7));
        assertArrayEquals(new byte[] {1, 2, 3, 4, -1, -1, -1, -1, -1, -1, -1, -2, 1, 7}, b);
        JuteReader in = new JuteReader(b);
        assertEquals(0x01020304, in.readInt("i"));
        assertEquals(-2L, in.readLong("l"));
        assertTrue(in.readBool("b"));
        assertEquals(7, in.readByte("y"));
        in.requireEnd("all");
    }

    @Test
    void minusOneIsNullAndZeroIsEmpty() {
        byte[] b = bytes(JuteWriter.bare().writeBuffer(null).writeString(null).writeStrings(null)
            .writeBuffer(new byte[0]).writeString("").writeStrings(List.of()));
        JuteReader in = new JuteReader(b);
        assertNull(in.readBuffer("a"));
        assertNull(in.readString("b"));
        assertNull(in.readStrings("c"));
        assertEquals(0, in.readBuffer("d").length);
        assertEquals("", in.readString("e"));
        assertEquals(List.of(), in.readStrings("f"));
    }

    @Test
    void aLengthBeyondTheFrameIsRefusedNamingFieldAndOffset() {
        byte[] b = bytes(JuteWriter.bare().writeInt(5).writeInt(Integer.MAX_VALUE).writeByte(1));
        JuteReader in = new JuteReader(b);
        in.readInt("first");
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> in.readBuffer("GetDataResponse.data"));
        assertEquals("GetDataResponse.data", e.field());
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("length 2147483647"), e.getMessage());
    }

    @Test
    void aNegativeLengthOtherThanMinusOneIsRefused() {
        JuteReader in = new JuteReader(bytes(JuteWriter.bare().writeInt(-2).writeInt(0)));
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> in.readString("path"));
        assertEquals("path", e.field());
        assertTrue(e.getMessage().contains("negative length -2"), e.getMessage());
    }

    @Test
    void aVectorCountTheRemainingBytesCannotHoldIsRefusedBeforeAllocating() {
        // 100 million strings would need 400 MB of lengths alone; the frame has 8 bytes.
        JuteReader in = new JuteReader(bytes(JuteWriter.bare().writeInt(100_000_000).writeInt(0).writeInt(0)));
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> in.readStrings("children"));
        assertEquals("children", e.field());
        assertEquals(0, e.offset());
    }

    @Test
    void aTruncatedIntIsRefusedAtItsOffset() {
        JuteReader in = new JuteReader(new byte[] {0, 0, 0, 1, 0, 0}, 0, 6);
        in.readInt("a");
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> in.readInt("RequestHeader.type"));
        assertEquals(4, e.offset());
        assertEquals("RequestHeader.type", e.field());
    }

    @Test
    void readsStayInsideTheGivenRangeOfALargerArray() {
        byte[] around = {9, 9, 0, 0, 0, 4, 9, 9, 9, 9, 9};
        JuteReader in = new JuteReader(around, 2, 4);
        assertEquals(4, in.readInt("count"));
        assertThrows(MalformedFrameException.class, () -> in.readByte("next"));
        // A string of length 4: three of its bytes lie in the range, the fourth only in the array beyond.
        assertThrows(MalformedFrameException.class, () -> new JuteReader(around, 2, 7).readString("s"));
        assertEquals("\t\t\t\t", new JuteReader(around, 2, 8).readString("s"));
    }

    @Test
    void trailingBytesAreRefused() {
        JuteReader in = new JuteReader(new byte[] {0, 0, 0, 1, 0});
        in.readInt("a");
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> in.requireEnd("DeleteRequest"));
        assertEquals(4, e.offset());
    }
}
