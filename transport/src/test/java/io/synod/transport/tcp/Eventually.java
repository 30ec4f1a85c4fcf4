package io.synod.transport.tcp;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits for a condition by polling it, with a bound generous enough for a loaded two-core machine:
 * the bound only ends a test that would otherwise hang; nothing asserts how fast it came true.
 */
public final class Eventually {

    public static final Duration BOUND = Duration.ofSeconds(60);

    private Eventually() {
    }

    public static void until(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + BOUND + ": " + what.get());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
