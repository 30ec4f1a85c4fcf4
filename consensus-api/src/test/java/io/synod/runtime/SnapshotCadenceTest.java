package io.synod.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the next snapshot is due: by entries, by bytes, and by a byte bound that grows with the snapshot. */
class SnapshotCadenceTest {

    @Test
    void entriesAloneMakeASnapshotDue() {
        SnapshotCadence cadence = new SnapshotCadence(100, Long.MAX_VALUE, 0);
        assertFalse(cadence.due(99));
        assertTrue(cadence.due(100));
        cadence.taken(100);
        assertFalse(cadence.due(150));
    }

    @Test
    void bytesMakeASnapshotDueBeforeTheEntryCount() {
        SnapshotCadence cadence = new SnapshotCadence(1_000_000, 4096, 0);
        cadence.applied(4095);
        assertFalse(cadence.due(10));
        cadence.applied(1);
        assertTrue(cadence.due(11));
        cadence.taken(11);
        assertFalse(cadence.due(11), "nothing applied since");
    }

    @Test
    void theByteBoundIsAQuarterOfTheLastSnapshotWhenThatIsMore() {
        SnapshotCadence cadence = new SnapshotCadence(1_000_000, 4096, 0);
        cadence.written(8_000);
        assertEquals(4096, cadence.byteBound(), "a small snapshot leaves the configured bound");
        cadence.written(1 << 20);
        assertEquals(256 * 1024, cadence.byteBound());
        cadence.taken(5);
        cadence.applied(200_000);
        assertFalse(cadence.due(50));
        cadence.applied(62_144);
        assertTrue(cadence.due(51));
    }

    @Test
    void anInstalledSnapshotRestartsTheCount() {
        SnapshotCadence cadence = new SnapshotCadence(100, 4096, 0);
        cadence.applied(5000);
        cadence.taken(500);
        assertFalse(cadence.due(550));
        assertFalse(cadence.due(500), "no entry above the installed snapshot");
    }
}
