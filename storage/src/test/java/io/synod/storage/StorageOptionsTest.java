package io.synod.storage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageOptionsTest {

    @Test
    void defaultsFollowTheDesign() {
        StorageOptions options = StorageOptions.defaults();
        assertEquals(64 << 20, options.segmentSize());
        assertEquals(SyncPolicy.ALWAYS, options.syncPolicy());
        assertEquals(3, options.snapshotRetention());
        assertTrue(options.preallocateSegments(), "the next segment is prepared in the background unless turned off");
        assertFalse(StorageOptions.builder().preallocateSegments(false).build().preallocateSegments());
        assertTrue(new StorageOptions(1024, SyncPolicy.NONE, 1).preallocateSegments());
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> StorageOptions.builder().segmentSize(10).build());
        assertTrue(small.getMessage().contains("segmentSize"));
        IllegalArgumentException retention = assertThrows(IllegalArgumentException.class, () -> StorageOptions.builder().snapshotRetention(0).build());
        assertTrue(retention.getMessage().contains("snapshotRetention"));
        assertThrows(IllegalArgumentException.class, () -> StorageOptions.builder().syncPolicy(null).build());
    }
}
