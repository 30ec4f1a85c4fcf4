package io.synod.examples.coordination.ensemble;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check of sync+read histories, on histories written by hand. */
class SyncReadCheckTest {

    @Test
    void aReadOlderThanAWriteAcknowledgedBeforeItsSyncIsStale() {
        SyncReadCheck h = new SyncReadCheck();
        h.write(1, 10);
        h.write(2, 20);
        h.read("late", 21, 1);
        List<String> stale = h.staleReads();
        assertEquals(1, stale.size());
        assertTrue(stale.get(0).startsWith("late read 1"), stale.get(0));
    }

    @Test
    void aSyncBegunBeforeTheAcknowledgementMayMissTheWrite() {
        SyncReadCheck h = new SyncReadCheck();
        h.write(1, 10);
        h.write(2, 20);
        h.read("concurrent", 19, 1);
        h.read("fresh", 21, 2);
        h.read("newer", 21, 3);   // a write not yet acknowledged may be seen
        assertEquals(List.of(), h.staleReads());
    }
}
