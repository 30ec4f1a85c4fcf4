package io.synod.examples.transfer;

import io.synod.api.commit.CommitProtocol;
import io.synod.api.commit.Outcome;
import io.synod.runtime.commit.CommitNode;
import io.synod.spi.Clock;
import io.synod.spi.Transport;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemoryLogStore;
import io.synod.transport.InJvmNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Money transfers between shards, each shard a participant, with the commit protocol of your
 * choice: node 1 is the bank's front (the coordinator), nodes 2, 3, 4 hold accounts. It runs
 * random transfers on real threads over the in-JVM transport and prints each outcome and the
 * total, which never changes. (How each protocol fares under crashes and partitions — and which
 * one blocks — is shown in the simulator by {@code TransferUnderFaultsTest}.)
 *
 * <pre>
 * java -cp examples/target/synod-examples-*.jar io.synod.examples.transfer.TransferDemo paxos-commit 20
 * </pre>
 */
public final class TransferDemo {

    private TransferDemo() {
    }

    public static void main(String[] args) throws Exception {
        CommitProtocol protocol = CommitProtocols.named(args.length > 0 ? args[0] : "2pc");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Accounts[] shards = {null, null, new Accounts().open("alice", 100).open("bob", 100),
            new Accounts().open("carol", 100), new Accounts().open("dave", 100)};
        String[][] owners = {{"alice", "2"}, {"bob", "2"}, {"carol", "3"}, {"dave", "4"}};
        int[] nodes = {1, 2, 3, 4};
        InJvmNetwork network = new InJvmNetwork();
        List<AutoCloseable> open = new ArrayList<>();
        CommitNode front = null;
        for (int id : nodes) {
            Transport transport = network.join(id);
            open.add(transport);
            CommitNode node = CommitNode.start(protocol, id, nodes, transport, new MemoryLogStore(), new MemoryHardStateStore(),
                new MemoryHardStateStore(), id == 1 ? new Accounts() : shards[id], Clock.system(), 10_000_000);
            open.add(node);
            front = id == 1 ? node : front;
        }
        try {
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < count; i++) {
                String[] from = owners[random.nextInt(owners.length)];
                String[] to = owners[random.nextInt(owners.length)];
                if (from[1].equals(to[1])) {
                    continue; // same shard: no distributed transaction needed
                }
                long amount = 1 + random.nextInt(60);
                Outcome outcome = front.run(Map.of(Integer.parseInt(from[1]), Transfer.debit(from[0], amount).encode(),
                    Integer.parseInt(to[1]), Transfer.credit(to[0], amount).encode())).get(30, TimeUnit.SECONDS);
                System.out.printf("%s: %d from %s to %s -> %s%n", protocol.name(), amount, from[0], to[0], outcome);
            }
            // the caller hears the outcome before every shard applied it: let the last one land
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((shards[2].locked() + shards[3].locked() + shards[4].locked()) > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            System.out.println("total money: " + (shards[2].total() + shards[3].total() + shards[4].total()) + " (was 400)");
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }
}
