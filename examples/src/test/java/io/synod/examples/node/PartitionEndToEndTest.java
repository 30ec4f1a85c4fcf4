package io.synod.examples.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A partition without root: the leader's transport is told ({@code BLOCK}, an admin request on
 * its client port) to drop all traffic to and from both peers, while four client threads write.
 * The other two must elect a leader and keep acknowledging writes; the isolated old leader must
 * not answer a linearizable read with a value the majority has overwritten; after the heal
 * ({@code UNBLOCK}) it must catch up. Then the guarantees of every multi-process test hold: no
 * acknowledged write lost, one digest on all three nodes.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class PartitionEndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(40);

    @RegisterExtension
    final ProcessCluster cluster = new ProcessCluster("multi-paxos",
        Map.of(NodeConfig.CLIENT_ADMIN, "true", NodeConfig.REQUEST_TIMEOUT_MS, "3000"));

    @Test
    void theMajoritySideElectsAndWritesAndTheIsolatedLeaderCatchesUpAfterTheHeal() throws IOException {
        cluster.start("partition");
        try (Workload workload = new Workload(cluster, 4, 6).start()) {
            workload.awaitProgress(50, BOUND, "before the partition");
            int old = cluster.awaitLeader(BOUND, ProcessCluster.IDS);
            assertEquals("OK ", cluster.ask(old, "PUT probe before"), "no value before");
            int[] majority = Arrays.stream(ProcessCluster.IDS).filter(id -> id != old).toArray();
            for (int peer : majority) {
                assertEquals("OK", cluster.ask(old, "BLOCK " + peer));
            }

            int next = cluster.awaitLeader(BOUND, majority);
            assertNotEquals(old, next, "the majority side elected a leader of its own");
            workload.awaitProgress(50, BOUND, "on the majority side under leader " + next);
            assertEquals("OK before", cluster.ask(next, "PUT probe after"));
            String stale = cluster.ask(old, "GET probe");
            System.out.println("partition: a linearizable read at the isolated node " + old + " answered: " + stale);
            assertTrue(stale.equals("OK after") || stale.startsWith("ERR "),
                "the isolated old leader answered a linearizable read with " + stale + " after the majority overwrote it");

            for (int peer : majority) {
                assertEquals("OK", cluster.ask(old, "UNBLOCK " + peer));
            }
            long target = cluster.commitIndex(cluster.awaitLeader(BOUND, ProcessCluster.IDS));
            cluster.awaitApplied(old, target, BOUND);
            assertEquals("OK after", cluster.ask(old, "GET probe"), "the healed node reads the majority's write");
            workload.awaitProgress(20, BOUND, "after the heal");
            workload.close();
            assertTrue(workload.crashes().isEmpty(), () -> "a writer crashed: " + workload.crashes());
            System.out.printf("partition: isolated node %d, majority leader %d; %s%n", old, next, workload.summary());
            System.out.println("partition: all nodes at " + cluster.awaitConverged(BOUND));
            Checks.everyKeyReadsAsAcknowledged(cluster, workload);
        }
    }
}
