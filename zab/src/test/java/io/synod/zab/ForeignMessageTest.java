package io.synod.zab;

import io.synod.api.Envelope;
import io.synod.api.InvalidMessageException;
import io.synod.api.Message;
import io.synod.zab.message.ZabMessage.SyncRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A message the core cannot take is refused with {@link InvalidMessageException} (dropped by the driver, never fatal). */
class ForeignMessageTest {

    private record Foreign() implements Message {
    }

    @Test
    void foreignMisaddressedAndStrangersAreRefused() {
        Harness h = Harness.of(3);
        h.startAll();
        ZabCore core = h.core(1);
        assertEquals("node 1 was handed a message for node 2",
            assertThrows(InvalidMessageException.class, () -> core.step(new Envelope(3, 2, new SyncRequest(1)))).getMessage());
        assertThrows(InvalidMessageException.class, () -> core.step(new Envelope(3, 1, new Foreign())));
        assertThrows(InvalidMessageException.class, () -> core.step(new Envelope(9, 1, new SyncRequest(1))));
    }

    @Test
    void badSettingsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Zab.builder().syncLimit(1).build());
        assertEquals("syncLimit must be >= 2, was 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Zab.builder().initLimit(3).syncLimit(5).build());
        assertEquals("initLimit must be >= syncLimit (5), was 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Zab.builder().maxBatch(0).build());
        assertEquals("maxBatch must be >= 1, was 0", e.getMessage());
    }

    @Test
    void aCorruptHardStateStopsTheReplicaNamingTheOffset() {
        Harness h = Harness.of(3);
        h.disk(1).hardState = new byte[] {1, 2, 3, 4, 0, 0, 0, 1};
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.start(1));
        assertEquals("ZAB hard state: bad magic 0x1020304 at offset 0", e.getMessage());
    }
}
