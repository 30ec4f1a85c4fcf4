package io.synod.transport;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.ReplicaHealth;
import io.synod.runtime.RequestFailedException;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemorySnapshotStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.synod.transport.Journal.bytes;
import static io.synod.transport.Journal.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fail-stop: an error the replica cannot prove harmless stops it for good — its thread ends,
 * nothing more is sent, every request fails with the cause — while a peer's bad message is
 * dropped, counted and survived.
 */
class FailStopTest {

    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults()
        .withTickInterval(Duration.ofMillis(1)).withRetryTicks(2).withRequestTimeout(Duration.ofSeconds(30));

    private final InJvmNetwork network = new InJvmNetwork();
    private final FaultyLog log = new FaultyLog();
    private final RecordingTransport transport = new RecordingTransport(network.join(1), log::hasFailed);
    private final Journal journal = new Journal();
    private Replica replica;

    private Replica start() {
        return start(false);
    }

    private Replica start(boolean persistInBackground) {
        replica = Replica.builder().protocol(new SoloProtocol(0)).self(1).members(1)
            .transport(transport).storage(log, new MemoryHardStateStore(), new MemorySnapshotStore())
            .stateMachine(journal).config(CONFIG.withPersistInBackground(persistInBackground)).start();
        return replica;
    }

    @AfterEach
    void close() {
        if (replica != null) {
            replica.close();
        }
    }

    private static RequestFailedException failure(CompletableFuture<byte[]> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        return assertInstanceOf(RequestFailedException.class, e.getCause());
    }

    /**
     * The fsyncgate case: one sync fails and the next would succeed. A replica that carried on
     * would treat the failed batch as durable and send what later batches report; this one stops
     * at the failure and sends nothing after it.
     */
    @ParameterizedTest(name = "persist in background: {0}")
    @ValueSource(booleans = {false, true})
    void aFailedSyncStopsTheReplicaForGoodAndNothingLeavesAfterIt(boolean persistInBackground) throws Exception {
        start(persistInBackground);
        assertEquals("1", text(replica.submit(bytes("a")).get(30, TimeUnit.SECONDS)));
        Thread replicaThread = journal.thread;
        log.failAfter(0);
        CompletableFuture<byte[]> lost = replica.submit(bytes("b"));
        CompletableFuture<byte[]> queued = replica.submit(bytes("c"));

        RequestFailedException failed = failure(lost);
        assertEquals(RequestFailedException.Cause.STOPPED, failed.failure());
        assertSame(log.failure, failed.getCause(), "the future carries the store's error");
        assertEquals(RequestFailedException.Cause.STOPPED, failure(queued).failure(), "every pending request fails");

        replicaThread.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(replicaThread.isAlive(), "the replica's thread ended");
        assertEquals(0, transport.sentAfterCondition(), "nothing was sent once a sync had failed");

        ReplicaHealth health = replica.health();
        assertEquals(ReplicaHealth.State.STOPPED, health.state());
        assertSame(log.failure, health.failure());
        assertEquals("stopped", replica.status().role());
        assertEquals(CoreStatus.NO_LEADER, replica.status().leader(), "a stopped replica leads nobody");

        CompletableFuture<byte[]> late = replica.submit(bytes("d"));
        assertTrue(late.isDone(), "a stopped replica refuses at once");
        assertEquals(RequestFailedException.Cause.STOPPED, failure(late).failure());
        assertEquals(RequestFailedException.Cause.STOPPED, failure(replica.read(new byte[0])).failure());
        assertEquals(List.of("a"), journal.copy());
    }

    @Test
    void aStateMachineThatFailsStopsTheReplicaAndFailsThePendingRequests() throws Exception {
        start();
        CompletableFuture<byte[]> boom = replica.submit(bytes("boom"));
        RequestFailedException failed = failure(boom);
        assertEquals(RequestFailedException.Cause.STOPPED, failed.failure());
        Throwable cause = replica.health().failure();
        assertInstanceOf(IllegalStateException.class, cause);
        assertTrue(cause.getMessage().contains("the state machine failed on command"), cause.getMessage());
        assertEquals(ReplicaHealth.State.STOPPED, replica.health().state());
        assertEquals(RequestFailedException.Cause.STOPPED, failure(replica.submit(bytes("after"))).failure());
    }

    @Test
    void aRejectedCommandFailsAloneAndTheReplicaCarriesOn() throws Exception {
        start();
        assertEquals("1", text(replica.submit(bytes("a")).get(30, TimeUnit.SECONDS)));
        RequestFailedException rejected = failure(replica.submit(bytes("reject me")));
        assertEquals(RequestFailedException.Cause.REJECTED, rejected.failure());
        assertTrue(rejected.getMessage().contains("journal refuses 'reject me'"), rejected.getMessage());
        assertEquals("2", text(replica.submit(bytes("b")).get(30, TimeUnit.SECONDS)));
        assertEquals(List.of("a", "b"), journal.copy(), "the rejected command changed nothing");
        assertTrue(replica.health().isRunning());
    }

    /**
     * Another protocol's message (the core refuses it), and two the core would take — a forged
     * entry — but addressed to another node or sent from outside the cluster (the runtime refuses
     * them): each dropped and counted, none fatal, none with an effect.
     */
    @Test
    void badMessagesFromPeersAreDroppedAndCountedNeverFatal() throws Exception {
        record Foreign(int n) implements Message {
        }
        start();
        SoloProtocol.Durable forged = new SoloProtocol.Durable(new LogEntry(1, 1, CommandBatch.encode(new Command(5, 1, bytes("forged")))));
        transport.inject(new Envelope(1, 1, new Foreign(1)));
        transport.inject(new Envelope(1, 7, forged));
        transport.inject(new Envelope(9, 1, forged));
        String answer = text(replica.submit(bytes("after")).get(30, TimeUnit.SECONDS));
        assertEquals("1", answer, () -> "journal " + journal.copy() + ", health " + replica.health());
        assertEquals(3, replica.health().invalidMessages());
        assertTrue(replica.health().isRunning());
        assertEquals(List.of("after"), journal.copy(), "no dropped message had an effect");
    }
}
