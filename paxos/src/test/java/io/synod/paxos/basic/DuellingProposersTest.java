package io.synod.paxos.basic;

import io.synod.api.Command;
import io.synod.paxos.basic.LoopCluster.Faults;
import io.synod.paxos.basic.LoopCluster.Node;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three nodes, two of which propose at the same time for the same slots: under shuffled
 * delivery (and, in the faulty runs, drops, duplicates, crashes that lose part of a batch, and
 * compaction), every learner learns the same value per slot, only proposed commands, and once
 * faults stop, every command reaches every node.
 */
class DuellingProposersTest {

    private static final int SEEDS = Integer.getInteger("synod.seeds", 200);
    private static final int COMMANDS_PER_PROPOSER = 12;

    @Test
    void duellingProposersAgreeUnderShuffledDelivery() {
        forSeeds("duellingProposersAgreeUnderShuffledDelivery", Faults.NONE);
    }

    @Test
    void duellingProposersAgreeUnderDropsDuplicatesCrashesAndCompaction() {
        forSeeds("duellingProposersAgreeUnderDropsDuplicatesCrashesAndCompaction", new Faults(0.15, 0.1, 0.01, 5));
    }

    private void forSeeds(String method, Faults faults) {
        long only = Long.getLong("synod.seed", -1L);
        long first = only >= 0 ? only : 1;
        long last = only >= 0 ? only : SEEDS;
        for (long seed = first; seed <= last; seed++) {
            try {
                run(seed, faults);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " failed: " + e.getMessage()
                    + "\nrepro: mvn -pl paxos test -Dtest=DuellingProposersTest#" + method + " -Dsynod.seed=" + seed, e);
            }
        }
    }

    private void run(long seed, Faults faults) {
        BasicPaxos protocol = BasicPaxos.builder().proposers(1, 2).phaseTimeoutTicks(6).catchUpTicks(4).build();
        LoopCluster cluster = new LoopCluster(seed, protocol, 1, 2, 3);
        cluster.faults(faults);
        List<Command> commands = new ArrayList<>();
        for (int i = 1; i <= COMMANDS_PER_PROPOSER; i++) {
            // Both proposers get a command at once: they contend for the same slot every time.
            for (int proposer = 1; proposer <= 2; proposer++) {
                Command c = new Command(proposer, i, ("p" + proposer + "-" + i).getBytes(StandardCharsets.UTF_8));
                commands.add(c);
                cluster.propose(proposer, c);
            }
            for (int r = 0; r < 3; r++) {
                cluster.round(6);
            }
        }
        for (int r = 0; r < 300; r++) {
            cluster.round(8);
        }
        cluster.heal();
        int rounds = 0;
        while (!allApplied(cluster, commands)) {
            if (++rounds > 3000) {
                fail("not every command reached every node " + rounds + " rounds after the faults stopped: "
                    + describe(cluster));
            }
            if (rounds % 50 == 0) {
                // A client whose command was lost with a crashed proposer's queue retries it.
                for (Command c : commands) {
                    if (!cluster.node(1).appliedPayloads().contains(payload(c))) {
                        cluster.propose((int) c.clientId(), c);
                    }
                }
            }
            cluster.round(8);
        }
        Map<Long, byte[]> chosen = cluster.firstCommits();
        for (int id = 1; id <= 3; id++) {
            Node node = cluster.node(id);
            for (Map.Entry<Long, byte[]> e : node.committed.entrySet()) {
                assertTrue(Arrays.equals(chosen.get(e.getKey()), e.getValue()), "node " + id + " slot " + e.getKey());
            }
            assertEquals(cluster.node(1).appliedPayloads(), node.appliedPayloads(), "node " + id + " applied another order");
        }
    }

    private static boolean allApplied(LoopCluster cluster, List<Command> commands) {
        for (int id = 1; id <= 3; id++) {
            List<String> applied = cluster.node(id).appliedPayloads();
            for (Command c : commands) {
                if (!applied.contains(payload(c))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String payload(Command c) {
        return new String(c.payload(), StandardCharsets.UTF_8);
    }

    private static String describe(LoopCluster cluster) {
        StringBuilder s = new StringBuilder();
        for (int id = 1; id <= 3; id++) {
            Node n = cluster.node(id);
            s.append("\n  node ").append(id).append(" up=").append(n.up).append(' ').append(n.core.status())
                .append(" applied=").append(n.appliedPayloads().size());
        }
        return s.toString();
    }
}
