package io.synod.runtime.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * What a full acknowledgement does to a session's result ring: a client that keeps many commands
 * in flight and then acknowledges them all gets the same ring back, emptied (not one rebuilt from
 * two slots by doubling for every wave); a session whose next commands need far fewer slots gives
 * the big ring back.
 */
class ResultRingReuseTest {

    private static final int WINDOW = 4096;
    private static final byte[] RESULT = {1};

    @Test
    void aWaveAcknowledgedInFullKeepsItsRingEmptied() {
        SessionState s = new SessionState(1, 30_000, false, 7, 0);
        record(s, 1, 1000);
        ResultWindow ring = s.results;
        assertEquals(1024, ring.capacity());

        s.raiseFloor(1000); // the next wave's first command acknowledges all of this one

        assertSame(ring, s.results, "the ring of a busy session is kept");
        assertEquals(0, ring.liveSequences(s.floor, s.highest).length);
        for (int slot = 0; slot < ring.capacity(); slot++) {
            assertNull(ring.result(slot), "an acknowledged result is released");
        }
        record(s, 1001, 2000);
        assertSame(ring, s.results, "the next wave fits the kept ring");
        assertEquals(1024, ring.capacity());
    }

    @Test
    void aSessionThatSlowedDownGivesTheBigRingBack() {
        SessionState s = new SessionState(1, 30_000, false, 7, 0);
        record(s, 1, 1000);
        s.raiseFloor(1000);
        record(s, 1001, 1001); // one command at a time from now on
        s.raiseFloor(1001);

        assertNull(s.results, "a ring over four times the span it held is dropped");
        record(s, 1002, 1002);
        assertNotNull(s.results);
        assertEquals(2, s.results.capacity());
        assertFalse(s.results.holds(1001, s.floor, s.highest));
    }

    /** Records sequences {@code from..to} as SessionTable.recordOutcome does. */
    private static void record(SessionState s, long from, long to) {
        for (long sequence = from; sequence <= to; sequence++) {
            s.highest = sequence;
            s.raiseFloor(s.floor(WINDOW));
            if (s.results == null) {
                s.results = new ResultWindow();
            }
            s.results.record(sequence, s.floor, WINDOW, sequence * 31, false, RESULT, sequence, 0);
        }
    }
}
