package io.synod.transport.tcp;

/**
 * Bytes on a connection that do not form a valid frame or handshake message. The connection they
 * came from is closed; no other is touched.
 */
final class MalformedFrameException extends RuntimeException {

    MalformedFrameException(String message) {
        super(message, null, false, false);
    }
}
