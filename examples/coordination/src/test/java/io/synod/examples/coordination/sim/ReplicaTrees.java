package io.synod.examples.coordination.sim;

import io.synod.examples.coordination.tree.SameTree;
import io.synod.testkit.ClusterView;
import io.synod.testkit.Invariant;
import io.synod.testkit.NodeView;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Two checks on the replicas' trees, after every simulator event:
 * <ul>
 *   <li>{@link #SAME_TREE}: every replica's tree at an applied index is the tree the first replica
 *       to reach that index had there: every node, stat, data, ACL and child, and the ephemeral,
 *       container and TTL indexes (compared by {@link SameTree#digest}, shown by
 *       {@link SameTree#canonical} when they differ).</li>
 *   <li>{@link #EPHEMERALS_END}: once a replica has applied the entry where a session expired, it
 *       holds none of that session's ephemerals. With the simulator's session check (every replica
 *       ends the same sessions at the same index) this is "gone at one point of the log everywhere".</li>
 * </ul>
 * A replica is looked at again only when its applied index moved. What a run has seen is kept per
 * run (per {@link ClusterView}), so one instance serves every seed, as an invariant must.
 */
final class ReplicaTrees {

    static final String SAME_TREE = "same tree";
    static final String EPHEMERALS_END = "ephemerals end with their session";

    /** The digest of the tree at an index, and the node that reached it first. */
    private record First(long digest, int node) {
    }

    /** What one run has seen. */
    private static final class Seen {
        final Map<Long, First> treeAt = new HashMap<>();
        final Map<Integer, Long> comparedAt = new HashMap<>();
        final Map<Long, Long> expiredAt = new HashMap<>();
        final Map<Integer, Long> ephemeralsCheckedAt = new HashMap<>();
    }

    private final Map<ClusterView, Seen> runs = Collections.synchronizedMap(new WeakHashMap<>());

    Invariant sameTree() {
        return Invariant.of(SAME_TREE, view -> {
            Seen seen = runs.computeIfAbsent(view, v -> new Seen());
            for (int id = 1; id <= view.size(); id++) {
                NodeView node = view.node(id);
                if (!(node.stateMachine() instanceof ObservedCoordination machine) || !moved(seen.comparedAt, id, node)) {
                    continue;
                }
                long index = node.appliedIndex();
                long digest = SameTree.digest(machine.tree());
                First first = seen.treeAt.putIfAbsent(index, new First(digest, id));
                if (first != null && first.digest() != digest) {
                    return Optional.of("node " + id + "'s tree at applied index " + index + " differs from node " + first.node()
                        + "'s there; node " + id + " holds:\n" + SameTree.canonical(machine.tree()));
                }
            }
            return Optional.empty();
        });
    }

    Invariant ephemeralsEnd() {
        return Invariant.of(EPHEMERALS_END, view -> {
            Seen seen = runs.computeIfAbsent(view, v -> new Seen());
            boolean newExpiry = false;
            for (int id = 1; id <= view.size(); id++) {
                if (view.node(id).stateMachine() instanceof ObservedCoordination machine) {
                    for (long[] expiry : machine.takeExpiries()) {
                        newExpiry |= seen.expiredAt.merge(expiry[0], expiry[1], Math::min) == expiry[1];
                    }
                }
            }
            for (int id = 1; id <= view.size(); id++) {
                NodeView node = view.node(id);
                if (!(node.stateMachine() instanceof ObservedCoordination machine)
                    || !moved(seen.ephemeralsCheckedAt, id, node) && !newExpiry) {
                    continue;
                }
                for (long session : machine.tree().sessionsWithEphemerals()) {
                    Long at = seen.expiredAt.get(session);
                    if (at != null && node.appliedIndex() >= at) {
                        return Optional.of("node " + id + " applied through index " + node.appliedIndex() + " but still holds "
                            + machine.tree().getEphemerals(session, "/") + " of session " + session + ", which expired at index " + at);
                    }
                }
            }
            return Optional.empty();
        });
    }

    /** Whether the node applied something since the last look (and remembers this look). */
    private static boolean moved(Map<Integer, Long> lastLook, int id, NodeView node) {
        Long before = lastLook.put(id, node.appliedIndex());
        return before == null || before != node.appliedIndex();
    }
}
