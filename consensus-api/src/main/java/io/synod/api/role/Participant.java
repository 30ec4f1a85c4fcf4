package io.synod.api.role;

/**
 * Votes on transactions offered by a coordinator and applies the decision. A participant
 * persists its vote before sending it (a "yes" is a promise it must be able to keep after a
 * crash), and in 3PC may decide by itself after a timeout in the states where that is safe.
 */
public interface Participant extends Role {
}
