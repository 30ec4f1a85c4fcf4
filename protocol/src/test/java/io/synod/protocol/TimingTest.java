package io.synod.protocol;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backoff, randomised timeouts and periods count ticks as their documents say. */
class TimingTest {

    @Test
    void backoffRangeDoublesUpToItsCap() {
        Backoff backoff = new Backoff(4, 20);
        SplittableRandom random = new SplittableRandom(1);
        int[] widest = new int[6];
        for (int draw = 0; draw < 5_000; draw++) {
            for (int failures = 1; failures <= 5; failures++) {
                int d = backoff.delay(failures, random);
                assertTrue(d >= 1, "a wait is at least one tick, was " + d);
                widest[failures] = Math.max(widest[failures], d);
            }
        }
        assertEquals(4, widest[1]);
        assertEquals(8, widest[2]);
        assertEquals(16, widest[3]);
        assertEquals(20, widest[4]);
        assertEquals(20, widest[5]);
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(5, 4));
    }

    @Test
    void aRandomisedTimeoutRunsOutBetweenBaseAndTwiceBaseAndStaysOut() {
        SplittableRandom random = new SplittableRandom(7);
        RandomizedTimeout timeout = new RandomizedTimeout(10, random);
        boolean sawShort = false;
        boolean sawLong = false;
        for (int round = 0; round < 500; round++) {
            timeout.restart();
            int drawn = timeout.timeoutTicks();
            assertTrue(drawn >= 10 && drawn <= 20, "drawn " + drawn);
            sawShort |= drawn == 10;
            sawLong |= drawn == 20;
            for (int t = 1; t < drawn; t++) {
                assertFalse(timeout.tick(), "ran out after " + t + " of " + drawn + " ticks");
            }
            assertTrue(timeout.tick());
            assertTrue(timeout.tick(), "stays run out until restarted");
            assertEquals(drawn, timeout.elapsedTicks());
        }
        assertTrue(sawShort && sawLong, "both ends of the range are drawn");
    }

    @Test
    void theSameSeedDrawsTheSameTimeouts() {
        RandomizedTimeout a = new RandomizedTimeout(10, new SplittableRandom(3));
        RandomizedTimeout b = new RandomizedTimeout(10, new SplittableRandom(3));
        for (int i = 0; i < 20; i++) {
            assertEquals(a.timeoutTicks(), b.timeoutTicks());
            a.restart();
            b.restart();
        }
    }

    @Test
    void aPeriodIsDueEveryNthTickAndResets() {
        Periodic every3 = new Periodic(3);
        StringBuilder due = new StringBuilder();
        for (int t = 1; t <= 7; t++) {
            due.append(every3.tick() ? 'x' : '.');
        }
        assertEquals("..x..x.", due.toString());
        every3.reset();
        assertFalse(every3.tick());
        assertFalse(every3.tick());
        assertTrue(every3.tick());
        assertThrows(IllegalArgumentException.class, () -> new Periodic(0));
    }
}
