package io.synod.examples.transfer;

import io.synod.api.commit.CommitProtocol;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;
import io.synod.testkit.commit.CommitRun;
import io.synod.testkit.commit.CommitScenario;
import io.synod.testkit.commit.CommitSimulation;
import io.synod.testkit.commit.CrashableResource;
import io.synod.testkit.commit.Partition;
import io.synod.threephase.ThreePhaseCommit;
import io.synod.twophase.TwoPhaseCommit;
import io.synod.twophase.paxoscommit.PaxosCommit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Money transfers between three shards under crashes, lost and late messages and partitions, in
 * the commit simulator: with two-phase commit and Paxos Commit the total never changes; with
 * three-phase commit a partition can split a transfer and money appears or vanishes. It also
 * says which protocol left shards blocked, holding locks, while the faults lasted.
 */
class TransferUnderFaultsTest {

    private static final long INITIAL = 400;
    private static final String[][] OWNERS = {{"alice", "2"}, {"bob", "2"}, {"carol", "3"}, {"dave", "4"}};

    /** The simulator's view of a shard: its accounts, which forget locks on a crash. */
    private record Shard(Accounts accounts) implements CrashableResource {
        @Override
        public Vote prepare(TransactionId t, byte[] part) {
            return accounts.prepare(t, part);
        }

        @Override
        public void commit(TransactionId t) {
            accounts.commit(t);
        }

        @Override
        public void abort(TransactionId t) {
            accounts.abort(t);
        }

        @Override
        public void restorePrepared(TransactionId t, byte[] part) {
            accounts.restorePrepared(t, part);
        }

        @Override
        public void crash() {
            accounts.crash();
        }
    }

    private static final class Bank {
        final Accounts[] shards = {null, new Accounts(), new Accounts().open("alice", 100).open("bob", 100),
            new Accounts().open("carol", 100), new Accounts().open("dave", 100)};

        long total() {
            return shards[2].total() + shards[3].total() + shards[4].total();
        }
    }

    private static CommitScenario scenario(Bank bank, boolean partitions) {
        CommitScenario.Builder b = CommitScenario.builder("transfers").nodes(4)
            .workload(random -> IntStream.rangeClosed(1, 12).mapToObj(i -> {
                String[] from = OWNERS[random.nextInt(OWNERS.length)];
                String[] to = OWNERS[(random.nextInt(OWNERS.length - 1) + 1 + java.util.Arrays.asList(OWNERS).indexOf(from))
                    % OWNERS.length];
                long amount = 1 + random.nextInt(80);
                Map<Integer, byte[]> parts = from[1].equals(to[1])
                    ? Map.of(Integer.parseInt(from[1]), Transfer.debit(from[0], 0).encode())
                    : Map.of(Integer.parseInt(from[1]), Transfer.debit(from[0], amount).encode(),
                        Integer.parseInt(to[1]), Transfer.credit(to[0], amount).encode());
                return new CommitScenario.Begin(i * 12L, Transaction.of(new TransactionId(1, i), parts));
            }).toList())
            .network(partitions ? 0.05 : 0, 0.02, 2).randomCrashes(0.004, 50).ticks(300, 400)
            .resources(id -> new Shard(bank.shards[id]));
        if (partitions) {
            b.partition(new Partition(new int[] {3, 4}, 40, 160));
        }
        return b.build();
    }

    private static List<CommitRun> runs(CommitProtocol protocol, boolean partitions, int seeds, List<Long> totals) {
        return IntStream.rangeClosed(1, seeds).mapToObj(seed -> {
            Bank bank = new Bank();
            CommitRun run = CommitSimulation.run(protocol, scenario(bank, partitions), seed, false);
            totals.add(bank.total());
            return run;
        }).toList();
    }

    private static void report(String protocol, List<CommitRun> runs, List<Long> totals) {
        long blocked = runs.stream().filter(r -> !r.stuckAtHorizon().isEmpty()).count();
        long changed = totals.stream().filter(t -> t != INITIAL).count();
        System.out.printf("%-13s %d runs: total changed in %d, shards blocked at the horizon in %d%n", protocol, runs.size(),
            changed, blocked);
    }

    @Test
    void twoPhaseCommitAndPaxosCommitKeepTheTotalUnderCrashesLossAndPartitions() {
        for (CommitProtocol protocol : List.of(TwoPhaseCommit.defaults(), PaxosCommit.defaults().withAcceptors(2, 3, 4))) {
            List<Long> totals = new java.util.ArrayList<>();
            List<CommitRun> runs = runs(protocol, true, 150, totals);
            report(protocol.name(), runs, totals);
            for (int i = 0; i < runs.size(); i++) {
                assertTrue(runs.get(i).passed(), runs.get(i).toString());
                assertEquals(INITIAL, totals.get(i), runs.get(i).toString());
            }
            assertTrue(runs.stream().anyMatch(r -> r.outcomes().values().stream().anyMatch(o -> o.committed())), "transfers happened");
        }
    }

    @Test
    void threePhaseCommitKeepsTheTotalUnderCrashesButAPartitionCanSplitATransfer() {
        List<Long> crashTotals = new java.util.ArrayList<>();
        List<CommitRun> crashRuns = runs(ThreePhaseCommit.defaults(), false, 150, crashTotals);
        report("3pc (crashes)", crashRuns, crashTotals);
        crashTotals.forEach(t -> assertEquals(INITIAL, t));
        List<Long> totals = new java.util.ArrayList<>();
        List<CommitRun> runs = runs(ThreePhaseCommit.defaults(), true, 150, totals);
        report("3pc (partitions)", runs, totals);
        assertTrue(runs.stream().anyMatch(r -> !r.atomic()), "a partition split some transfer in 150 seeds");
    }
}
