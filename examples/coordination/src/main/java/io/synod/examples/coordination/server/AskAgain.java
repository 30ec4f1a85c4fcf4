package io.synod.examples.coordination.server;

import io.synod.runtime.RequestFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A request the runtime did not answer within its request timeout is asked again, for as long as the
 * connection it serves is open. ZooKeeper has no such timeout: a slow commit (a loaded machine, a snapshot,
 * a follower catching up) is waited for, and a client that reads its replies is never disconnected for it.
 * Closing the connection instead would not be safe either: a session's write that timed out may still be
 * applied, and the numbers of the session's later writes would wait behind it. A write is asked again under
 * its own session number, so it is applied once however often it is asked. Every other failure (a stopped
 * or closed replica, an expired session, a refusal) ends the asking at once.
 */
final class AskAgain {

    private static final Logger LOG = LoggerFactory.getLogger(AskAgain.class);

    /** Counts the requests asked again; called on whichever thread saw the timeout. */
    interface Counter {
        void askedAgain();
    }

    private AskAgain() {
    }

    /**
     * The outcome of {@code ask}, asked again after each timeout while {@code connection} is open; after the
     * connection closed, the last timeout is the outcome.
     */
    static <T> CompletableFuture<T> untilAnswered(ClientConnection connection, Counter counter,
                                                  Supplier<CompletableFuture<T>> ask) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        attempt(connection, counter, ask, outcome);
        return outcome;
    }

    private static <T> void attempt(ClientConnection connection, Counter counter, Supplier<CompletableFuture<T>> ask,
                                    CompletableFuture<T> outcome) {
        ask.get().whenComplete((value, failure) -> {
            if (failure == null) {
                outcome.complete(value);
            } else if (timedOut(failure) && connection.isOpen()) {
                LOG.debug("{}: asked again after {}", connection, failure.getMessage());
                counter.askedAgain();
                attempt(connection, counter, ask, outcome);
            } else {
                outcome.completeExceptionally(failure);
            }
        });
    }

    /** Whether {@code failure} is the runtime's request timeout: the request may still be answered. */
    static boolean timedOut(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RequestFailedException r && r.failure() == RequestFailedException.Cause.TIMEOUT;
    }
}
