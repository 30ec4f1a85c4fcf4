package io.synod.storage;

import io.synod.api.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSnapshotStoreTest {

    @TempDir
    Path dir;

    private static Snapshot snapshot(long index) {
        return new Snapshot(index, index / 10, ("state at " + index).getBytes());
    }

    @Test
    void theNewestSnapshotIsReturnedAfterReopen() {
        FileSnapshotStore store = FileSnapshotStore.open(dir, StorageOptions.defaults());
        assertEquals(Optional.empty(), store.latest());
        store.save(snapshot(10));
        store.save(snapshot(30));
        store.save(snapshot(20));
        assertEquals(Optional.of(snapshot(30)), FileSnapshotStore.open(dir, StorageOptions.defaults()).latest());
    }

    @Test
    void retentionKeepsTheNewestAndReportsTheOldestKept() {
        List<Long> oldest = new ArrayList<>();
        FileSnapshotStore store = FileSnapshotStore.open(dir, StorageOptions.builder().snapshotRetention(2).build(), oldest::add);
        store.save(snapshot(10));
        store.save(snapshot(20));
        store.save(snapshot(30));
        assertEquals(List.of(10L, 10L, 20L), oldest);
        assertEquals(2, store.files().size());
        assertFalse(Files.exists(dir.resolve(SnapshotFile.fileName(10))));
    }

    @Test
    void aCorruptNewestSnapshotFallsBackToThePreviousGoodOne() throws IOException {
        FileSnapshotStore store = FileSnapshotStore.open(dir, StorageOptions.defaults());
        store.save(snapshot(10));
        store.save(snapshot(20));
        store.save(snapshot(30));
        LogCorruptionTest.flip(dir.resolve(SnapshotFile.fileName(30)), SnapshotFile.DATA_OFFSET + 2);
        assertEquals(Optional.of(snapshot(20)), store.latest());
        Files.write(dir.resolve(SnapshotFile.fileName(20)), new byte[5]);
        assertEquals(Optional.of(snapshot(10)), store.latest());
        LogCorruptionTest.flip(dir.resolve(SnapshotFile.fileName(10)), SnapshotFile.TERM_OFFSET);
        assertEquals(Optional.empty(), store.latest());
    }

    @Test
    void aSnapshotRenamedToAnotherIndexIsRefused() throws IOException {
        FileSnapshotStore store = FileSnapshotStore.open(dir, StorageOptions.defaults());
        store.save(snapshot(10));
        Files.move(dir.resolve(SnapshotFile.fileName(10)), dir.resolve(SnapshotFile.fileName(99)));
        assertEquals(Optional.empty(), store.latest());
    }

    @Test
    void anInterruptedSaveLeavesNoTraceAfterReopen() throws IOException {
        FileSnapshotStore store = FileSnapshotStore.open(dir, StorageOptions.defaults());
        store.save(snapshot(10));
        Path temp = dir.resolve(SnapshotFile.fileName(20) + AtomicFile.TEMP_SUFFIX);
        Files.write(temp, new byte[3]);
        FileSnapshotStore reopened = FileSnapshotStore.open(dir, StorageOptions.defaults());
        assertFalse(Files.exists(temp));
        assertEquals(Optional.of(snapshot(10)), reopened.latest());
        assertTrue(reopened.files().size() == 1);
    }
}
