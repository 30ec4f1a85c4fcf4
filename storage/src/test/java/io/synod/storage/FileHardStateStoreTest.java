package io.synod.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FileHardStateStoreTest {

    @TempDir
    Path dir;

    @Test
    void aSavedStateIsLoadedAfterReopenAndTheLastSaveWins() {
        Path file = dir.resolve("hardstate");
        FileHardStateStore store = FileHardStateStore.open(file, SyncPolicy.ALWAYS);
        assertArrayEquals(new byte[0], store.load());
        store.save(new byte[] {1, 2});
        store.save(new byte[] {3, 4, 5});
        assertArrayEquals(new byte[] {3, 4, 5}, FileHardStateStore.open(file, SyncPolicy.ALWAYS).load());
    }

    @Test
    void callersCannotChangeTheStoredStateThroughTheirArrays() {
        FileHardStateStore store = FileHardStateStore.open(dir.resolve("hardstate"), SyncPolicy.ALWAYS);
        byte[] state = {1};
        store.save(state);
        state[0] = 9;
        store.load()[0] = 8;
        assertArrayEquals(new byte[] {1}, store.load());
    }

    @Test
    void aLeftoverTemporaryFileFromAnInterruptedSaveIsIgnored() throws IOException {
        Path file = dir.resolve("hardstate");
        FileHardStateStore.open(file, SyncPolicy.ALWAYS).save(new byte[] {7});
        Files.write(dir.resolve("hardstate" + AtomicFile.TEMP_SUFFIX), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {7}, FileHardStateStore.open(file, SyncPolicy.ALWAYS).load());
    }

    @Test
    void aCorruptFileRefusesToOpenNamingTheFile() throws IOException {
        Path file = dir.resolve("hardstate");
        FileHardStateStore.open(file, SyncPolicy.ALWAYS).save(new byte[] {1, 2, 3});
        LogCorruptionTest.flip(file, HardStateFile.DATA_OFFSET + 1);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileHardStateStore.open(file, SyncPolicy.ALWAYS));
        assertEquals(file, e.file());
        assertEquals(HardStateFile.CRC_OFFSET, e.offset());
    }
}
