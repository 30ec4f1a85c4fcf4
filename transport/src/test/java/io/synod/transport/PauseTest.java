package io.synod.transport;

import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.MemoryStorage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Time reaches the core before anything else after a pause, and enough of it: a core that holds
 * a lease of N ticks is given at least N ticks (all that elapsed, up to its
 * {@code ticksAfterPause}) before it sees a request that arrived during the pause. The replica's
 * thread is held between two duty cycles, as a stall would hold it, while the test moves a
 * hand-driven clock and queues the request.
 */
class PauseTest {

    private static final Duration TICK = Duration.ofMillis(10);

    private final InJvmNetwork network = new InJvmNetwork();
    private final ManualClock clock = new ManualClock();
    private final GatedIdle idle = new GatedIdle();

    private Replica start(SoloProtocol protocol) {
        // No session rules proposed on leading: the core's only inputs are then the ticks and the read.
        ReplicaConfig config = ReplicaConfig.defaults().withTickInterval(TICK).withClock(clock)
            .withRequestTimeout(Duration.ofHours(1)).withIdleStrategy(() -> idle).withSessions(null);
        return Replica.builder().protocol(protocol).self(1).members(1).transport(network.join(1))
            .storage(new MemoryStorage()).stateMachine(new Journal()).config(config).start();
    }

    /** Pauses the replica's thread for {@code ticks} ticks of the clock and reads when it resumes. */
    private List<String> readAfterPause(SoloProtocol protocol, int ticks) throws Exception {
        try (Replica replica = start(protocol)) {
            idle.hold();
            idle.awaitHeld();
            protocol.recording = true;
            var read = replica.read(new byte[0]);
            clock.advance(TICK.multipliedBy(ticks));
            idle.release();
            read.get(30, TimeUnit.SECONDS);
            return protocol.inputsRecorded();
        }
    }

    @Test
    void afterAPauseLongerThanTheLeaseTheLeaseWorthOfTicksComesBeforeTheRequest() throws Exception {
        assertEquals(List.of("50 ticks", "read"), readAfterPause(new SoloProtocol(0, 50), 1_000));
    }

    @Test
    void afterAShorterPauseEveryElapsedTickComesBeforeTheRequest() throws Exception {
        assertEquals(List.of("30 ticks", "read"), readAfterPause(new SoloProtocol(0, 50), 30));
    }

    @Test
    void aProtocolThatRestsNothingOnTimeStillGetsAFewTicksNotTheWholePause() throws Exception {
        assertEquals(List.of("8 ticks", "read"), readAfterPause(new SoloProtocol(0, 0), 1_000));
    }
}
