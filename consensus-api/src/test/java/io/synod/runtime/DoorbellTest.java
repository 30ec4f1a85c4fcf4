package io.synod.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

class DoorbellTest {

    /** The consumer parks with no timeout: only the producer's ring can let it go (the timeout guards against a hang). */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ringingWakesAConsumerThatWentIdle() throws InterruptedException {
        Doorbell doorbell = new Doorbell();
        AtomicBoolean published = new AtomicBoolean();
        AtomicBoolean seen = new AtomicBoolean();
        CountDownLatch idle = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            doorbell.idle();
            idle.countDown();
            while (!published.get()) {
                LockSupport.park(this);
            }
            seen.set(true);
        });
        consumer.start();
        idle.await();
        published.set(true);
        doorbell.ring();
        consumer.join();
        assertTrue(seen.get(), "the consumer saw the published item");
    }

    /** The consumer spins (never parks) until the ring is done, so the ring's permit is still waiting for its park. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRingBeforeTheParkMakesTheParkReturn() throws InterruptedException {
        Doorbell doorbell = new Doorbell();
        CountDownLatch idle = new CountDownLatch(1);
        AtomicBoolean rung = new AtomicBoolean();
        AtomicBoolean returned = new AtomicBoolean();
        Thread consumer = new Thread(() -> {
            doorbell.idle();
            idle.countDown();
            while (!rung.get()) {
                Thread.onSpinWait();
            }
            LockSupport.park(this);
            returned.set(true);
        });
        consumer.start();
        idle.await();
        doorbell.ring();
        rung.set(true);
        consumer.join();
        assertTrue(returned.get());
    }
}
