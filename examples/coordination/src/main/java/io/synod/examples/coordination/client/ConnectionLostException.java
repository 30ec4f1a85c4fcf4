package io.synod.examples.coordination.client;

import java.io.IOException;

/**
 * The connection to the server broke, or the server refused the session, before a request was
 * answered. Whether that request took effect is unknown; this client does not reconnect.
 */
public final class ConnectionLostException extends IOException {

    public ConnectionLostException(String message) {
        super(message);
    }

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
