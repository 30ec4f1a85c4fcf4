package io.synod.examples.coordination.admin;

import java.util.concurrent.CompletableFuture;

/**
 * Where the tools get a server's tree, session and watch figures: gathered on the replica thread in one look,
 * so consistent with each other, and completed there.
 */
public interface FactsSource {

    /**
     * The counters only ({@link ServiceFacts}' maps empty): read from counts the tree and the watch table keep
     * as they change, so a cost independent of their size. What {@code mntr}, {@code srvr} and
     * {@code /metrics} need, however often they are scraped.
     */
    CompletableFuture<ServiceFacts> counts();

    /**
     * The counters and the lists of watches by session and path, ephemerals by session and session timeouts:
     * a walk of the watch table and the sessions, so for {@code wchc}, {@code wchp}, {@code dump} only.
     */
    CompletableFuture<ServiceFacts> facts();
}
