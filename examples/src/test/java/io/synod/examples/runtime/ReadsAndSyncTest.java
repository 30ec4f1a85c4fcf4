package io.synod.examples.runtime;

import io.synod.examples.kv.KeyValueStore;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Applied;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.RequestFailedException;
import io.synod.runtime.Session;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.synod.examples.kv.KeyValueStore.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads that promise freshness on three real replicas: {@code readLocal(minIndex, …)} never
 * answers from state older than an index the client saw, and {@code sync()} is a linearizable
 * barrier. Each test cuts a follower off, so that it misses a write the others acknowledge, and
 * asks it right after it is let back in, while it still lags.
 */
class ReadsAndSyncTest {

    private static ThreeReplicas cluster(Duration requestTimeout) {
        ReplicaConfig config = ReplicaConfig.defaults().withTickInterval(Duration.ofMillis(10)).withRequestTimeout(requestTimeout);
        ThreeReplicas cluster = new ThreeReplicas(MultiPaxos.builder().build(), id -> new KeyValueStore(), id -> config);
        cluster.start();
        return cluster;
    }

    private static int follower(int leader) {
        return leader == 3 ? 2 : 3;
    }

    @Test
    void aLocalReadAtAnIndexWaitsUntilThisReplicaAppliedIt() throws Exception {
        try (ThreeReplicas cluster = cluster(Duration.ofSeconds(60))) {
            int leader = cluster.awaitLeader();
            Replica lagging = cluster.replica(follower(leader));
            Session s = cluster.replica(leader).openSession(Duration.ofSeconds(30)).get(60, TimeUnit.SECONDS);
            cluster.network.isolate(lagging.self());
            Applied written = cluster.replica(leader).submit(s.id(), 1, KeyValueStore.put("k", "fresh")).get(60, TimeUnit.SECONDS);
            CompletableFuture<byte[]> read = lagging.readLocal(written.index(), KeyValueStore.get("k"));
            assertEquals("", text(lagging.readLocal(KeyValueStore.get("k")).get(60, TimeUnit.SECONDS)),
                "a plain local read answers from the lagging state");
            cluster.network.heal();
            assertEquals("fresh", text(read.get(60, TimeUnit.SECONDS)), "the read waited for the write's index");
            assertTrue(lagging.appliedIndex() >= written.index());
        }
    }

    @Test
    void aLocalReadAtAnIndexThisReplicaDoesNotReachFailsWithATimeout() throws Exception {
        try (ThreeReplicas cluster = cluster(Duration.ofSeconds(1))) {
            int leader = cluster.awaitLeader();
            Replica lagging = cluster.replica(follower(leader));
            ExecutionException e = assertThrows(ExecutionException.class,
                () -> lagging.readLocal(1_000_000, KeyValueStore.get("k")).get(60, TimeUnit.SECONDS));
            assertEquals(RequestFailedException.Cause.TIMEOUT, ((RequestFailedException) e.getCause()).failure());
        }
    }

    @Test
    void syncIsABarrierAfterWhichALocalReadSeesEveryAcknowledgedWrite() throws Exception {
        try (ThreeReplicas cluster = cluster(Duration.ofSeconds(60))) {
            int leader = cluster.awaitLeader();
            Replica lagging = cluster.replica(follower(leader));
            cluster.network.isolate(lagging.self());
            long before = lagging.appliedIndex();
            for (int i = 0; i < 20; i++) {
                cluster.replica(leader).submit(KeyValueStore.put("k", "v" + i)).get(60, TimeUnit.SECONDS);
            }
            long written = cluster.replica(leader).appliedIndex();
            cluster.network.heal();
            long synced = lagging.sync().get(60, TimeUnit.SECONDS);
            assertTrue(synced >= written, "synced " + synced + " covers the writes through " + written
                + " (the replica had applied " + before + ")");
            assertEquals("v19", text(lagging.readLocal(KeyValueStore.get("k")).get(60, TimeUnit.SECONDS)));
        }
    }
}
