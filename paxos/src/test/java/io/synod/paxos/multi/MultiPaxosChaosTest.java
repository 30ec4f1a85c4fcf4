package io.synod.paxos.multi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The loop of {@link MultiPaxosClusterTest} under faults — lost, duplicated and reordered
 * messages, crashes, restarts, and crashes in the middle of persisting a batch — until the faults
 * stop. No slot may ever be committed with two values (checked on every commit), and once the
 * network heals every replica applies every command exactly once, in one order.
 */
class MultiPaxosChaosTest {

    private static final MultiPaxos PROTOCOL = MultiPaxos.builder().electionTicks(8).heartbeatTicks(2)
        .maxBatch(3).maxInflight(3).build();

    private static boolean allApplied(Cluster c, List<String> commands) {
        return java.util.Arrays.stream(c.all()).allMatch(n -> c.applied(n).size() == commands.size());
    }

    @Test
    void safeUnderLossDuplicationReorderingAndCrashesThenLiveOnceHealed() {
        MultiPaxosClusterTest.seeds().forEach(seed -> {
            int[] members = seed % 2 == 0 ? new int[] {1, 2, 3} : new int[] {1, 2, 3, 4, 5};
            Cluster c = new Cluster(PROTOCOL, members, new int[] {9}, seed);
            Random random = new Random(seed);
            c.chaos = new Random(seed ^ 0x5DEECE66DL);
            c.dropRate = 0.15;
            c.duplicateRate = 0.1;
            c.tornWriteRate = 0.05;
            List<String> commands = new ArrayList<>();
            for (int r = 0; r < 400; r++) {
                if (random.nextInt(3) == 0) {
                    String cmd = "k" + commands.size();
                    if (c.proposeAnywhere(cmd, commands.size() + 1, 1, random)) {
                        commands.add(cmd);
                    }
                }
                if (random.nextInt(60) == 0) {
                    int victim = members[random.nextInt(members.length)];
                    if (!c.down.contains(victim)) {
                        c.crash(victim);
                    }
                }
                for (int n : new HashSet<>(c.down)) {
                    if (random.nextInt(20) == 0) {
                        c.restart(n);
                    }
                }
                c.round();
            }
            c.chaos = null;
            for (int n : new HashSet<>(c.down)) {
                c.restart(n);
            }
            // The driver retries what it has not seen applied (a command refused or lost with a leader change);
            // the exactly-once layer drops repeats.
            for (int attempt = 0; attempt < 20 && !allApplied(c, commands); attempt++) {
                int leader = c.awaitLeader();
                HashSet<String> done = new HashSet<>(c.applied(leader));
                for (int i = 0; i < commands.size(); i++) {
                    if (!done.contains(commands.get(i))) {
                        c.propose(leader, commands.get(i), i + 1, 1);
                    }
                }
                for (int r = 0; r < 60 && !allApplied(c, commands); r++) {
                    c.round();
                }
            }
            c.runUntil(() -> allApplied(c, commands), 1, commands.size() + " commands applied on every replica");
            for (int n : c.all()) {
                assertEquals(new HashSet<>(commands), new HashSet<>(c.applied(n)), "node " + n + " (seed " + seed + ")");
                assertEquals(c.applied(members[0]), c.applied(n), "order differs on node " + n + " (seed " + seed + ")");
            }
        });
    }
}
