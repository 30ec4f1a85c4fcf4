package io.synod.benchmarks.transport;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The benchmark's message: a payload of the size measured and nothing else. Its codec copies the
 * bytes as they are (the frame's length says how many), so a "64 B message" is 64 bytes of body
 * in a 69-byte frame.
 */
record Blob(byte[] payload) implements Message {

    static final MessageCodec CODEC = new MessageCodec() {
        @Override
        public int encode(Message message, MutableDirectBuffer buffer, int offset) {
            byte[] payload = ((Blob) message).payload;
            buffer.putBytes(offset, payload);
            return payload.length;
        }

        @Override
        public Message decode(DirectBuffer buffer, int offset, int length) {
            byte[] payload = new byte[length];
            buffer.getBytes(offset, payload);
            return new Blob(payload);
        }
    };
}
