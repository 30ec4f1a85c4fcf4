package io.synod.transport;

import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemorySnapshotStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.synod.transport.Journal.bytes;
import static io.synod.transport.Journal.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code persistInBackground}, a batch's fsync runs off the replica thread: while a disk holds it, the replica still ticks (a
 * leader's heartbeats and a follower's count of silence go on), and nothing that depends on the
 * batch (its command's answer) happens until the fsync is done.
 */
class StalledFsyncTest {

    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults()
        .withTickInterval(Duration.ofMillis(1)).withRetryTicks(1_000).withRequestTimeout(Duration.ofSeconds(60))
        .withPersistInBackground(true);

    private final InJvmNetwork network = new InJvmNetwork();
    private final FaultyLog log = new FaultyLog();
    private final Journal journal = new Journal();
    private final AtomicLong leaderTicks = new AtomicLong();
    private Replica replica;

    @AfterEach
    void close() {
        log.release();
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void theReplicaTicksWhileItsFsyncIsHeldAndAnswersOnlyOnceItIsDone() throws Exception {
        replica = Replica.builder().protocol(new SoloProtocol(0)).self(1).members(1).transport(network.join(1))
            .storage(log, new MemoryHardStateStore(), new MemorySnapshotStore()).stateMachine(journal)
            .onLeaderTick(proposer -> leaderTicks.incrementAndGet()).config(CONFIG).start();
        assertEquals("1", text(replica.submit(bytes("a")).get(30, TimeUnit.SECONDS)));

        log.holdSyncs();
        CompletableFuture<byte[]> held = replica.submit(bytes("b"));
        assertTrue(log.awaitHeldSync(30), "the second command's fsync began");
        long before = leaderTicks.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (leaderTicks.get() < before + 50 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(leaderTicks.get() >= before + 50, "the replica thread ticked on while the fsync was held: "
            + (leaderTicks.get() - before) + " ticks");
        assertFalse(held.isDone(), "a command is answered only once its batch is durable");

        log.release();
        assertEquals("2", text(held.get(30, TimeUnit.SECONDS)));
    }
}
