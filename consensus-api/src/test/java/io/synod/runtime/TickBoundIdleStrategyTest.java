package io.synod.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The idle schedule: spins, yields, then parks each lasting until the deadline read just before it. */
class TickBoundIdleStrategyTest {

    private final List<Long> parks = new ArrayList<>();
    private final AtomicLong toDeadline = new AtomicLong();

    private TickBoundIdleStrategy strategy(int spins, int yields) {
        return new TickBoundIdleStrategy(spins, yields, parks::add);
    }

    private static void idleTimes(TickBoundIdleStrategy s, int n) {
        for (int i = 0; i < n; i++) {
            s.idle(0);
        }
    }

    @Test
    void afterItsSpinsAndYieldsItParksUntilTheNextTick() {
        TickBoundIdleStrategy s = strategy(1, 10);
        s.boundBy(toDeadline::get);
        toDeadline.set(50_000_000); // 50 ms to the next tick
        idleTimes(s, 11);
        assertEquals(List.of(), parks, "one spin and ten yields come before any park");
        s.idle(0);
        toDeadline.set(38_000_000); // the tick came closer while the thread was parked (or was rung)
        s.idle(0);
        toDeadline.set(0); // due: do not park at all
        s.idle(0);
        toDeadline.set(-5);
        s.idle(0);
        assertEquals(List.of(50_000_000L, 38_000_000L), parks);
    }

    @Test
    void unboundItParksOneMillisecondAtATime() {
        TickBoundIdleStrategy s = strategy(0, 0);
        idleTimes(s, 3);
        assertEquals(List.of(1_000_000L, 1_000_000L, 1_000_000L), parks);
    }

    @Test
    void workStartsTheScheduleAgain() {
        TickBoundIdleStrategy s = strategy(0, 2);
        s.boundBy(toDeadline::get);
        toDeadline.set(7_000_000);
        idleTimes(s, 3);
        s.idle(3); // a cycle did work
        idleTimes(s, 2);
        assertEquals(List.of(7_000_000L), parks, "two yields, a park, then two yields again");
        s.idle(0);
        assertEquals(List.of(7_000_000L, 7_000_000L), parks);
    }

    @Test
    void onceWokenItParksNoMore() {
        TickBoundIdleStrategy s = strategy(0, 0);
        s.boundBy(toDeadline::get);
        toDeadline.set(1_000_000_000);
        idleTimes(s, 2);
        s.wake();
        idleTimes(s, 5);
        s.idle(1);
        idleTimes(s, 5);
        assertEquals(List.of(1_000_000_000L, 1_000_000_000L), parks, "a closing replica's thread only yields until it stops");
    }

    @Test
    void refusesNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> new TickBoundIdleStrategy(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TickBoundIdleStrategy(0, -1));
    }
}
