package io.synod.transport.tcp;

/**
 * The unit of traffic on a connection: a length, a channel and a body. Frames follow one another
 * back to back, so many fit one socket write and one read.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |              Frame Length (int32, little-endian)              |
 *  +---------------+-----------------------------------------------+
 *  |    Channel    |  Body (Frame Length - 5 bytes)                ...
 *  +---------------+                                               |
 *  ...                                                             |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p><b>Frame Length</b> counts the whole frame, header included: from {@link #HEADER_LENGTH} to
 * the connection's maximum. A reader checks it as soon as its four bytes have arrived and refuses
 * a frame that announces more before buffering any of it. <b>Channel</b> says how to read the
 * body: 0 is the transport's handshake ({@link HandshakeMessage}), others are
 * {@link CodecChannel}s. Sender and addressee are not in the frame: the connection's handshake
 * established who is at the other end.
 */
final class Frame {

    static final int LENGTH_OFFSET = 0;
    static final int CHANNEL_OFFSET = LENGTH_OFFSET + Integer.BYTES;
    static final int BODY_OFFSET = CHANNEL_OFFSET + Byte.BYTES;
    static final int HEADER_LENGTH = BODY_OFFSET;

    private Frame() {
    }
}
