package io.synod.examples.coordination.server;

import io.synod.api.LogEntry;
import io.synod.spi.SnapshotSink;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The autopurge timer purges a running store. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PurgeTaskTest {

    @TempDir
    Path dir;

    private static void fill(Path dir) throws IOException {
        try (FileStorage storage = FileStorage.open(dir, StorageOptions.builder().snapshotRetention(10).build())) {
            storage.log().append(List.of(new LogEntry(1, 1, new byte[] {1}), new LogEntry(2, 1, new byte[] {2}),
                new LogEntry(3, 1, new byte[] {3}), new LogEntry(4, 1, new byte[] {4}), new LogEntry(5, 1, new byte[] {5})));
            storage.log().sync();
            for (long i = 1; i <= 5; i++) {
                try (SnapshotSink sink = storage.snapshots().begin(i, 1)) {
                    sink.write(new byte[] {(byte) i});
                    sink.commit();
                }
            }
        }
    }

    @Test
    void theTimerAppliesTheRetentionOfARunningStore() throws Exception {
        fill(dir);
        try (FileStorage storage = FileStorage.open(dir, StorageOptions.builder().snapshotRetention(3).build());
             PurgeTask task = PurgeTask.every(Duration.ofMillis(20), List.of(storage))) {
            assertEquals(5, storage.snapshots().list().size(), "opening purges nothing by itself");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (storage.snapshots().list().size() > 3) {
                assertTrue(System.nanoTime() < deadline, "no purge within 60 s");
                Thread.sleep(10);
            }
            assertEquals(3, storage.snapshots().list().size());
        }
    }
}
