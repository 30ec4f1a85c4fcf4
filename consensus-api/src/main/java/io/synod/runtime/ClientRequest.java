package io.synod.runtime;

import io.synod.api.Command;

import java.util.concurrent.CompletableFuture;

/** What a caller's thread hands to the replica thread. */
sealed interface ClientRequest {

    /** Order and apply a command. */
    record Submit(Command command, CompletableFuture<byte[]> future, long deadlineNanos) implements ClientRequest {
    }

    /** Answer a query, linearizably or from local state. */
    record Query(long readId, byte[] query, boolean linearizable, CompletableFuture<byte[]> future,
                 long deadlineNanos) implements ClientRequest {
    }
}
