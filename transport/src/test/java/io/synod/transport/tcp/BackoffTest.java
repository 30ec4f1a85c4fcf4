package io.synod.transport.tcp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    private static final long MS = 1_000_000;

    @Test
    void eachFailureDoublesTheCeilingUpToTheCapAndTheDelayLiesInItsUpperHalf() {
        Backoff b = new Backoff(50 * MS, 2_000 * MS, 7);
        long[] ceilings = {50, 100, 200, 400, 800, 1600, 2000, 2000, 2000};
        for (long ceiling : ceilings) {
            long delay = b.nextDelayNanos();
            assertTrue(delay >= ceiling * MS / 2 && delay <= ceiling * MS,
                () -> delay / MS + " ms outside [" + ceiling / 2 + ", " + ceiling + "] ms");
        }
    }

    @Test
    void theCeilingNeverOverflowsHoweverManyFailures() {
        Backoff b = new Backoff(50 * MS, 2_000 * MS, 7);
        assertEquals(2_000 * MS, b.ceilingNanos(63));
        assertEquals(2_000 * MS, b.ceilingNanos(Integer.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, new Backoff(Long.MAX_VALUE / 2, Long.MAX_VALUE, 1).ceilingNanos(5));
    }

    @Test
    void aPeerThatStaysAwayIsRedialedAtTheCapForeverAndTheDelayNeverTurnsNegative() {
        // 50 ms is 26 bits: doubled 38 times, it reaches the sign bit.
        Backoff b = new Backoff(50 * MS, 2_000 * MS, 7);
        for (int failures = 0; failures < 10_000; failures++) {
            long delay = b.nextDelayNanos();
            if (failures >= 6) {
                assertTrue(delay >= 1_000 * MS && delay <= 2_000 * MS, "delay " + delay + " after " + failures + " failures");
            }
        }
        for (int failures = 6; failures < 64; failures++) {
            assertEquals(2_000 * MS, b.ceilingNanos(failures), "ceiling after " + failures + " failures");
        }
    }

    @Test
    void aResetStartsOverAtTheInitialDelay() {
        Backoff b = new Backoff(50 * MS, 2_000 * MS, 7);
        for (int i = 0; i < 10; i++) {
            b.nextDelayNanos();
        }
        b.reset();
        assertTrue(b.nextDelayNanos() <= 50 * MS);
    }

    @Test
    void theSameSeedGivesTheSameDelaysAndOthersDiffer() {
        assertEquals(delays(42), delays(42));
        assertNotEquals(delays(42), delays(43), "two nodes with their own seeds do not redial in step");
    }

    @Test
    void badBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 9, 1));
    }

    private static List<Long> delays(long seed) {
        Backoff b = new Backoff(50 * MS, 2_000 * MS, seed);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            out.add(b.nextDelayNanos());
        }
        return out;
    }
}
