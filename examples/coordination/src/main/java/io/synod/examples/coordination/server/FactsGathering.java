package io.synod.examples.coordination.server;

import io.synod.examples.coordination.admin.FactsSource;
import io.synod.examples.coordination.admin.ServiceFacts;
import io.synod.examples.coordination.tree.DataTree;
import io.synod.examples.coordination.watch.WatchTable;
import io.synod.runtime.Replica;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Gathers what the operator tools report of one server on its replica thread, where the tree, the sessions and
 * the watches are consistent with each other. It parks the look as a local read, so it waits behind whatever
 * the replica is applying and is never torn by it.
 */
final class FactsGathering implements FactsSource {

    private final Replica replica;
    private final CoordinationStateMachine machine;
    private final WatchTable<ClientSession> watches;
    private final LongSupplier servedZxid;

    FactsGathering(Replica replica, CoordinationStateMachine machine, WatchTable<ClientSession> watches, LongSupplier servedZxid) {
        this.replica = replica;
        this.machine = machine;
        this.watches = watches;
        this.servedZxid = servedZxid;
    }

    @Override
    public CompletableFuture<ServiceFacts> counts() {
        return onReplica(() -> {
            DataTree tree = machine.tree();
            return new ServiceFacts(servedZxid.getAsLong(), tree.nodeCount(), tree.ephemeralsCount(),
                tree.approximateDataSize(), machine.sessions().size(), watches.size(), Collections.emptySortedMap(),
                Collections.emptySortedMap(), Collections.emptySortedMap(), Collections.emptySortedMap());
        });
    }

    @Override
    public CompletableFuture<ServiceFacts> facts() {
        return onReplica(() -> {
            DataTree tree = machine.tree();
            SortedMap<Long, SortedSet<String>> bySession = new TreeMap<>();
            SortedMap<String, SortedSet<Long>> byPath = new TreeMap<>();
            int[] count = {0};
            watches.forEachWatch((path, session) -> {
                count[0]++;
                bySession.computeIfAbsent(session.sessionId, k -> new TreeSet<>()).add(path);
                byPath.computeIfAbsent(path, k -> new TreeSet<>()).add(session.sessionId);
            });
            return new ServiceFacts(servedZxid.getAsLong(), tree.nodeCount(), tree.ephemeralsCount(),
                tree.approximateDataSize(), machine.sessions().size(), count[0], bySession, byPath,
                tree.ephemeralsBySession(), machine.sessions().timeouts());
        });
    }

    private CompletableFuture<ServiceFacts> onReplica(Supplier<ServiceFacts> look) {
        CompletableFuture<ServiceFacts> out = new CompletableFuture<>();
        byte[] ticket = machine.park(() -> {
            try {
                out.complete(look.get());
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        replica.readLocal(0, ticket).whenComplete((ok, failure) -> {
            if (failure != null) {
                machine.unpark(ticket);
                out.completeExceptionally(failure);
            }
        });
        return out;
    }
}
