package io.synod.examples.kv;

import io.synod.api.Protocol;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.RequestFailedException;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import io.synod.transport.InJvmNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real runtime end to end: three Multi-Paxos replicas in one JVM with file storage (fsync on)
 * over the in-JVM network. While clients write at every replica, the leader is <em>closed</em> — a
 * graceful stop: its thread ends and its log is closed after the last completed fsync; a process
 * kill, which may also lose the page cache's unsynced tail, is for the multi-process test of the
 * TCP transport. The survivors elect a new leader, the old one comes back from its data directory,
 * and no acknowledged write is lost anywhere.
 *
 * <p>What must hold for the writes in flight when the leader goes: every one submitted at a
 * survivor is acknowledged (the survivors retry it until the new leader orders it); one submitted
 * at the closed replica either was acknowledged before it closed or fails with
 * {@link RequestFailedException.Cause#CLOSED}, and may then have been applied or not.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class FailoverEndToEndTest {

    private static final int[] MEMBERS = {1, 2, 3};
    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults()
        .withRequestTimeout(Duration.ofSeconds(60)).withSnapshotEvery(40);

    @TempDir
    Path data;

    private final InJvmNetwork network = new InJvmNetwork();
    private final Protocol protocol = MultiPaxos.builder().build();
    private final Replica[] replicas = new Replica[MEMBERS.length + 1];

    private Replica start(int id) {
        replicas[id] = Replica.builder().protocol(protocol).self(id).members(MEMBERS)
            .transport(network.join(id))
            .storage(FileStorage.open(data.resolve("node-" + id), StorageOptions.defaults()))
            .stateMachine(new KeyValueStore()).config(CONFIG).start();
        return replicas[id];
    }

    @AfterEach
    void closeAll() {
        for (Replica r : replicas) {
            if (r != null) {
                r.close();
            }
        }
    }

    @Test
    void noAcknowledgedWriteIsLostWhenTheLeaderIsClosedAndReturns() throws Exception {
        for (int id : MEMBERS) {
            start(id);
        }
        Map<String, String> acknowledged = new LinkedHashMap<>();
        write(acknowledged, "before", 60, replicas[1], replicas[2], replicas[3]);

        int leader = awaitLeader(MEMBERS);
        // Writes are in flight at every replica, the leader included, when the leader dies.
        Map<String, CompletableFuture<byte[]>> atLeader = submit("during-leader", 20, replicas[leader]);
        int[] survivors = java.util.Arrays.stream(MEMBERS).filter(m -> m != leader).toArray();
        Map<String, CompletableFuture<byte[]>> atSurvivors = submit("during-survivors", 40, replicas[survivors[0]], replicas[survivors[1]]);
        replicas[leader].close();
        replicas[leader] = null;
        for (Map.Entry<String, CompletableFuture<byte[]>> e : atSurvivors.entrySet()) {
            e.getValue().get(60, TimeUnit.SECONDS);
            acknowledged.put(e.getKey(), value(e.getKey()));
        }
        int closedUnderfoot = 0;
        for (Map.Entry<String, CompletableFuture<byte[]>> e : atLeader.entrySet()) {
            try {
                e.getValue().get(60, TimeUnit.SECONDS);
                acknowledged.put(e.getKey(), value(e.getKey()));
            } catch (ExecutionException failed) {
                RequestFailedException cause = assertInstanceOf(RequestFailedException.class, failed.getCause());
                assertEquals(RequestFailedException.Cause.CLOSED, cause.failure(), "only closing may fail a write at the leader");
                closedUnderfoot++;
            }
        }
        assertTrue(acknowledged.size() >= 60 + 40, "every write at a survivor was acknowledged; " + closedUnderfoot
            + " of 20 at the closed leader failed with it");
        write(acknowledged, "survivors", 60, replicas[survivors[0]], replicas[survivors[1]]);
        int newLeader = awaitLeader(survivors);
        assertNotEquals(leader, newLeader, "a survivor leads now");

        Replica returned = start(leader);
        write(acknowledged, "after", 30, replicas[1], replicas[2], replicas[3]);

        for (int id : MEMBERS) {
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                String read = KeyValueStore.text(replicas[id].read(KeyValueStore.get(e.getKey())).get(60, TimeUnit.SECONDS));
                assertEquals(e.getValue(), read, "a linearizable read at replica " + id + " lost acknowledged write " + e.getKey());
            }
        }
        long chosen = replicas[awaitLeader(MEMBERS)].appliedIndex();
        for (int id : MEMBERS) {
            awaitApplied(replicas[id], chosen);
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                String read = KeyValueStore.text(replicas[id].readLocal(KeyValueStore.get(e.getKey())).get(60, TimeUnit.SECONDS));
                assertEquals(e.getValue(), read, "replica " + id + " lost acknowledged write " + e.getKey());
            }
        }
        assertTrue(returned.appliedIndex() >= chosen, "the returned replica caught up");
    }

    /** Writes {@code count} keys, round robin over {@code at}; every one must be acknowledged. */
    private static void write(Map<String, String> acknowledged, String phase, int count, Replica... at) throws Exception {
        for (Map.Entry<String, CompletableFuture<byte[]>> e : submit(phase, count, at).entrySet()) {
            e.getValue().get(60, TimeUnit.SECONDS);
            acknowledged.put(e.getKey(), value(e.getKey()));
        }
    }

    /** The value written under {@code key} ("phase-i" holds "vi"). */
    private static String value(String key) {
        return "v" + key.substring(key.lastIndexOf('-') + 1);
    }

    private static Map<String, CompletableFuture<byte[]>> submit(String phase, int count, Replica... at) {
        Map<String, CompletableFuture<byte[]>> futures = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = phase + "-" + i;
            futures.put(key, at[i % at.length].submit(KeyValueStore.put(key, value(key))));
        }
        return futures;
    }

    private static void awaitApplied(Replica replica, long index) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (replica.appliedIndex() < index) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("replica " + replica.self() + " applied only " + replica.appliedIndex() + " of " + index);
            }
            Thread.sleep(5);
        }
    }

    private int awaitLeader(int[] among) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (int id : among) {
                if (replicas[id] != null && replicas[id].status().isLeader()) {
                    return id;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no leader among " + java.util.Arrays.toString(among) + " within 60 s");
    }
}
