package io.synod.paxos.multi;

import io.synod.api.CoreStatus;
import io.synod.api.ProtocolCore;
import io.synod.paxos.Ballot;
import io.synod.testkit.ClusterView;
import io.synod.testkit.ForwardingCore;
import io.synod.testkit.Invariant;
import io.synod.testkit.NodeView;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a leader lease promises, checked at the moment it is used: a leader answers a read from
 * its lease only while no other node leads at a higher ballot. A newer leader may already have
 * committed writes the lease holder has not seen, so a lease read beside it may be stale; the
 * linearizability check sees that only if a client happens to read the stale value after the
 * newer write completed, this check as soon as the two leaderships overlap.
 *
 * <p>Sound in the simulator because its nodes' clocks tick at one rate (a node that was paused
 * takes every missed tick before anything else): the bounded-drift assumption leases rest on
 * holds exactly, so any overlap is a protocol bug.
 *
 * <p>It also counts the lease reads of a run ({@link #leaseReads()}), so that a test can show
 * leases were used at all. One instance watches one run at a time and starts over for a new one.
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

    /** Lease reads served in the current (or last) run. */
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
            MultiPaxosCore core = unwrap(view.node(id).core());
            if (core == null) {
                continue;
            }
            long reads = core.leaseReads();
            Long before = seen.put(core, reads);
            if (before == null || reads == before) {
                continue;
            }
            leaseReads += reads - before;
            Optional<String> newer = newerLeader(view, id, core.leaderBallot());
            if (newer.isPresent()) {
                return newer;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> newerLeader(ClusterView view, int holder, Ballot ballot) {
        for (int id = 1; id <= view.size(); id++) {
            NodeView other = view.node(id);
            MultiPaxosCore core = unwrap(other.core());
            CoreStatus status = other.status();
            if (id != holder && core != null && status.isLeader() && core.leaderBallot().isAbove(ballot)) {
                return Optional.of("node " + holder + " answered a read from its lease at ballot " + ballot + " while node "
                    + id + " leads at the higher ballot " + core.leaderBallot());
            }
        }
        return Optional.empty();
    }

    static MultiPaxosCore unwrap(ProtocolCore core) {
        while (core instanceof ForwardingCore<?> f) {
            core = f.delegate();
        }
        return core instanceof MultiPaxosCore m ? m : null;
    }
}
