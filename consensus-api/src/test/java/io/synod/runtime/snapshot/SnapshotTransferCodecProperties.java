package io.synod.runtime.snapshot;

import io.synod.api.Message;
import io.synod.runtime.snapshot.SnapshotTransferMessage.ChunkAck;
import io.synod.runtime.snapshot.SnapshotTransferMessage.SnapshotChunk;
import io.synod.spi.MessageCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SnapshotTransferCodecProperties {

    private final SnapshotTransferCodec codec = new SnapshotTransferCodec();

    @Property
    void everyMessageSurvivesARoundTrip(@ForAll("messages") SnapshotTransferMessage message, @ForAll("offsets") int offset) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        int length = codec.encode(message, buffer, offset);
        assertEquals(message, codec.decode(buffer, offset, length));
    }

    @Property
    void aFrameCutShortOrPaddedIsRefused(@ForAll("messages") SnapshotTransferMessage message, @ForAll int change) {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        int length = codec.encode(message, buffer, 0);
        int wrong = Math.floorMod(change, length + 8);
        if (wrong == length) {
            wrong++;
        }
        int bad = wrong;
        assertThrows(MessageCodec.MalformedMessageException.class, () -> codec.decode(buffer, 0, bad));
    }

    @Property
    void randomBytesDecodeOrFailCleanly(@ForAll byte[] garbage) {
        try {
            Message m = codec.decode(new UnsafeBuffer(garbage), 0, garbage.length);
            ExpandableArrayBuffer again = new ExpandableArrayBuffer(64);
            int length = codec.encode(m, again, 0);
            assertEquals(m, codec.decode(again, 0, length), "whatever decodes, encodes back to itself");
        } catch (MessageCodec.MalformedMessageException expected) {
            // refused whole
        }
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(0, 100);
    }

    @Provide
    Arbitrary<SnapshotTransferMessage> messages() {
        Arbitrary<SnapshotTransferMessage> chunks = Combinators.combine(Arbitraries.longs(), Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.longs(), Arbitraries.longs().greaterOrEqual(0), Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.of(true, false), Arbitraries.integers())
            .as((transfer, index, term, offset, data, last, crc) -> new SnapshotChunk(transfer, index, term, offset, data, last, crc));
        Arbitrary<SnapshotTransferMessage> acks = Combinators.combine(Arbitraries.longs(), Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.of(true, false))
            .as(ChunkAck::new);
        return Arbitraries.oneOf(chunks, acks);
    }
}
