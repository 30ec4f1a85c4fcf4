package io.synod.examples.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three Multi-Paxos {@code synod-node} processes over TCP on loopback, file storage with fsync,
 * under a key-value workload from four client threads. Five times: the leader is SIGKILLed (no
 * chance to flush or close anything), the other two elect a leader and go on acknowledging writes,
 * the killed node is restarted from its data directory and must catch up with the leader. Then:
 * no acknowledged write is lost (every key reads, at every node, as its last acknowledged value
 * or a value tried after it), every answer during the run was such a value too, and all three
 * nodes report the same digest of their state after the same last command.
 *
 * <p>Snapshots are taken every 300 entries, so a restarted node may have to be sent one.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class KillLeaderEndToEndTest {

    private static final int CYCLES = 5;
    private static final Duration BOUND = Duration.ofSeconds(40);

    @RegisterExtension
    final ProcessCluster cluster = new ProcessCluster("multi-paxos",
        Map.of(NodeConfig.SNAPSHOT_EVERY, "300", NodeConfig.REQUEST_TIMEOUT_MS, "5000"));

    @Test
    void noAcknowledgedWriteIsLostWhenTheLeaderIsKilledAndRestartedFiveTimes() {
        cluster.start("kill-leader");
        List<Integer> killed = new ArrayList<>();
        try (Workload workload = new Workload(cluster, 4, 6).start()) {
            workload.awaitProgress(50, BOUND, "before the first kill");
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                int leader = cluster.awaitLeader(BOUND, ProcessCluster.IDS);
                workload.awaitProgress(20, BOUND, "under leader " + leader + " in cycle " + cycle);
                cluster.kill(leader);
                killed.add(leader);
                int[] survivors = Arrays.stream(ProcessCluster.IDS).filter(id -> id != leader).toArray();
                int next = cluster.awaitLeader(BOUND, survivors);
                workload.awaitProgress(20, BOUND, "after node " + leader + " was killed, under leader " + next);
                cluster.restart(leader);
                long target = cluster.commitIndex(next);
                cluster.awaitApplied(leader, target, BOUND);
            }
            workload.awaitProgress(20, BOUND, "after the last restart");
            workload.close();
            assertTrue(workload.crashes().isEmpty(), () -> "a writer crashed: " + workload.crashes());
            System.out.printf("kill-leader: killed %s; %s%n", killed, workload.summary());
            String digest = cluster.awaitConverged(BOUND);
            System.out.println("kill-leader: all nodes at " + digest);
            Checks.everyKeyReadsAsAcknowledged(cluster, workload);
            assertEquals(CYCLES, killed.size());
        }
    }
}
