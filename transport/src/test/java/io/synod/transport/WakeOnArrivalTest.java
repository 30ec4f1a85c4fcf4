package io.synod.transport;

import io.synod.api.Envelope;
import io.synod.api.Message;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.spi.Transport;
import io.synod.storage.MemoryStorage;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static io.synod.transport.tcp.Eventually.until;


/**
 * A replica thread that parks while idle is woken by a message's arrival: the runtime registers
 * its wake with the transport. The replica here parks for an hour at a time, and its transport
 * unparks nobody by itself (it only runs the registered wake), so the message is handled only if
 * the runtime's wake reached the parked thread.
 */
class WakeOnArrivalTest {

    /** Not a message the replica's protocol takes: the replica drops it and counts it, visibly. */
    record Stray() implements Message {
    }

    /** Arrivals the test puts in; runs the registered wake after each, and does nothing else. */
    static final class WakeOnlyTransport implements Transport {
        final ManyToOneConcurrentArrayQueue<Envelope> arrived = new ManyToOneConcurrentArrayQueue<>(16);
        /** Arrives (and wakes) just after a poll found nothing, before that poll returns; once. */
        final AtomicReference<Envelope> late = new AtomicReference<>();
        private volatile Runnable wake = () -> { };

        void arrive(Envelope envelope) {
            arrived.offer(envelope);
            wake.run();
        }

        @Override
        public int self() {
            return 1;
        }

        @Override
        public void send(Envelope envelope) {
        }

        @Override
        public int poll(EnvelopeHandler handler, int limit) {
            int n = arrived.drain(handler::onEnvelope, limit);
            Envelope e;
            if (n == 0 && (e = late.getAndSet(null)) != null) {
                arrive(e);
            }
            return n;
        }

        @Override
        public void onArrival(Runnable wake) {
            this.wake = wake;
        }

        @Override
        public void close() {
        }
    }

    /** Parks for an hour whenever a cycle found nothing, until released; only an unpark cuts it short. */
    static final class HourLongPark implements IdleStrategy {
        volatile Thread parked;
        private volatile boolean released;

        @Override
        public void idle(int workCount) {
            if (workCount == 0) {
                idle();
            }
        }

        @Override
        public void idle() {
            if (!released) {
                parked = Thread.currentThread();
                LockSupport.parkNanos(this, TimeUnit.HOURS.toNanos(1));
            }
        }

        @Override
        public void reset() {
        }

        void release() {
            released = true;
            Thread t = parked;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    @Test
    void aMessageThatArrivesWhileTheReplicaThreadIsParkedWakesIt() {
        WakeOnlyTransport transport = new WakeOnlyTransport();
        HourLongPark idle = new HourLongPark();
        Replica replica = Replica.builder().protocol(new SoloProtocol(0)).self(1).members(1)
            .transport(transport).storage(new MemoryStorage()).stateMachine(new Journal())
            .config(ReplicaConfig.defaults().withIdleStrategy(() -> idle)).start();
        try {
            until(() -> idle.parked != null && LockSupport.getBlocker(idle.parked) == idle, () -> "the replica thread parks");
            // Node 2 is no member: the replica drops its message, and counts that in its health.
            transport.arrive(new Envelope(2, 1, new Stray()));
            until(() -> replica.health().invalidMessages() == 1, () -> "the parked replica thread takes the arrived message");
        } finally {
            idle.release();
            replica.close();
        }
    }

    @Test
    void aMessageThatArrivesAfterAnEmptyPollAndBeforeThePark() {
        // The first cycle's poll finds nothing, and the message arrives as it returns: before the
        // replica thread made itself wakeable, so the wake finds nobody to wake. The thread must
        // look again after it did, or it parks for an hour with the message waiting.
        WakeOnlyTransport transport = new WakeOnlyTransport();
        transport.late.set(new Envelope(2, 1, new Stray()));
        HourLongPark idle = new HourLongPark();
        Replica replica = Replica.builder().protocol(new SoloProtocol(0)).self(1).members(1)
            .transport(transport).storage(new MemoryStorage()).stateMachine(new Journal())
            .config(ReplicaConfig.defaults().withRequestTimeout(Duration.ofHours(2)).withTickInterval(Duration.ofHours(1)).withIdleStrategy(() -> idle)).start();
        try {
            until(() -> transport.late.get() == null, () -> "the message arrives");
            until(() -> replica.health().invalidMessages() == 1, () -> "the replica thread takes the message that came as it went idle");
        } finally {
            idle.release();
            replica.close();
        }
    }
}
