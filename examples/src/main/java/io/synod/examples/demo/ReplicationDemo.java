package io.synod.examples.demo;

import io.synod.api.Protocol;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.MemoryStorage;
import io.synod.transport.InJvmNetwork;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Three Multi-Paxos replicas in one JVM: clients submit commands at every replica, and each
 * replica prints what it applied. The lists come out equal: that is state-machine replication.
 */
public final class ReplicationDemo {

    private static final int[] MEMBERS = {1, 2, 3};
    private static final String[] COMMANDS = {
        "deposit alice 100", "deposit bob 50", "transfer alice bob 30", "withdraw bob 20",
        "deposit carol 70", "transfer carol alice 10", "withdraw alice 5", "transfer bob carol 15"
    };

    private ReplicationDemo() {
    }

    public static void main(String[] args) throws Exception {
        InJvmNetwork network = new InJvmNetwork();
        Protocol protocol = MultiPaxos.builder().build();
        List<Replica> replicas = new ArrayList<>();
        List<AppliedJournal> journals = new ArrayList<>();
        for (int id : MEMBERS) {
            AppliedJournal journal = new AppliedJournal();
            journals.add(journal);
            replicas.add(Replica.builder()
                .protocol(protocol).self(id).members(MEMBERS)
                .transport(network.join(id))
                .storage(new MemoryStorage())
                .stateMachine(journal)
                .config(ReplicaConfig.defaults())
                .start());
        }
        try {
            System.out.printf("Synod demo: %d replicas of %s in one JVM%n", MEMBERS.length, protocol.name());
            List<CompletableFuture<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < COMMANDS.length; i++) {
                Replica at = replicas.get(i % replicas.size());
                results.add(at.submit(COMMANDS[i].getBytes(StandardCharsets.UTF_8)));
                System.out.printf("  submitted at replica %d: %s%n", at.self(), COMMANDS[i]);
            }
            for (CompletableFuture<byte[]> r : results) {
                r.get(30, TimeUnit.SECONDS);
            }
            long chosen = replicas.stream().mapToLong(Replica::appliedIndex).max().orElse(0);
            awaitApplied(replicas, chosen);
            boolean same = true;
            for (int i = 0; i < replicas.size(); i++) {
                Replica r = replicas.get(i);
                List<String> applied = journals.get(i).applied();
                System.out.printf("replica %d (%s) applied %d commands:%n", r.self(), r.status().role(), applied.size());
                applied.forEach(c -> System.out.println("    " + c));
                same &= applied.equals(journals.get(0).applied());
            }
            System.out.println(same ? "All replicas applied the same commands in the same order."
                : "Replicas DIFFER: this is a bug, please report it.");
            if (!same) {
                System.exit(1);
            }
        } finally {
            replicas.forEach(Replica::close);
        }
    }

    /** Followers learn of the last commits a heartbeat later than the leader; wait for them. */
    private static void awaitApplied(List<Replica> replicas, long index) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (replicas.stream().anyMatch(r -> r.appliedIndex() < index) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
