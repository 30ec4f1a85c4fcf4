package io.synod.examples.recovery;

import io.synod.api.LogEntry;
import io.synod.api.Recovered;
import io.synod.examples.kv.KeyValueStore;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.FileLogStore;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import io.synod.transport.InJvmNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A damaged last log record that may have been acknowledged, through the real runtime: the log
 * cannot prove the record was never synced, so it drops it and the core is told, at every start
 * until the loss is covered, that its log is suspect from that index ({@link Recovered#suspectFrom()}).
 * What the core then does with it (re-learn before voting) belongs to the protocol.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SuspectLogRecoveryTest {

    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults()
        .withTickInterval(Duration.ofMillis(5)).withRequestTimeout(Duration.ofSeconds(30));

    @TempDir
    Path data;

    private Replica start(RecoveryWitness protocol) {
        return Replica.builder().protocol(protocol).self(1).members(1)
            .transport(new InJvmNetwork().join(1))
            .storage(FileStorage.open(data, StorageOptions.defaults()))
            .stateMachine(new KeyValueStore()).config(CONFIG).start();
    }

    @Test
    void aDamagedLastRecordReachesTheCoreAsSuspectAtEveryStartUntilCovered() throws Exception {
        RecoveryWitness protocol = new RecoveryWitness(MultiPaxos.builder().build());
        try (Replica replica = start(protocol)) {
            for (int i = 0; i < 20; i++) {
                replica.submit(KeyValueStore.put("k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        long last;
        byte[] lastData;
        try (FileLogStore log = FileLogStore.open(data.resolve("log"), StorageOptions.defaults())) {
            last = log.lastIndex();
            lastData = log.entry(last).data();
        }
        flipInLastSegment(lastData);

        try (Replica replica = start(protocol)) {
            Recovered recovered = protocol.recovered();
            assertEquals(last, recovered.suspectFrom(), "the damaged last record may have been acknowledged");
            assertTrue(recovered.log().stream().mapToLong(LogEntry::index).allMatch(i -> i < last), "the damaged record is not handed over");
        }
        try (Replica replica = start(protocol)) {
            assertEquals(last, protocol.recovered().suspectFrom(), "a restart does not forget it");
        }
    }

    /** Flips one byte inside the last copy of {@code data} in the newest segment: the record's checksum fails. */
    private void flipInLastSegment(byte[] recordData) throws Exception {
        Path segment;
        try (Stream<Path> files = Files.list(data.resolve("log"))) {
            List<Path> segments = files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
            segment = segments.get(segments.size() - 1);
        }
        byte[] bytes = Files.readAllBytes(segment);
        int at = lastIndexOf(bytes, recordData);
        assertTrue(at > 0 && recordData.length > 0, "the last record's data is in " + segment);
        bytes[at + recordData.length / 2] ^= 0x5A;
        Files.write(segment, bytes);
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
