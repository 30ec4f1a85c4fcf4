package io.synod.runtime;

/** Why a client's command or read did not complete. */
public final class RequestFailedException extends RuntimeException {

    /** The kind of failure. */
    public enum Cause {
        /** No answer within the configured request timeout; a command may still be applied later. */
        TIMEOUT,
        /** The replica was closed before the request completed. */
        CLOSED,
        /** The protocol refused the request for good (an aborted transaction, for instance). */
        REFUSED,
        /** The command was older than its session window and was not applied. */
        EXPIRED
    }

    private final Cause cause;

    public RequestFailedException(Cause cause, String message) {
        super(message);
        this.cause = cause;
    }

    /** The kind of failure. */
    public Cause failure() {
        return cause;
    }
}
