package io.synod.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The byte stream under a connection's frames: the socket itself ({@link PlainWire}) or TLS over
 * it ({@link TlsWire}). Non-blocking: a call moves what it can and returns.
 */
interface Wire {

    /**
     * Reads what has arrived (decrypting it, and advancing a TLS handshake on the way).
     *
     * @return bytes put into {@code dst}, or -1 once the stream has ended
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Writes {@code src} (encrypting it), as far as the socket takes it.
     *
     * @return whether {@code src} and everything buffered below it went to the socket
     */
    boolean write(ByteBuffer src) throws IOException;

    /** Whether frames may flow: always for plain TCP, after its handshake for TLS. */
    boolean isReady();

    /** Bytes already read from the socket that another {@link #read} can turn into data now. */
    boolean hasBufferedInput();

    /** Bytes below the frames that wait for the socket to take them. */
    boolean hasPendingOutput();

    /** Free space a read's destination needs so that the read can make progress. */
    int minReadSpace();

    /** Before the socket closes: sends what the peer should still hear (a TLS alert), if it can at once. */
    default void shutdown() {
    }
}
