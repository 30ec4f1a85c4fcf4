package io.synod.transport.tcp;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The test message: a sequence number and a body. Its codec is strict, as a protocol's should be:
 * the body length must match the frame exactly, and a body whose first byte is {@link #POISON}
 * is refused (a stand-in for a message the codec cannot make sense of).
 */
record Note(long seq, byte[] body) implements Message {

    static final byte POISON = (byte) 0xEE;
    static final int HEADER = Long.BYTES + Integer.BYTES;

    Note(long seq) {
        this(seq, new byte[0]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Note n && n.seq == seq && Arrays.equals(n.body, body);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Note[" + seq + ", " + body.length + " B]";
    }

    static final MessageCodec CODEC = new MessageCodec() {
        @Override
        public int encode(Message message, MutableDirectBuffer buffer, int offset) {
            Note n = (Note) message;
            buffer.putLong(offset, n.seq, ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + Long.BYTES, n.body.length, ByteOrder.LITTLE_ENDIAN);
            buffer.putBytes(offset + HEADER, n.body);
            return HEADER + n.body.length;
        }

        @Override
        public Message decode(DirectBuffer buffer, int offset, int length) {
            if (length < HEADER) {
                throw new MalformedMessageException("note of " + length + " bytes is shorter than its header");
            }
            long seq = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
            int bodyLength = buffer.getInt(offset + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            if (bodyLength != length - HEADER) {
                throw new MalformedMessageException("note body of " + bodyLength + " bytes in a " + length + "-byte frame");
            }
            if (bodyLength > 0 && buffer.getByte(offset + HEADER) == POISON) {
                throw new MalformedMessageException("poisoned note");
            }
            byte[] body = new byte[bodyLength];
            buffer.getBytes(offset + HEADER, body);
            return new Note(seq, body);
        }
    };
}
