package io.synod.examples.recovery;

import io.synod.api.Recovered;
import io.synod.examples.kv.KeyValueStore;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import io.synod.transport.InJvmNetwork;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A damaged newest snapshot, through the real runtime: a Multi-Paxos replica on file storage with
 * fsync takes a snapshot every few entries (and, as it always does, asks the log to drop what each
 * snapshot covers), stops, finds its newest snapshot damaged when it starts again, falls back to
 * the previous one and replays the log from there. Every acknowledged write is still there.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SnapshotFallbackRecoveryTest {

    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults()
        .withTickInterval(Duration.ofMillis(5)).withRequestTimeout(Duration.ofSeconds(30)).withSnapshotEvery(10);
    private static final int WRITES = 80;

    @TempDir
    Path data;

    private Replica start(InJvmNetwork network, RecoveryWitness protocol) {
        return Replica.builder().protocol(protocol).self(1).members(1)
            .transport(network.join(1))
            .storage(FileStorage.open(data, StorageOptions.defaults()))
            .stateMachine(new KeyValueStore()).config(CONFIG).start();
    }

    private List<Path> snapshots() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("snapshots"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".snap")).sorted().toList();
        }
    }

    private static long indexOf(Path snapshot) {
        return Long.parseLong(snapshot.getFileName().toString().substring(0, 20));
    }

    @Test
    void aDamagedNewestSnapshotFallsBackToThePreviousOneAndEveryAcknowledgedWriteSurvives() throws Exception {
        RecoveryWitness protocol = new RecoveryWitness(MultiPaxos.builder().build());
        InJvmNetwork network = new InJvmNetwork();
        try (Replica replica = start(network, protocol)) {
            for (int i = 0; i < WRITES; i++) {
                replica.submit(KeyValueStore.put("k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        List<Path> kept = snapshots();
        assertTrue(kept.size() >= 2, "the replica kept " + kept.size() + " snapshots");
        Path newest = kept.get(kept.size() - 1);
        long previous = indexOf(kept.get(kept.size() - 2));
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 1] ^= 0x5A; // in the data: the checksum fails
        Files.write(newest, bytes);

        network = new InJvmNetwork();
        try (Replica replica = start(network, protocol)) {
            Recovered recovered = protocol.recovered();
            assertEquals(previous, recovered.snapshot().index(), "the previous snapshot is used");
            assertEquals(0, recovered.suspectFrom(), "nothing was lost");
            assertTrue(recovered.lastIndex() >= indexOf(newest), "the log still reaches past the damaged snapshot: " + recovered.lastIndex());
            for (int i = 0; i < WRITES; i++) {
                String value = KeyValueStore.text(replica.read(KeyValueStore.get("k" + i)).get(30, TimeUnit.SECONDS));
                assertEquals("v" + i, value, "acknowledged write k" + i + " after the fallback");
            }
        }
    }
}
