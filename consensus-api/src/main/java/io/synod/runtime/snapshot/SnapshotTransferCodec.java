package io.synod.runtime.snapshot;

import io.synod.api.Message;
import io.synod.runtime.snapshot.SnapshotTransferMessage.ChunkAck;
import io.synod.runtime.snapshot.SnapshotTransferMessage.SnapshotChunk;
import io.synod.spi.MessageCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The wire form of {@link SnapshotTransferMessage}s, little-endian. A TCP transport carries them
 * on a channel of their own, registered before the protocol's (whose type, {@code Message}, takes
 * anything): {@code new CodecChannel(2, SnapshotTransferMessage.class, new SnapshotTransferCodec())}.
 *
 * <pre>
 *  offset  field
 *  0       type (byte): 1 = SnapshotChunk, 2 = ChunkAck
 *  SnapshotChunk:
 *  1       transfer (long)   9  index (long)   17 term (long)   25 offset (long)
 *  33      flags (byte, bit 0: last)   34 crc (int)   38 length (int)   42 data (length bytes)
 *  ChunkAck:
 *  1       transfer (long)   9  received (long)   17 done (byte: 0 or 1)
 * </pre>
 */
public final class SnapshotTransferCodec implements MessageCodec {

    static final byte CHUNK = 1;
    static final byte ACK = 2;
    static final int CHUNK_HEADER = 42;
    static final int ACK_LENGTH = 18;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    @Override
    public int encode(Message message, MutableDirectBuffer buffer, int offset) {
        if (message instanceof SnapshotChunk c) {
            buffer.putByte(offset, CHUNK);
            buffer.putLong(offset + 1, c.transfer(), ORDER);
            buffer.putLong(offset + 9, c.index(), ORDER);
            buffer.putLong(offset + 17, c.term(), ORDER);
            buffer.putLong(offset + 25, c.offset(), ORDER);
            buffer.putByte(offset + 33, (byte) (c.last() ? 1 : 0));
            buffer.putInt(offset + 34, c.crc(), ORDER);
            buffer.putInt(offset + 38, c.data().length, ORDER);
            buffer.putBytes(offset + CHUNK_HEADER, c.data());
            return CHUNK_HEADER + c.data().length;
        }
        if (message instanceof ChunkAck a) {
            buffer.putByte(offset, ACK);
            buffer.putLong(offset + 1, a.transfer(), ORDER);
            buffer.putLong(offset + 9, a.received(), ORDER);
            buffer.putByte(offset + 17, (byte) (a.done() ? 1 : 0));
            return ACK_LENGTH;
        }
        throw new IllegalArgumentException("not a snapshot transfer message: " + message);
    }

    @Override
    public Message decode(DirectBuffer buffer, int offset, int length) {
        if (length < 1) {
            throw new MalformedMessageException("empty snapshot transfer frame");
        }
        byte type = buffer.getByte(offset);
        try {
            return switch (type) {
                case CHUNK -> decodeChunk(buffer, offset, length);
                case ACK -> decodeAck(buffer, offset, length);
                default -> throw new MalformedMessageException("unknown snapshot transfer message type " + type);
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("snapshot transfer message out of range: " + e.getMessage(), e);
        }
    }

    private static SnapshotChunk decodeChunk(DirectBuffer buffer, int offset, int length) {
        if (length < CHUNK_HEADER) {
            throw new MalformedMessageException("snapshot chunk of " + length + " bytes is shorter than its header");
        }
        byte flags = buffer.getByte(offset + 33);
        if ((flags & ~1) != 0) {
            throw new MalformedMessageException("snapshot chunk has unknown flags " + flags);
        }
        int size = buffer.getInt(offset + 38, ORDER);
        if (size != length - CHUNK_HEADER) {
            throw new MalformedMessageException("snapshot chunk claims " + size + " bytes of data in a frame that holds "
                + (length - CHUNK_HEADER));
        }
        byte[] data = new byte[size];
        buffer.getBytes(offset + CHUNK_HEADER, data);
        return new SnapshotChunk(buffer.getLong(offset + 1, ORDER), buffer.getLong(offset + 9, ORDER),
            buffer.getLong(offset + 17, ORDER), buffer.getLong(offset + 25, ORDER), data, flags == 1,
            buffer.getInt(offset + 34, ORDER));
    }

    private static ChunkAck decodeAck(DirectBuffer buffer, int offset, int length) {
        if (length != ACK_LENGTH) {
            throw new MalformedMessageException("chunk ack must be " + ACK_LENGTH + " bytes, was " + length);
        }
        byte done = buffer.getByte(offset + 17);
        if (done != 0 && done != 1) {
            throw new MalformedMessageException("chunk ack has done flag " + done);
        }
        return new ChunkAck(buffer.getLong(offset + 1, ORDER), buffer.getLong(offset + 9, ORDER), done == 1);
    }
}
