package io.synod.api;

/**
 * Thrown by {@link ProtocolCore#step} for a message the core cannot take: one of another
 * protocol, one addressed to another node, or one whose fields are out of range. A core throws it
 * before it changes anything, so that the driver may drop the message, count it and carry on: a
 * peer's bad message is never fatal to the node that receives it.
 *
 * <p>Any other exception from {@code step} is a fault of the core or of its state, and stops the
 * node.
 */
public class InvalidMessageException extends IllegalArgumentException {

    public InvalidMessageException(String message) {
        super(message);
    }
}
