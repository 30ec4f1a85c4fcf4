package io.synod.transport;

import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.ReplicaHealth;
import io.synod.runtime.RequestFailedException;
import io.synod.spi.MessageCodec;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.synod.transport.Journal.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever state a replica is in — running, stopped on an error, refused at start — closing it
 * (or the refusal) gives back its data directory and its place on the network, and no caller
 * ever blocks on a replica that no longer runs.
 */
class LifecycleTest {

    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults()
        .withTickInterval(Duration.ofMillis(1)).withRetryTicks(2).withRequestTimeout(Duration.ofSeconds(60));

    @TempDir
    Path dir;

    private final InJvmNetwork network = new InJvmNetwork();

    private Replica.Builder builder(Protocol protocol, ReplicaConfig config) {
        return Replica.builder().protocol(protocol).self(1).members(1)
            .transport(network.join(1))
            .storage(FileStorage.open(dir, StorageOptions.defaults()))
            .stateMachine(new Journal()).config(config);
    }

    /** The directory can be opened and the node can join again: nothing is held any more. */
    private void assertReleased() {
        network.join(1).close();
        FileStorage.open(dir, StorageOptions.defaults()).close();
    }

    private static RequestFailedException failure(CompletableFuture<byte[]> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(60, TimeUnit.SECONDS));
        return assertInstanceOf(RequestFailedException.class, e.getCause());
    }

    @Test
    void closingAStoppedReplicaReleasesItsDirectoryAndItsPlaceOnTheNetwork() {
        Replica replica = builder(new SoloProtocol(0), CONFIG).start();
        failure(replica.submit(bytes("boom")));
        assertEquals(ReplicaHealth.State.STOPPED, replica.health().state());
        replica.close();
        assertEquals(ReplicaHealth.State.CLOSED, replica.health().state());
        assertReleased();
    }

    @Test
    void closingARunningReplicaReleasesEverythingAndIsIdempotent() throws Exception {
        Replica replica = builder(new SoloProtocol(0), CONFIG).start();
        replica.submit(bytes("a")).get(60, TimeUnit.SECONDS);
        replica.close();
        replica.close();
        assertReleased();
    }

    @Test
    void aRefusedStartReleasesWhatItWasGiven() {
        Protocol refusing = new Protocol() {
            @Override
            public String name() {
                return "refusing";
            }

            @Override
            public ProtocolCore create(ProtocolContext context) {
                throw new IllegalArgumentException("this protocol refuses node " + context.self());
            }

            @Override
            public MessageCodec codec() {
                throw new UnsupportedOperationException();
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder(refusing, CONFIG).start());
        assertEquals("this protocol refuses node 1", e.getMessage());
        assertReleased();

        assertThrows(IllegalArgumentException.class, () -> builder(new SoloProtocol(0), CONFIG).observers(1).start());
        assertReleased();
    }

    /**
     * A window of one command: the first never completes (nobody orders it), so a second submit
     * waits for room. Closing the replica must let it go, with a failed future.
     */
    @Test
    void aSubmitWaitingForRoomIsLetGoWhenTheReplicaCloses() throws Exception {
        Replica replica = builder(new SoloProtocol(-1), CONFIG.withSessionWindow(1)).start();
        CompletableFuture<byte[]> first = replica.submit(bytes("stuck"));
        CompletableFuture<CompletableFuture<byte[]>> second = new CompletableFuture<>();
        Thread submitter = new Thread(() -> second.complete(replica.submit(bytes("waiting"))), "submitter");
        submitter.start();
        awaitWaiting(submitter);
        replica.close();
        CompletableFuture<byte[]> waited = second.get(60, TimeUnit.SECONDS);
        assertEquals(RequestFailedException.Cause.CLOSED, failure(waited).failure());
        assertEquals(RequestFailedException.Cause.CLOSED, failure(first).failure());
    }

    /** Requests that failed with the replica must not keep their room in the window. */
    @Test
    void aSubmitOnAReplicaThatStoppedWithAFullWindowReturnsAtOnce() throws Exception {
        Replica replica = builder(new SoloProtocol(0), CONFIG.withSessionWindow(1)).start();
        failure(replica.submit(bytes("boom")));
        CompletableFuture<CompletableFuture<byte[]>> next = CompletableFuture.supplyAsync(() -> replica.submit(bytes("next")));
        assertEquals(RequestFailedException.Cause.STOPPED, failure(next.get(60, TimeUnit.SECONDS)).failure());
        replica.close();
    }

    /** A future's callback runs on the replica's thread; closing from there must not wait for that thread. */
    @Test
    void closingFromTheReplicasOwnThreadReleasesEverything() throws Exception {
        Replica replica = builder(new SoloProtocol(0), CONFIG).start();
        replica.submit(bytes("a")).thenRun(replica::close).get(60, TimeUnit.SECONDS);
        awaitReleased();
    }

    private void awaitReleased() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                assertReleased();
                return;
            } catch (IllegalStateException stillHeld) {
                if (System.nanoTime() > deadline) {
                    throw stillHeld;
                }
                Thread.sleep(10);
            }
        }
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (thread.getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, "the submitter never waited for room: " + thread.getState());
            Thread.sleep(1);
        }
    }
}
