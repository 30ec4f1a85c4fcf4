package io.synod.spi;

import io.synod.api.Message;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Turns a protocol's messages into bytes and back, for transports that cross process
 * boundaries. Every protocol module ships one; its round trip is property-tested.
 *
 * <p><b>Bad input.</b> {@link #decode} of bytes no encoder produced throws
 * {@link MalformedMessageException}; it never returns a half-read message. A transport closes the
 * connection the bytes came from and keeps every other.
 */
public interface MessageCodec {

    /**
     * Writes {@code message} at {@code offset}; the buffer may be an expandable one.
     *
     * @return the number of bytes written
     */
    int encode(Message message, MutableDirectBuffer buffer, int offset);

    /** Reads one message from exactly {@code length} bytes at {@code offset}. */
    Message decode(DirectBuffer buffer, int offset, int length);

    /** Bytes that do not form a message of this codec. */
    final class MalformedMessageException extends RuntimeException {
        public MalformedMessageException(String message) {
            super(message);
        }

        public MalformedMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
