package io.synod.storage;

import io.synod.api.SnapshotMeta;
import io.synod.spi.SnapshotSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSnapshotStoreTest {

    @TempDir
    Path dir;

    private static byte[] state(long index) {
        return ("state at " + index).getBytes();
    }

    private static SnapshotMeta save(FileSnapshotStore store, long index) {
        return Snapshots.save(store, index, index / 10, state(index));
    }

    @Test
    void theNewestSnapshotIsReturnedAfterReopen() {
        FileSnapshotStore store = FileSnapshotStore.open(dir, StorageOptions.defaults());
        assertEquals(Optional.empty(), store.latest());
        save(store, 10);
        save(store, 30);
        save(store, 20);
        FileSnapshotStore reopened = FileSnapshotStore.open(dir, StorageOptions.defaults());
        assertEquals(Optional.of(new SnapshotMeta(30, 3)), reopened.latest());
        assertArrayEquals(state(30), Snapshots.read(reopened, new SnapshotMeta(30, 3)));
        assertEquals(List.of(new SnapshotMeta(10, 1), new SnapshotMeta(20, 2), new SnapshotMeta(30, 3)), reopened.list());
    }

    @Test
    void aSnapshotLargerThanAnyBufferStreamsThroughAndItsChecksumIsTheDataCrc() throws IOException {
        FileSnapshotStore store = FileSnapshotStore.open(dir, StorageOptions.defaults());
        byte[] big = new byte[3_000_001];
        new SplittableRandom(7).nextBytes(big);
        try (SnapshotSink sink = store.begin(500, 4)) {
            for (int at = 0; at < big.length; at += 4093) {
                sink.write(big, at, Math.min(4093, big.length - at));
            }
            sink.commit();
        }
        try (InputStream in = store.open(new SnapshotMeta(500, 4))) {
            assertArrayEquals(big, in.readAllBytes());
        }
        // The header's data checksum, computed here independently over the documented layout.
        byte[] file = Files.readAllBytes(dir.resolve(SnapshotFile.fileName(500)));
        CRC32C crc = new CRC32C();
        crc.update(big);
        assertEquals((int) crc.getValue(), java.nio.ByteBuffer.wrap(file).getInt(SnapshotFile.DATA_CRC_OFFSET));
        assertEquals(big.length, java.nio.ByteBuffer.wrap(file).getLong(SnapshotFile.LENGTH_OFFSET));
        assertEquals(SnapshotFile.DATA_OFFSET + big.length, file.length);
    }

    @Test
    void anAbortedOrUncommittedSinkLeavesNothing() throws IOException {
        FileSnapshotStore store = FileSnapshotStore.open(dir, StorageOptions.defaults());
        try (SnapshotSink sink = store.begin(10, 1)) {
            sink.write(new byte[100]);
            // no commit: close() aborts
        }
        SnapshotSink aborted = store.begin(20, 1);
        aborted.write(new byte[10]);
        aborted.abort();
        assertThrows(IOException.class, () -> aborted.write(1));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
        assertEquals(Optional.empty(), store.latest());
    }

    @Test
    void retentionKeepsTheNewestAndReportsTheOldestKept() {
        List<Long> oldest = new ArrayList<>();
        FileSnapshotStore store = FileSnapshotStore.open(dir, StorageOptions.builder().snapshotRetention(2).build(), oldest::add);
        save(store, 10);
        save(store, 20);
        save(store, 30);
        assertEquals(List.of(10L, 10L, 20L), oldest);
        assertEquals(2, store.files().size());
        assertFalse(Files.exists(dir.resolve(SnapshotFile.fileName(10))));
    }

    @Test
    void aCorruptNewestSnapshotFallsBackToThePreviousGoodOne() throws IOException {
        save(FileSnapshotStore.open(dir, StorageOptions.defaults()), 10);
        FileSnapshotStore writer = FileSnapshotStore.open(dir, StorageOptions.defaults());
        save(writer, 20);
        save(writer, 30);
        FileSnapshotStore store = FileSnapshotStore.open(dir, StorageOptions.defaults());
        LogCorruptionTest.flip(dir.resolve(SnapshotFile.fileName(30)), SnapshotFile.DATA_OFFSET + 2);
        assertEquals(Optional.of(new SnapshotMeta(20, 2)), store.latest());
        IOException refused = assertThrows(IOException.class, () -> store.open(new SnapshotMeta(30, 3)));
        assertTrue(refused.getMessage().contains(SnapshotFile.fileName(30)) && refused.getMessage().contains("offset " + SnapshotFile.DATA_OFFSET),
            refused.getMessage());
        Files.write(dir.resolve(SnapshotFile.fileName(20)), new byte[5]);
        assertEquals(Optional.of(new SnapshotMeta(10, 1)), store.latest());
        LogCorruptionTest.flip(dir.resolve(SnapshotFile.fileName(10)), SnapshotFile.TERM_OFFSET);
        assertEquals(Optional.empty(), store.latest());
    }

    @Test
    void aSnapshotRenamedToAnotherIndexIsRefused() throws IOException {
        FileSnapshotStore store = FileSnapshotStore.open(dir, StorageOptions.defaults());
        save(store, 10);
        Files.move(dir.resolve(SnapshotFile.fileName(10)), dir.resolve(SnapshotFile.fileName(99)));
        assertEquals(Optional.empty(), store.latest());
    }

    @Test
    void anInterruptedSaveLeavesNoTraceAfterReopen() throws IOException {
        FileSnapshotStore store = FileSnapshotStore.open(dir, StorageOptions.defaults());
        save(store, 10);
        SnapshotSink interrupted = store.begin(20, 2);
        interrupted.write(new byte[3]);
        // The process dies here: the sink is never closed.
        FileSnapshotStore reopened = FileSnapshotStore.open(dir, StorageOptions.defaults());
        assertEquals(Optional.of(new SnapshotMeta(10, 1)), reopened.latest());
        assertEquals(1, reopened.files().size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file is deleted on open");
        }
    }
}
