package io.synod.runtime;

/**
 * A command's outcome as a session's client sees it: the state machine's result and where in the
 * log the command was applied (for a retry answered from the session table: where it was applied
 * first). {@code (index, position)} is unique and grows with the log.
 *
 * @param result   what the state machine answered
 * @param index    the log index of the entry it was applied in
 * @param position its position within that entry ({@link io.synod.api.ApplyContext#position()})
 */
public record Applied(byte[] result, long index, int position) {
}
