package io.synod.transport;

import io.synod.spi.Clock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock a test moves by hand: time stands still until {@link #advance} moves it. */
final class ManualClock implements Clock {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
