package org.example.counter;

import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.storage.MemoryStorage;
import io.synod.transport.InJvmNetwork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CounterReplicationTest {

    @Test
    void threeReplicasAgreeOnTheCount() throws Exception {
        InJvmNetwork network = new InJvmNetwork();
        int[] members = {1, 2, 3};
        List<Replica> replicas = new ArrayList<>();
        for (int id : members) {
            replicas.add(Replica.builder()
                .protocol(MultiPaxos.builder().build())
                .self(id).members(members)
                .transport(network.join(id))
                .storage(new MemoryStorage())
                .stateMachine(new Counter())
                .start());
        }
        try {
            List<CompletableFuture<byte[]>> adds = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                adds.add(replicas.get(i % 3).submit(Counter.add(i)));
            }
            for (CompletableFuture<byte[]> add : adds) {
                add.get(30, TimeUnit.SECONDS);
            }
            for (Replica replica : replicas) {
                assertEquals(465, Counter.read(replica.read(new byte[0]).get(30, TimeUnit.SECONDS)),
                    "replica " + replica.self() + " reads the sum of 1..30");
            }
        } finally {
            replicas.forEach(Replica::close);
        }
    }
}
