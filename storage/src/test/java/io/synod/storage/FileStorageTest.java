package io.synod.storage;

import io.synod.api.LogEntry;
import io.synod.api.Recovered;
import io.synod.api.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileStorageTest {

    private static final StorageOptions OPTIONS = StorageOptions.builder().segmentSize(1024).snapshotRetention(2).build();

    @TempDir
    Path dir;

    private static List<LogEntry> entries(long from, long through) {
        List<LogEntry> list = new ArrayList<>();
        for (long i = from; i <= through; i++) {
            list.add(new LogEntry(i, 1, ("e" + i).getBytes()));
        }
        return list;
    }

    @Test
    void aFreshDirectoryRecoversAsANodeThatNeverRan() {
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            Recovered recovered = storage.recover();
            assertArrayEquals(new byte[0], recovered.hardState());
            assertNull(recovered.snapshot());
            assertEquals(List.of(), recovered.log());
        }
    }

    @Test
    void recoveryReturnsHardStateNewestSnapshotAndTheEntriesAfterIt() {
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            storage.hardState().save(new byte[] {4, 2});
            storage.log().append(entries(1, 30));
            storage.log().sync();
            storage.snapshots().save(new Snapshot(20, 1, new byte[] {20}));
        }
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            Recovered recovered = storage.recover();
            assertArrayEquals(new byte[] {4, 2}, recovered.hardState());
            assertEquals(new Snapshot(20, 1, new byte[] {20}), recovered.snapshot());
            assertEquals(entries(21, 30), recovered.log());
        }
    }

    @Test
    void savingASnapshotPurgesSegmentsOnlyBelowTheOldestKeptSnapshot() throws IOException {
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            storage.log().append(entries(1, 300));
            storage.log().sync();
            storage.snapshots().save(new Snapshot(100, 1, new byte[0]));
            long afterFirst = storage.log().firstIndex();
            assertTrue(afterFirst > 1 && afterFirst <= 101, "segments wholly at or below 100 go, first index is " + afterFirst);
            assertEquals(entries(101, 300), storage.log().entries(101, 301));
            storage.snapshots().save(new Snapshot(250, 1, new byte[0]));
            storage.snapshots().save(new Snapshot(280, 1, new byte[0]));
            long first = storage.log().firstIndex();
            assertTrue(first > 100 && first <= 251, "oldest kept is 250, first index is " + first);
            // The older kept snapshot can still be replayed: corrupt the newest and recover.
            LogCorruptionTest.flip(dir.resolve("snapshots").resolve(SnapshotFile.fileName(280)), SnapshotFile.DATA_OFFSET - 1);
            Recovered recovered = storage.recover();
            assertEquals(250, recovered.snapshot().index());
            assertEquals(entries(251, 300), recovered.log());
        }
    }

    @Test
    void aDirectoryIsOpenedByOneStoreAtATime() {
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> FileStorage.open(dir, OPTIONS));
            assertTrue(e.getMessage().contains(dir.toString()));
        }
        FileStorage.open(dir, OPTIONS).close();
    }

    @Test
    void aLogThatStartsAboveTheSnapshotIsRefusedRatherThanLoadedWithAHole() {
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            storage.log().append(entries(1, 10));
            storage.log().compactPrefix(5);
            IllegalStateException e = assertThrows(IllegalStateException.class, storage::recover);
            assertTrue(e.getMessage().contains("1..5"), e.getMessage());
        }
    }
}
