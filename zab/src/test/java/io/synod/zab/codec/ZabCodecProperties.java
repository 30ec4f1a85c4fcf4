package io.synod.zab.codec;

import io.synod.api.Message;
import io.synod.spi.MessageCodec.MalformedMessageException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every ZAB message survives encoding and decoding unchanged, at any offset of a buffer. */
class ZabCodecProperties {

    private final ZabCodec codec = new ZabCodec();

    @Property(tries = 2_000)
    void roundTrip(@ForAll("messages") Message message, @ForAll("offsets") int offset) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        int length = codec.encode(message, buffer, offset);
        assertEquals(message, codec.decode(buffer, offset, length));
    }

    @Property(tries = 500)
    void everyShorterFrameIsRefused(@ForAll("messages") Message message) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        int length = codec.encode(message, buffer, 0);
        for (int cut = 0; cut < length; cut++) {
            byte[] bytes = new byte[cut];
            buffer.getBytes(0, bytes);
            int n = cut;
            assertThrows(MalformedMessageException.class, () -> codec.decode(new UnsafeBuffer(bytes), 0, n));
        }
    }

    @Test
    void anUnknownTypeIsNamed() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
            () -> codec.decode(new UnsafeBuffer(new byte[] {99}), 0, 1));
        assertTrue(e.getMessage().contains("unknown ZAB message type 99"), e.getMessage());
    }

    @Provide
    Arbitrary<Message> messages() {
        return ZabMessages.any();
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return net.jqwik.api.Arbitraries.integers().between(0, 64);
    }
}
