package io.synod.storage;

import io.synod.api.SnapshotMeta;
import io.synod.spi.IdentityMismatchException;
import io.synod.spi.NodeIdentity;
import io.synod.spi.Storage;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Snapshots.save(store, 5, 1, new byte[] {5});
        Snapshots.save(store, 3, 1, new byte[] {3});
        assertEquals(Optional.of(new SnapshotMeta(5, 1)), store.latest(), "a later commit of an older snapshot changes nothing");
        assertArrayEquals(new byte[] {5}, Snapshots.read(store, store.latest().orElseThrow()));
        Snapshots.save(store, 8, 2, new byte[] {8});
        assertEquals(8, store.latest().orElseThrow().index());
        assertArrayEquals(new byte[] {8}, Snapshots.read(store, new SnapshotMeta(8, 2)));
    }

    @Test
    void memoryStorageRemembersWhoClaimedItAndRefusesAnotherNodeOrCluster() {
        MemoryStorage storage = new MemoryStorage();
        storage.claim(new NodeIdentity("prod", 1));
        storage.claim(new NodeIdentity("prod", 1));
        IdentityMismatchException node = assertThrows(IdentityMismatchException.class, () -> storage.claim(new NodeIdentity("prod", 2)));
        assertTrue(node.getMessage().contains("node 1 of cluster \"prod\"") && node.getMessage().contains("node 2 of cluster \"prod\""), node.getMessage());
        assertThrows(IdentityMismatchException.class, () -> storage.claim(new NodeIdentity("staging", 1)));
        new MemoryStorage().claim(new NodeIdentity("prod", 2)); // another storage is another node's
    }

    @Test
    void threeSeparateStoresAreClaimedThroughTheirLogWhateverWrapsThem() {
        MemoryLogStore log = new MemoryLogStore();
        Storage.of(log, new MemoryHardStateStore(), new MemorySnapshotStore()).claim(new NodeIdentity("prod", 1));
        Storage again = Storage.of(log, new MemoryHardStateStore(), new MemorySnapshotStore());
        assertThrows(IdentityMismatchException.class, () -> again.claim(new NodeIdentity("prod", 3)));
    }

    @Test
    void anIdentityIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new NodeIdentity("", 1));
        assertThrows(IllegalArgumentException.class, () -> new NodeIdentity("a\nb", 1));
        assertThrows(IllegalArgumentException.class, () -> new NodeIdentity("x".repeat(256), 1));
        assertThrows(IllegalArgumentException.class, () -> new NodeIdentity("prod", -1));
    }
}
