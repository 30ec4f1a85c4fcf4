package io.synod.examples.coordination.sim;

import io.synod.examples.coordination.tree.OpResult;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.testkit.FaultProfile;
import io.synod.testkit.ReadMode;
import io.synod.testkit.Simulation;
import io.synod.testkit.SimulationResult;
import io.synod.testkit.lin.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the checks of {@link TreeSimulationTest} rest on, in one run: each update knows the session it
 * ran in (the testkit binds it when the client sends it), each expiry is in the history at the
 * instant and log place the first replica applied it, and ephemerals do get created in sessions that
 * later expire, so the ephemeral checks are not vacuous.
 */
class TreeHistoryTest {

    @Test
    void updatesKnowTheirSessionAndExpiriesHaveTheirPlaceInTheLog() {
        SimulationResult<TreeOp, TreeResult> run = Simulation.run(TreeSimulationTest.config(MultiPaxos.builder().build(),
            FaultProfile.NONE, ReadMode.READ_INDEX).withSeed(3));
        assertTrue(run.failure().isEmpty(), () -> run.failure().get());

        List<Operation<TreeOp, TreeResult>> updates = run.history().stream()
            .filter(op -> op.input() instanceof TreeOp.Update && !op.isIndeterminate()).toList();
        assertTrue(updates.size() > 50, "the run made updates: " + updates.size());
        for (Operation<TreeOp, TreeResult> op : updates) {
            assertNotEquals(0, ((TreeOp.Update) op.input()).step().session(), () -> op + " does not know its session");
        }

        List<Operation<TreeOp, TreeResult>> expiries = run.history().stream()
            .filter(op -> op.input() instanceof TreeOp.Expiry).toList();
        assertTrue(expiries.size() > 0, "sessions expired in the run");
        assertEquals(expiries.size(), expiries.stream().map(e -> ((TreeOp.Expiry) e.input()).session()).distinct().count(),
            "one history entry per expired session");
        for (Operation<TreeOp, TreeResult> e : expiries) {
            assertEquals(e.invokeTime(), e.responseTime(), e + " takes no time");
            assertTrue(run.logOrder().rank(e.id()).isPresent(), e + " has its place in the log");
        }

        Set<Long> expired = expiries.stream().map(e -> ((TreeOp.Expiry) e.input()).session()).collect(Collectors.toSet());
        long ephemeralsOfExpiredSessions = updates.stream()
            .filter(op -> ((TreeResult.Applied) op.output()).result() instanceof OpResult.Created c && c.stat().ephemeralOwner() != 0)
            .filter(op -> expired.contains(((TreeOp.Update) op.input()).step().session()))
            .count();
        assertTrue(ephemeralsOfExpiredSessions > 0, "some session that expired owned an ephemeral");
    }
}
