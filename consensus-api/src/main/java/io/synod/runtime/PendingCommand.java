package io.synod.runtime;

import io.synod.api.Command;

import java.util.concurrent.CompletableFuture;

/**
 * A command {@link PendingRequests} took and has not answered: whose it is, the future to complete,
 * when to propose it again, and the outcome held until its entry is applied whole.
 */
final class PendingCommand {

    /** Whose command it is: the handle's own, a caller's, or a session change. */
    enum Kind { OWN, CALLER, OPEN, OWN_OPEN, CLOSE, CONFIGURE }

    final Command command;
    final Kind kind;
    final CompletableFuture<?> future;
    final long deadlineNanos;
    long retryAtTick;
    /** The outcome held until its entry is applied whole. */
    byte[] result;
    long index;
    int position;

    PendingCommand(Command command, Kind kind, CompletableFuture<?> future, long deadlineNanos, long retryAtTick) {
        this.command = command;
        this.kind = kind;
        this.future = future;
        this.deadlineNanos = deadlineNanos;
        this.retryAtTick = retryAtTick;
    }
}
