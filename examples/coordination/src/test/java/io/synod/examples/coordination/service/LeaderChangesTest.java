package io.synod.examples.coordination.service;

import io.synod.examples.coordination.admin.AdminConfig;
import io.synod.examples.coordination.admin.FourLetterWord;
import io.synod.examples.coordination.server.CoordinationNode;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.ReplicaConfig;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zk_leader_changes} follows leadership, not the log: when the leader of a three-server ensemble stops
 * and no client writes anything, each survivor's count still moves once a new leader is elected.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LeaderChangesTest {

    @Test
    void mntrCountsALeaderChangeWithoutAnyWrite() throws Exception {
        CoordinationNode.Tools tools = new CoordinationNode.Tools(
            AdminConfig.embedded().withWhitelist(EnumSet.of(FourLetterWord.MNTR)), 0, Map.of());
        try (LocalCluster cluster = LocalCluster.of(3, ReplicaConfig.defaults(), MultiPaxos.builder().build(), tools)) {
            int old = cluster.leader();
            long[] before = new long[4];
            for (int id = 1; id <= 3; id++) {
                before[id] = leaderChanges(cluster.node(id));
            }
            cluster.stop(old);
            LocalCluster.await("a new leader", () -> cluster.leader() > 0 && cluster.leader() != old);
            for (int id = 1; id <= 3; id++) {
                if (id == old) {
                    continue;
                }
                CoordinationNode node = cluster.node(id);
                long was = before[id];
                LocalCluster.await("server " + id + "'s mntr counting the change from leader " + old,
                    () -> leaderChanges(node) > was);
                assertTrue(leaderChanges(node) > was);
            }
        }
    }

    private static long leaderChanges(CoordinationNode node) {
        InetSocketAddress a = node.clientAddress();
        try {
            for (String line : FourLetterWordMain.send4LetterWord(a.getHostString(), a.getPort(), "mntr", false, 30_000)
                .split("\n")) {
                if (line.startsWith("zk_leader_changes\t")) {
                    return Long.parseLong(line.substring(line.indexOf('\t') + 1).trim());
                }
            }
        } catch (Exception e) {
            throw new AssertionError("mntr of " + a + " failed", e);
        }
        throw new AssertionError("mntr of " + a + " has no zk_leader_changes");
    }
}
