package io.synod.runtime;

import io.synod.api.ApplyContext;

/**
 * Hears every command this replica's state machine applies, right after it applied it, on the
 * replica thread — for what lives beside the replicated state: a coordination service fires its
 * watches from here. Retries answered from the session table and the runtime's own commands are
 * not reported; a restart re-reports the entries it replays, with {@link ApplyContext#replay()} true.
 *
 * <p>It must not block, and the context is valid during the call only. An exception thrown here
 * stops the replica (fail-stop), like one from the state machine.
 */
@FunctionalInterface
public interface AppliedListener {

    /** {@code command} was applied with {@code result}. */
    void onApplied(ApplyContext ctx, byte[] command, byte[] result);

    /** The state machine refused {@code command} (it changed nothing); the default ignores it. */
    default void onRejected(ApplyContext ctx, byte[] command, String reason) {
    }

    /** A session ended: closed by its client, or {@code expired}; the default ignores it. */
    default void onSessionEnded(ApplyContext ctx, long sessionId, boolean expired) {
    }
}
