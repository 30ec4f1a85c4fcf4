package io.synod.transport.tcp;

import io.synod.api.Message;
import io.synod.spi.MessageCodec;

import java.util.Objects;

/**
 * One kind of traffic on a connection: the messages of {@code type} travel in frames marked
 * {@code id} and are turned into bytes by {@code codec}. A protocol's messages are one channel; the
 * runtime's own messages (snapshot chunks, for instance) can be another, with a codec of their own,
 * on the same connection.
 *
 * @param id    the frame's channel byte, 1 to 255 (0 is the transport's own: the handshake)
 * @param type  the messages this channel carries; a message goes through the first registered
 *              channel whose type it is an instance of
 * @param codec encodes and decodes those messages
 */
public record CodecChannel(int id, Class<? extends Message> type, MessageCodec codec) {

    /** The channel of the transport's own messages (the handshake); no codec may take it. */
    public static final int CONTROL = 0;

    /** The channel a protocol's messages use when only one codec is given. */
    public static final int PROTOCOL = 1;

    public CodecChannel {
        if (id <= CONTROL || id > 255) {
            throw new IllegalArgumentException("channel id must be 1..255 (0 is the handshake's), was " + id);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(codec, "codec");
    }
}
