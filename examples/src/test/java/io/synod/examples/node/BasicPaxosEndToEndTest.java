package io.synod.examples.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three Basic Paxos {@code synod-node} processes over TCP under the same workload as the
 * Multi-Paxos test. Basic Paxos has no leader to kill: each node in turn is SIGKILLed, the other
 * two go on acknowledging writes, and the node restarts and catches up. The same guarantees are
 * checked at the end: no acknowledged write lost, one digest on all three nodes.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class BasicPaxosEndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(40);

    @RegisterExtension
    final ProcessCluster cluster = new ProcessCluster("basic-paxos",
        Map.of(NodeConfig.SNAPSHOT_EVERY, "300", NodeConfig.REQUEST_TIMEOUT_MS, "5000"));

    @Test
    void noAcknowledgedWriteIsLostWhenEachNodeInTurnIsKilledAndRestarted() {
        cluster.start("basic-paxos");
        try (Workload workload = new Workload(cluster, 4, 6).start()) {
            workload.awaitProgress(50, BOUND, "before the first kill");
            for (int victim : ProcessCluster.IDS) {
                workload.awaitProgress(20, BOUND, "before node " + victim + " is killed");
                cluster.kill(victim);
                workload.awaitProgress(20, BOUND, "while node " + victim + " is down");
                cluster.restart(victim);
                int other = Arrays.stream(ProcessCluster.IDS).filter(id -> id != victim).findFirst().orElseThrow();
                cluster.awaitApplied(victim, cluster.commitIndex(other), BOUND);
            }
            workload.awaitProgress(20, BOUND, "after the last restart");
            workload.close();
            assertTrue(workload.crashes().isEmpty(), () -> "a writer crashed: " + workload.crashes());
            System.out.printf("basic-paxos: %s%n", workload.summary());
            System.out.println("basic-paxos: all nodes at " + cluster.awaitConverged(BOUND));
            Checks.everyKeyReadsAsAcknowledged(cluster, workload);
        }
    }
}
