package io.synod.transport;

import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.TickBoundIdleStrategy;
import io.synod.storage.MemoryStorage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static io.synod.transport.tcp.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default idle strategy parks the replica thread until its next tick, not for a fixed
 * millisecond: only the tick, a ring (a request here) or the close's wake ends the park. Two tests
 * here tick once an hour, so a park that nothing ends lasts an hour.
 */
class TickBoundParkTest {

    private final AtomicReference<TickBoundIdleStrategy> idle = new AtomicReference<>();

    private Replica start(SoloProtocol protocol, Duration tick) {
        ReplicaConfig config = ReplicaConfig.defaults().withRequestTimeout(Duration.ofHours(2)).withTickInterval(tick)
            .withIdleStrategy(() -> {
                TickBoundIdleStrategy s = new TickBoundIdleStrategy(0, 0);
                idle.set(s);
                return s;
            });
        return Replica.builder().protocol(protocol).self(1).members(1).transport(new InJvmNetwork().join(1))
            .storage(new MemoryStorage()).stateMachine(new Journal()).config(config).start();
    }

    @Test
    void theReplicaStillTicksOnTime() {
        SoloProtocol protocol = new SoloProtocol(0);
        protocol.recording = true;
        try (Replica replica = start(protocol, Duration.ofMillis(20))) {
            until(() -> protocol.inputs.stream().filter("tick"::equals).count() >= 5,
                () -> "five ticks of 20 ms, each due at the end of a park");
        }
    }

    @Test
    void aRequestEndsAParkThatWouldLastUntilTheNextTick() throws Exception {
        try (Replica replica = start(new SoloProtocol(0), Duration.ofHours(1))) {
            until(() -> parked(), () -> "the replica thread parks until its next tick, an hour away");
            byte[] answer = replica.submit("one".getBytes(StandardCharsets.UTF_8)).get(60, TimeUnit.SECONDS);
            assertTrue(answer.length > 0, "the command was applied");
        }
    }

    @Test
    void closeEndsTheParkAtOnce() {
        Replica replica = start(new SoloProtocol(0), Duration.ofHours(1));
        until(() -> parked(), () -> "the replica thread parks until its next tick, an hour away");
        long start = System.nanoTime();
        replica.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // Without the wake, the runner's close waits 5 s for the thread before it interrupts it.
        assertTrue(millis < 4_000, "close took " + millis + " ms");
    }

    /** True when a thread is parked on this test's strategy. */
    private boolean parked() {
        TickBoundIdleStrategy s = idle.get();
        return s != null && Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> LockSupport.getBlocker(t) == s && t.getState() == Thread.State.TIMED_WAITING);
    }
}
