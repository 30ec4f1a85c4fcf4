package io.synod.storage;

import io.synod.api.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MemoryStoresTest {

    @Test
    void memoryHardStateKeepsTheLastSaveAndCopiesArrays() {
        MemoryHardStateStore store = new MemoryHardStateStore();
        assertArrayEquals(new byte[0], store.load());
        byte[] state = {1, 2};
        store.save(state);
        state[0] = 9;
        store.load()[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, store.load());
    }

    @Test
    void memorySnapshotsKeepTheNewestByIndex() {
        MemorySnapshotStore store = new MemorySnapshotStore();
        assertEquals(Optional.empty(), store.latest());
        store.save(new Snapshot(5, 1, new byte[] {5}));
        store.save(new Snapshot(3, 1, new byte[] {3}));
        assertEquals(Optional.of(new Snapshot(5, 1, new byte[] {5})), store.latest());
        store.save(new Snapshot(8, 2, new byte[] {8}));
        assertEquals(8, store.latest().orElseThrow().index());
    }
}
