package io.synod.runtime;

import io.synod.api.Command;
import io.synod.runtime.session.SessionConfig;

import java.util.concurrent.CompletableFuture;

/** What a caller's thread hands to the replica thread. */
sealed interface ClientRequest {

    /**
     * Order and apply a command: the handle's own ({@code command} is then numbered on the replica
     * thread, within the handle's session, and {@code plain} completes), or a caller's session's
     * ({@code command} is complete and {@code applied} completes).
     */
    record Submit(Command command, byte[] payload, CompletableFuture<byte[]> plain, CompletableFuture<Applied> applied,
                  long deadlineNanos) implements ClientRequest {

        boolean own() {
            return command == null;
        }
    }

    /** Open, close or configure sessions through the log. */
    record SessionChange(Kind kind, long timeoutMillis, boolean fifo, long sessionId, SessionConfig config,
                         CompletableFuture<?> future, long deadlineNanos) implements ClientRequest {
        enum Kind { OPEN, CLOSE, CONFIGURE }
    }

    /** A session's client is alive. */
    record Touch(long sessionId) implements ClientRequest {
    }

    /** Answer a query (or, for {@link Mode#SYNC}, only wait): linearizably, locally, or locally once an index is applied. */
    record Query(long readId, byte[] query, Mode mode, long minIndex, CompletableFuture<?> future,
                 long deadlineNanos) implements ClientRequest {
        enum Mode { LINEARIZABLE, LOCAL, LOCAL_AT_LEAST, SYNC }
    }
}
