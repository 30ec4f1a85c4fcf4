package io.synod.storage;

import io.synod.api.LogEntry;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;
import io.synod.spi.IdentityMismatchException;
import io.synod.spi.NodeIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
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
            Snapshots.save(storage.snapshots(), 20, 1, new byte[] {20});
        }
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            Recovered recovered = storage.recover();
            assertArrayEquals(new byte[] {4, 2}, recovered.hardState());
            assertEquals(new SnapshotMeta(20, 1), recovered.snapshot());
            assertArrayEquals(new byte[] {20}, Snapshots.read(storage.snapshots(), recovered.snapshot()));
            assertEquals(entries(21, 30), recovered.log());
        }
    }

    @Test
    void savingASnapshotPurgesSegmentsOnlyBelowTheOldestKeptSnapshot() {
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            storage.log().append(entries(1, 300));
            storage.log().sync();
            Snapshots.save(storage.snapshots(), 100, 1, new byte[0]);
            long afterFirst = storage.log().firstIndex();
            assertTrue(afterFirst > 1 && afterFirst <= 101, "segments wholly at or below 100 go, first index is " + afterFirst);
            assertEquals(entries(101, 300), storage.log().entries(101, 301));
            Snapshots.save(storage.snapshots(), 250, 1, new byte[0]);
            Snapshots.save(storage.snapshots(), 280, 1, new byte[0]);
            long first = storage.log().firstIndex();
            assertTrue(first > 100 && first <= 251, "oldest kept is 250, first index is " + first);
        }
    }

    /** What the runtime does after each snapshot: save it, then let the log drop everything it covers. */
    private static void snapshotAndCompact(FileStorage storage, long index) {
        Snapshots.save(storage.snapshots(), index, 1, new byte[] {(byte) index});
        storage.log().compactPrefix(index);
    }

    @Test
    void compactionNeverDropsWhatTheOldestKeptSnapshotNeeds() {
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            storage.log().append(entries(1, 300));
            storage.log().sync();
            storage.log().compactPrefix(200);
            assertEquals(1, storage.log().firstIndex(), "no snapshot yet: nothing may go");
            snapshotAndCompact(storage, 100);
            snapshotAndCompact(storage, 250);
            snapshotAndCompact(storage, 280);
            assertEquals(251, storage.log().firstIndex(), "retention keeps 250 and 280: the log keeps 251 on, though 280 was asked");
        }
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            storage.log().compactPrefix(290);
            assertEquals(251, storage.log().firstIndex(), "the limit is restored from the snapshot files on open");
        }
    }

    @Test
    void aDamagedNewestSnapshotFallsBackToTheOlderOneAndReplaysTheLogAfterCompaction() throws IOException {
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            storage.log().append(entries(1, 300));
            storage.log().sync();
            snapshotAndCompact(storage, 100);
            snapshotAndCompact(storage, 250);
            snapshotAndCompact(storage, 280);
        }
        LogCorruptionTest.flip(dir.resolve("snapshots").resolve(SnapshotFile.fileName(280)), SnapshotFile.DATA_OFFSET);
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            Recovered recovered = storage.recover();
            assertEquals(250, recovered.snapshot().index());
            assertEquals(entries(251, 300), recovered.log());
            assertEquals(0, recovered.suspectFrom(), "nothing was lost");
        }
    }

    @Test
    void whenNoGoodSnapshotCoversTheLogStartTheNodeRecoversHoldingNothingFromThereAndRemembersIt() throws IOException {
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            storage.log().append(entries(1, 300));
            storage.log().sync();
            snapshotAndCompact(storage, 100);
            snapshotAndCompact(storage, 250);
            snapshotAndCompact(storage, 280);
        }
        for (long index : new long[] {250, 280}) {
            LogCorruptionTest.flip(dir.resolve("snapshots").resolve(SnapshotFile.fileName(index)), SnapshotFile.DATA_OFFSET);
        }
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            Recovered recovered = storage.recover();
            assertNull(recovered.snapshot(), "no good snapshot is left");
            assertEquals(List.of(), recovered.log(), "entries 251..300 cannot be applied without 1..250");
            assertEquals(1, recovered.suspectFrom());
            assertEquals(1, storage.log().firstIndex(), "the log restarts empty, ready for what the node re-learns");
            assertEquals(0, storage.log().lastIndex());
        }
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            assertEquals(1, storage.recover().suspectFrom(), "a restart before re-learning still knows");
        }
    }

    @Test
    void aSuspectLogTailReachesTheRecoveredState() throws IOException {
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            storage.log().append(entries(1, 10));
            storage.log().sync();
        }
        List<Path> segments = Recovery.segmentFiles(dir.resolve("log"));
        Path last = segments.get(segments.size() - 1);
        SegmentScan scan = SegmentScan.scan(last, true);
        LogCorruptionTest.flip(last, scan.offsets()[scan.count() - 1] + RecordLayout.DATA_OFFSET);
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            Recovered recovered = storage.recover();
            assertEquals(entries(1, 9), recovered.log());
            assertEquals(10, recovered.suspectFrom());
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
    void theFirstClaimRecordsTheIdentityAndARestartOfTheSameNodeIsAccepted() {
        NodeIdentity node = new NodeIdentity("prod", 2);
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            assertNull(storage.identity());
            storage.claim(node);
            storage.claim(node);
            assertEquals(node, storage.identity());
        }
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            storage.claim(new NodeIdentity("prod", 2));
            assertEquals(node, storage.identity());
        }
    }

    @Test
    void anotherNodeOrAnotherClusterIsRefusedNamingBothAndNothingIsWritten() throws IOException {
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            storage.claim(new NodeIdentity("prod", 2));
            storage.log().append(entries(1, 3));
            storage.log().sync();
        }
        byte[] identity = Files.readAllBytes(dir.resolve(IdentityFile.FILE_NAME));
        for (NodeIdentity intruder : List.of(new NodeIdentity("prod", 1), new NodeIdentity("staging", 2))) {
            try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
                IdentityMismatchException e = assertThrows(IdentityMismatchException.class, () -> storage.claim(intruder));
                assertEquals(new NodeIdentity("prod", 2), e.recorded());
                assertEquals(intruder, e.claimed());
                assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
                assertTrue(e.getMessage().contains("node 2 of cluster \"prod\"") && e.getMessage().contains(intruder.toString()), e.getMessage());
            }
            assertArrayEquals(identity, Files.readAllBytes(dir.resolve(IdentityFile.FILE_NAME)));
        }
    }

    @Test
    void aDamagedIdentityFileIsNamedNotIgnored() throws IOException {
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            storage.claim(new NodeIdentity("prod", 2));
        }
        LogCorruptionTest.flip(dir.resolve(IdentityFile.FILE_NAME), IdentityFile.NODE_ID_OFFSET + 3);
        try (FileStorage storage = FileStorage.open(dir, OPTIONS)) {
            CorruptLogException e = assertThrows(CorruptLogException.class, () -> storage.claim(new NodeIdentity("prod", 2)));
            assertEquals(dir.resolve(IdentityFile.FILE_NAME), e.file());
        }
    }
}
