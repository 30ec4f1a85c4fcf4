package io.synod.storage;

import io.synod.api.LogEntry;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator's purge (retention applied on demand) and a write-ahead log kept in a directory of its own. */
class FileStoragePurgeTest {

    @TempDir
    Path dir;

    private static StorageOptions keeping(int snapshots) {
        return StorageOptions.builder().segmentSize(1024).snapshotRetention(snapshots).build();
    }

    private static List<LogEntry> entries(long from, long through) {
        List<LogEntry> list = new ArrayList<>();
        for (long i = from; i <= through; i++) {
            list.add(new LogEntry(i, 1, ("e" + i).getBytes()));
        }
        return list;
    }

    @Test
    void purgeKeepsTheNewestSnapshotsAndDropsOnlySegmentsBelowTheOldestKept() {
        try (FileStorage storage = FileStorage.open(dir, keeping(10))) {
            storage.log().append(entries(1, 600));
            storage.log().sync();
            for (long index = 100; index <= 500; index += 100) {
                Snapshots.save(storage.snapshots(), index, 1, new byte[] {(byte) index});
            }
            assertTrue(storage.log().firstIndex() <= 101, "every snapshot is kept, so is the log from the oldest one on");
            assertEquals(5, storage.snapshots().list().size());
        }
        try (FileStorage storage = FileStorage.open(dir, keeping(3))) {
            assertEquals(2, storage.purge());
            assertEquals(List.of(300L, 400L, 500L),
                storage.snapshots().list().stream().map(SnapshotMeta::index).sorted().toList());
            long first = storage.log().firstIndex();
            assertTrue(first > 200 && first <= 301, "segments wholly at or below 300 go, first index is " + first);
            assertEquals(0, storage.purge(), "a second purge finds nothing more to delete");
        }
        try (FileStorage storage = FileStorage.open(dir, keeping(3))) {
            Recovered recovered = storage.recover();
            assertEquals(new SnapshotMeta(500, 1), recovered.snapshot());
            assertEquals(entries(501, 600), recovered.log());
        }
    }

    @Test
    void purgeOfADirectoryWithoutSnapshotsDeletesNothing() {
        try (FileStorage storage = FileStorage.open(dir, keeping(3))) {
            storage.log().append(entries(1, 300));
            storage.log().sync();
            assertEquals(0, storage.purge());
            assertEquals(1, storage.log().firstIndex());
        }
    }

    @Test
    void aSeparateLogDirectoryHoldsTheLogWhileStateAndSnapshotsStayInTheDataDirectory() {
        Path data = dir.resolve("data");
        Path logs = dir.resolve("datalog");
        try (FileStorage storage = FileStorage.open(data, logs, keeping(3))) {
            storage.hardState().save(new byte[] {7});
            storage.log().append(entries(1, 40));
            storage.log().sync();
            Snapshots.save(storage.snapshots(), 10, 1, new byte[] {10});
        }
        assertTrue(Files.isDirectory(logs.resolve("log")));
        assertFalse(Files.exists(data.resolve("log")), "the log is not in the data directory");
        assertTrue(Files.isDirectory(data.resolve("snapshots")));
        try (FileStorage storage = FileStorage.open(data, logs, keeping(3))) {
            Recovered recovered = storage.recover();
            assertArrayEquals(new byte[] {7}, recovered.hardState());
            assertEquals(new SnapshotMeta(10, 1), recovered.snapshot());
            assertEquals(entries(11, 40), recovered.log());
        }
    }

    @Test
    void aDataDirectoryRefusesALogDirectoryOtherThanTheOneItsLogIsIn() {
        Path data = dir.resolve("data");
        try (FileStorage storage = FileStorage.open(data, dir.resolve("datalog"), keeping(3))) {
            storage.log().append(entries(1, 5));
            storage.log().sync();
        }
        IllegalStateException moved = assertThrows(IllegalStateException.class,
            () -> FileStorage.open(data, dir.resolve("elsewhere"), keeping(3)));
        assertTrue(moved.getMessage().contains(dir.resolve("datalog").toString()), moved.getMessage());
        assertThrows(IllegalStateException.class, () -> FileStorage.open(data, keeping(3)), "nor the data directory itself");

        Path plain = dir.resolve("plain");
        FileStorage.open(plain, keeping(3)).close();
        IllegalStateException split = assertThrows(IllegalStateException.class,
            () -> FileStorage.open(plain, dir.resolve("newlog"), keeping(3)));
        assertTrue(split.getMessage().contains(plain.resolve("log").toString()), split.getMessage());
        try (FileStorage storage = FileStorage.open(data, dir.resolve("datalog"), keeping(3))) {
            assertEquals(entries(1, 5), storage.recover().log());
        }
    }

    @Test
    void aLogDirectoryIsLockedToo() {
        Path logs = dir.resolve("datalog");
        try (FileStorage first = FileStorage.open(dir.resolve("a"), logs, keeping(3))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FileStorage.open(dir.resolve("b"), logs, keeping(3)));
            assertTrue(e.getMessage().contains(logs.toString()), e.getMessage());
        }
        // Both locks were released: a fresh open of the first pair succeeds.
        FileStorage.open(dir.resolve("a"), logs, keeping(3)).close();
    }
}
