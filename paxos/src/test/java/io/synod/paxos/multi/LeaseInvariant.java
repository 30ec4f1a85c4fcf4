package io.synod.paxos.multi;

import io.synod.api.ProtocolCore;
import io.synod.protocol.Ballot;
import io.synod.testkit.ClusterView;
import io.synod.testkit.ForwardingCore;
import io.synod.testkit.Invariant;
import io.synod.testkit.NodeView;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a leader lease promises: <b>while a leader's lease holds, no other node leads at a higher
 * ballot.</b> A newer leader may commit writes the lease holder has not seen, so a read the holder
 * answers from its lease beside it may be stale. The linearizability check sees that only if a
 * client happens to read at the old leader after a newer write completed; this check sees the
 * overlap itself, after every event.
 *
 * <p>Sound in the simulator, where the nodes' clocks tick at one rate: the bounded-drift
 * assumption leases rest on holds exactly. A paused node is left out while paused — its clock
 * stands still, and when it resumes it takes every missed tick before anything else, so its lease
 * has run out by the time it could use it.
 *
 * <p>It also counts the reads answered from a lease in a run ({@link #leaseReads()}), so a test
 * can show that leases were used at all. One instance watches one run at a time.
 */
final class LeaseInvariant implements Invariant {

    private ClusterView run;
    /** Lease reads seen so far, per core incarnation. */
    private final Map<ProtocolCore, Long> seen = new IdentityHashMap<>();
    private long leaseReads;

    @Override
    public String name() {
        return "lease";
    }

    /** Reads answered from a lease in the current (or last) run. */
    long leaseReads() {
        return leaseReads;
    }

    @Override
    public Optional<String> check(ClusterView view) {
        if (view != run) {
            run = view;
            seen.clear();
            leaseReads = 0;
        }
        for (int id = 1; id <= view.size(); id++) {
            NodeView node = view.node(id);
            MultiPaxosCore core = unwrap(node.core());
            if (core == null) {
                continue;
            }
            Long before = seen.put(core, core.leaseReads());
            leaseReads += core.leaseReads() - (before == null ? 0 : before);
            if (core.leaseHeld() && !node.isPaused()) {
                Optional<String> newer = newerLeader(view, id, core.leaderBallot());
                if (newer.isPresent()) {
                    return newer;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> newerLeader(ClusterView view, int holder, Ballot ballot) {
        for (int id = 1; id <= view.size(); id++) {
            NodeView other = view.node(id);
            MultiPaxosCore core = unwrap(other.core());
            if (id != holder && core != null && other.status().isLeader() && core.leaderBallot().isAbove(ballot)) {
                return Optional.of("node " + holder + " holds a lease at ballot " + ballot + " while node " + id
                    + " leads at the higher ballot " + core.leaderBallot() + ": a read from the lease may miss its writes");
            }
        }
        return Optional.empty();
    }

    /** The Multi-Paxos core behind {@code core} and any wrappers, or null. */
    static MultiPaxosCore unwrap(ProtocolCore core) {
        while (core instanceof ForwardingCore<?> f) {
            core = f.delegate();
        }
        return core instanceof MultiPaxosCore m ? m : null;
    }
}
