package io.synod.paxos.multi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three cores in a deterministic FIFO loop: the same commands are applied in the same order on
 * every replica, across a leader change with commands in flight and across a restart.
 * Runs {@code -Dsynod.seeds} seeds (capped at 50 here), or exactly {@code -Dsynod.seed}.
 */
class MultiPaxosClusterTest {

    private static final int[] MEMBERS = {1, 2, 3};
    private static final MultiPaxos PROTOCOL = MultiPaxos.builder().electionTicks(10).heartbeatTicks(2)
        .maxBatch(4).maxInflight(4).build();

    static LongStream seeds() {
        String one = System.getProperty("synod.seed");
        if (one != null && !one.isBlank()) {
            return LongStream.of(Long.parseLong(one));
        }
        return LongStream.rangeClosed(1, Math.min(Integer.getInteger("synod.maxSeeds", 50), Integer.getInteger("synod.seeds", 20)));
    }

    private static void assertSameHistory(Cluster c, int n, List<String> expectedSet) {
        List<String> applied = c.applied(n);
        assertEquals(expectedSet.size(), applied.size(), "node " + n + " applied " + applied + " (seed " + c.seed + ")");
        assertEquals(new HashSet<>(expectedSet), new HashSet<>(applied), "node " + n + " (seed " + c.seed + ")");
    }

    @Test
    void commandsAreAppliedInTheSameOrderOnEveryReplica() {
        seeds().forEach(seed -> {
            Cluster c = new Cluster(PROTOCOL, MEMBERS, new int[0], seed);
            c.awaitLeader();
            Random random = new Random(seed);
            List<String> commands = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                commands.add("cmd-" + i);
                // Followers forward to the leader they know; a few rounds pass between some commands.
                c.propose(c.leader(), "cmd-" + i, i, 1);
                if (random.nextInt(3) == 0) {
                    c.round();
                }
            }
            c.runUntil(() -> c.applied(1).size() == 30 && c.applied(2).size() == 30 && c.applied(3).size() == 30,
                300, "30 commands applied everywhere");
            for (int n : MEMBERS) {
                assertSameHistory(c, n, commands);
                assertEquals(c.applied(1), c.applied(n), "order differs on node " + n + " (seed " + seed + ")");
            }
        });
    }

    @Test
    void followersForwardCommandsToTheLeader() {
        Cluster c = new Cluster(PROTOCOL, MEMBERS, new int[0], 7);
        int leader = c.awaitLeader();
        c.runUntil(() -> java.util.Arrays.stream(MEMBERS).allMatch(n -> c.core(n).status().leader() == leader), 100,
            "every node knows the leader");
        int follower = leader == 1 ? 2 : 1;
        c.propose(follower, "via-follower", 99, 1);
        c.runUntil(() -> c.applied(leader).contains("via-follower") && c.applied(follower).contains("via-follower"), 100,
            "the forwarded command is applied");
        assertTrue(c.replies.get(follower).isEmpty(), "a follower that knows the leader forwards instead of rejecting");
    }

    @Test
    void aLeaderChangeWithCommandsInFlightKeepsOneOrder() {
        seeds().forEach(seed -> {
            Cluster c = new Cluster(PROTOCOL, MEMBERS, new int[0], seed);
            int first = c.awaitLeader();
            List<String> commands = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                commands.add("a-" + i);
                c.propose(first, "a-" + i, i, 1);
            }
            c.round();
            c.crash(first);
            int second = c.awaitLeader();
            assertNotEquals(first, second);
            // The driver retries what it has not seen applied; the exactly-once layer drops repeats.
            for (int i = 1; i <= 10; i++) {
                c.propose(second, "a-" + i, i, 1);
            }
            for (int i = 11; i <= 20; i++) {
                commands.add("b-" + i);
                c.propose(second, "b-" + i, i, 1);
            }
            int other = 6 - first - second;
            c.runUntil(() -> c.applied(second).size() == 20 && c.applied(other).size() == 20, 400,
                "20 commands applied on the two live nodes");
            c.restart(first);
            c.runUntil(() -> c.applied(first).size() == 20, 400, "the old leader catches up");
            for (int n : MEMBERS) {
                assertSameHistory(c, n, commands);
                assertEquals(c.applied(second), c.applied(n), "order differs on node " + n + " (seed " + seed + ")");
            }
        });
    }

    @Test
    void aRestartedReplicaCatchesUpFromTheLogAndFromASnapshot() {
        seeds().forEach(seed -> {
            Cluster c = new Cluster(PROTOCOL, MEMBERS, new int[0], seed);
            int leader = c.awaitLeader();
            int lagging = leader == 3 ? 2 : 3;
            int other = 6 - leader - lagging;
            List<String> commands = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                commands.add("x-" + i);
                c.propose(leader, "x-" + i, i, 1);
            }
            c.runUntil(() -> c.applied(lagging).size() == 10, 200, "first commands applied on the lagging node");
            // Restart from its own disk: it re-commits everything above its (absent) snapshot.
            c.crash(lagging);
            c.restart(lagging);
            assertTrue(c.applied(lagging).isEmpty(), "a restarted state machine starts empty");
            c.runUntil(() -> c.applied(lagging).size() == 10, 200, "the restarted node re-applies its log");
            assertEquals(c.applied(leader), c.applied(lagging));

            c.crash(lagging);
            for (int i = 11; i <= 40; i++) {
                commands.add("x-" + i);
                c.propose(leader, "x-" + i, i, 1);
            }
            c.runUntil(() -> c.applied(leader).size() == 40 && c.applied(other).size() == 40, 300, "40 applied on two nodes");
            c.compact(leader);
            c.compact(other);
            c.restart(lagging);
            c.runUntil(() -> c.applied(lagging).size() == 40, 300, "the lagging node catches up by snapshot");
            assertTrue(c.disks.get(lagging).snapshot != null, "it got there through a snapshot install (seed " + seed + ")");
            for (int n : MEMBERS) {
                assertSameHistory(c, n, commands);
                assertEquals(c.applied(leader), c.applied(n), "order differs on node " + n + " (seed " + seed + ")");
            }
        });
    }
}
