package io.synod.examples.recovery;

import io.synod.api.Recovered;
import io.synod.examples.kv.KeyValueStore;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import io.synod.transport.InJvmNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged snapshots in a three-node Multi-Paxos cluster on file storage with fsync. Node 1's newest
 * snapshot is damaged: it falls back to its previous one and replays its own log. Then all of node
 * 1's snapshots are damaged: it still starts, holding nothing it can replay, says so
 * ({@link Recovered#suspectFrom()}), and the cluster still answers every acknowledged write.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ThreeNodeSnapshotRecoveryTest {

    private static final int[] MEMBERS = {1, 2, 3};
    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults()
        .withTickInterval(Duration.ofMillis(5)).withRequestTimeout(Duration.ofSeconds(30)).withSnapshotEvery(10)
        // No log kept below a snapshot beyond what storage keeps for its older snapshots: with all of
        // them damaged, nothing is left to replay from.
        .withLogRetention(0);
    private static final int WRITES = 60;

    @TempDir
    Path data;

    private final InJvmNetwork network = new InJvmNetwork();
    private final Replica[] replicas = new Replica[MEMBERS.length + 1];
    private final RecoveryWitness witness = new RecoveryWitness(MultiPaxos.builder().build());

    private void start(int id) {
        replicas[id] = Replica.builder().protocol(id == 1 ? witness : MultiPaxos.builder().build()).self(id).members(MEMBERS)
            .transport(network.join(id))
            .storage(FileStorage.open(data.resolve("node-" + id), StorageOptions.defaults()))
            .stateMachine(new KeyValueStore()).config(CONFIG).start();
    }

    private void stop(int id) {
        replicas[id].close();
        replicas[id] = null;
    }

    @AfterEach
    void closeAll() {
        for (Replica r : replicas) {
            if (r != null) {
                r.close();
            }
        }
    }

    private List<Path> snapshotsOf(int id) throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("node-" + id).resolve("snapshots"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".snap")).sorted().toList();
        }
    }

    private static void damage(Path snapshot) throws IOException {
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length - 1] ^= 0x5A;
        Files.write(snapshot, bytes);
    }

    private static long indexOf(Path snapshot) {
        return Long.parseLong(snapshot.getFileName().toString().substring(0, 20));
    }

    /** One write at a time, round robin: each its own log entry, so that snapshots come often. */
    private void write(String phase, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            replicas[MEMBERS[i % MEMBERS.length]].submit(KeyValueStore.put(phase + i, "v" + i)).get(60, TimeUnit.SECONDS);
        }
    }

    private void assertEveryWriteAt(int id, String phase, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String read = KeyValueStore.text(replicas[id].read(KeyValueStore.get(phase + i)).get(60, TimeUnit.SECONDS));
            assertEquals("v" + i, read, "node " + id + " lost acknowledged write " + phase + i);
        }
    }

    @Test
    void aNodeWithDamagedSnapshotsRestartsAndNoAcknowledgedWriteIsLost() throws Exception {
        for (int id : MEMBERS) {
            start(id);
        }
        write("a", WRITES);
        stop(1);
        List<Path> kept = snapshotsOf(1);
        assertTrue(kept.size() >= 2, "node 1 kept " + kept.size() + " snapshots");
        damage(kept.get(kept.size() - 1));
        start(1);
        Recovered fallback = witness.recovered();
        assertEquals(indexOf(kept.get(kept.size() - 2)), fallback.snapshot().index(), "node 1 fell back to its previous snapshot");
        assertEquals(0, fallback.suspectFrom());
        assertTrue(fallback.lastIndex() >= indexOf(kept.get(kept.size() - 1)), "and replays its own log past the damaged one");
        write("b", WRITES);
        assertEveryWriteAt(1, "a", WRITES);

        stop(1);
        for (Path snapshot : snapshotsOf(1)) {
            damage(snapshot);
        }
        start(1);
        Recovered nothing = witness.recovered();
        assertNotNull(nothing);
        assertEquals(1, nothing.suspectFrom(), "no good snapshot left: node 1 holds nothing it can replay and says so");
        write("c", WRITES);
        for (int id : MEMBERS) {
            assertEveryWriteAt(id, "a", WRITES);
            assertEveryWriteAt(id, "b", WRITES);
            assertEveryWriteAt(id, "c", WRITES);
        }
    }
}
