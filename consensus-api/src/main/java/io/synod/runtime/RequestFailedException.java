package io.synod.runtime;

/** Why a client's command or read did not complete. */
public final class RequestFailedException extends RuntimeException {

    /** The kind of failure. */
    public enum Cause {
        /** No answer within the configured request timeout; a command may still be applied later. */
        TIMEOUT,
        /** The replica was closed before the request completed; a command may still be applied by the others. */
        CLOSED,
        /**
         * The replica stopped on an error (a store, the core or the state machine failed, or its
         * state diverged); {@link #getCause()} is that error. A command may still be applied by the
         * others.
         */
        STOPPED,
        /** The protocol refused the request for good (an aborted transaction, for instance). */
        REFUSED,
        /**
         * The state machine refused the command ({@link io.synod.api.CommandRejectedException}); it
         * changed nothing, on any replica.
         */
        REJECTED,
        /**
         * The command's session and sequence number had been used for a different command, which
         * was applied (or waits); this one was not. A session used by two clients at once, or a
         * number used twice, does this.
         */
        CONFLICT,
        /**
         * The command's number was acknowledged by its client, or lies outside its session's result
         * window; it was not applied now (a command acknowledged was applied before).
         */
        EXPIRED,
        /**
         * The command's session is not open — never opened, closed, or expired because its client was
         * silent for its timeout — or ended while the command waited. It was not applied after the
         * session ended; it may have been before, if it was also proposed earlier.
         */
        SESSION_EXPIRED
    }

    private final Cause failure;

    public RequestFailedException(Cause failure, String message) {
        super(message);
        this.failure = failure;
    }

    public RequestFailedException(Cause failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    /** The kind of failure. */
    public Cause failure() {
        return failure;
    }
}
