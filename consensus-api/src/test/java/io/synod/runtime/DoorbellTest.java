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

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRingBeforeTheParkMakesTheParkReturn() throws InterruptedException {
        Doorbell doorbell = new Doorbell();
        CountDownLatch idle = new CountDownLatch(1);
        CountDownLatch rung = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        Thread consumer = new Thread(() -> {
            doorbell.idle();
            idle.countDown();
            try {
                rung.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            LockSupport.park(this); // the ring's permit is waiting: returns at once
            returned.set(true);
        });
        consumer.start();
        idle.await();
        doorbell.ring();
        rung.countDown();
        consumer.join();
        assertTrue(returned.get());
    }
}
