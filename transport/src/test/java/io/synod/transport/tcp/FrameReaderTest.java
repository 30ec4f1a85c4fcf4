package io.synod.transport.tcp;

import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameReaderTest {

    private final List<String> frames = new ArrayList<>();

    private boolean collect(int channel, DirectBuffer buffer, int offset, int length) {
        byte[] body = new byte[length];
        buffer.getBytes(offset, body);
        frames.add(channel + ":" + new String(body));
        return true;
    }

    /** Writes {@code bytes} into the reader as a socket read of at most {@code chunk} bytes at a time would. */
    private void feed(FrameReader reader, byte[] bytes, int chunk) {
        for (int at = 0; at < bytes.length; at += chunk) {
            int n = Math.min(chunk, bytes.length - at);
            ByteBuffer space = reader.receiveSpace(1);
            n = Math.min(n, space.remaining());
            space.put(bytes, at, n);
            at -= chunk - n;
            reader.drain(this::collect);
        }
    }

    @Test
    void framesSplitAnywhereAcrossReadsComeOutWholeAndInOrder() {
        byte[] stream = concat(RawPeer.frame(1, "alpha".getBytes()), RawPeer.frame(2, new byte[0]), RawPeer.frame(3, "gamma!".getBytes()));
        for (int chunk = 1; chunk <= stream.length; chunk++) {
            frames.clear();
            feed(new FrameReader(8, 1024), stream, chunk);
            assertEquals(List.of("1:alpha", "2:", "3:gamma!"), frames, "read " + chunk + " bytes at a time");
        }
    }

    @Test
    void aLengthAboveTheBoundIsRefusedFromItsFourBytesAloneBeforeAnythingGrows() {
        FrameReader reader = new FrameReader(64, 1 << 20);
        ByteBuffer space = reader.receiveSpace(1);
        space.putInt(Integer.reverseBytes((1 << 20) + 1));
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> reader.drain(this::collect));
        assertTrue(e.getMessage().contains("announces 1048577 bytes, outside 5..1048576"), e.getMessage());
        assertEquals(64, reader.capacity(), "nothing was allocated for the announced frame");
    }

    @Test
    void aLengthBelowTheHeaderIsRefused() {
        FrameReader reader = new FrameReader(64, 1024);
        reader.receiveSpace(1).putInt(Integer.reverseBytes(4));
        assertThrows(MalformedFrameException.class, () -> reader.drain(this::collect));
    }

    @Test
    void aLongFrameWithinTheBoundGrowsTheBufferOnceItsLengthIsChecked() {
        byte[] body = new byte[100_000];
        FrameReader reader = new FrameReader(64, 200_000);
        feed(reader, RawPeer.frame(1, body), 50);
        assertEquals(1, frames.size());
        assertTrue(reader.capacity() <= 100_005 + 64, "grew to the frame, not beyond: " + reader.capacity());
    }

    @Test
    void theBoundCanBeRaisedMidStreamAsAfterTheHandshake() {
        FrameReader reader = new FrameReader(64, 16);
        byte[] small = RawPeer.frame(1, "ok".getBytes());
        byte[] big = RawPeer.frame(1, new byte[100]);
        feed(reader, small, 100);
        assertThrows(MalformedFrameException.class, () -> feed(reader, big, 200));
        FrameReader raised = new FrameReader(64, 16);
        ByteBuffer space = raised.receiveSpace(small.length + big.length);
        space.put(small).put(big);
        raised.drain((channel, buffer, offset, length) -> {
            raised.maxFrameLength(1024);
            return collect(channel, buffer, offset, length);
        });
        assertEquals(3, frames.size());
    }

    @Test
    void aHandlerThatStopsLeavesTheRestUnread() {
        FrameReader reader = new FrameReader(64, 1024);
        reader.receiveSpace(64).put(concat(RawPeer.frame(1, "a".getBytes()), RawPeer.frame(1, "b".getBytes())));
        assertEquals(1, reader.drain((c, b, o, l) -> false));
        assertEquals(Frame.HEADER_LENGTH + 1, reader.buffered());
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer all = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            all.put(p);
        }
        return all.array();
    }
}
