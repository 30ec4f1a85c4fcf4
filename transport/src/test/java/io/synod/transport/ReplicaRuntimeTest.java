package io.synod.transport;

import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.RequestFailedException;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemoryLogStore;
import io.synod.storage.MemorySnapshotStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.synod.transport.Journal.bytes;
import static io.synod.transport.Journal.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime's duty cycle, driven with a test-only one-node protocol over the in-JVM network. */
class ReplicaRuntimeTest {

    private static final ReplicaConfig FAST = ReplicaConfig.defaults()
        .withTickInterval(Duration.ofMillis(1)).withRetryTicks(2).withRequestTimeout(Duration.ofSeconds(20));

    private final InJvmNetwork network = new InJvmNetwork();
    private final MemoryLogStore log = new MemoryLogStore();
    private final MemoryHardStateStore hardState = new MemoryHardStateStore();
    private final MemorySnapshotStore snapshots = new MemorySnapshotStore();

    private Replica start(SoloProtocol protocol, Journal journal, ReplicaConfig config) {
        return Replica.builder().protocol(protocol).self(1).members(1)
            .transport(network.join(1)).storage(log, hardState, snapshots)
            .stateMachine(journal).config(config).start();
    }

    @Test
    void everySubmittedCommandIsAppliedOnceAndAnsweredWithItsOwnResult() throws Exception {
        Journal journal = new Journal();
        try (Replica replica = start(new SoloProtocol(0), journal, FAST)) {
            List<CompletableFuture<byte[]>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(replica.submit(bytes("c" + i)));
            }
            Set<String> answers = new HashSet<>();
            for (CompletableFuture<byte[]> f : futures) {
                answers.add(text(f.get(20, TimeUnit.SECONDS)));
            }
            assertEquals(200, answers.size(), "each command got its own position");
            assertEquals(200, journal.copy().size(), "retried commands were applied once");
            assertTrue(log.lastIndex() >= 200, "every command was persisted, retries perhaps more than once");
        }
    }

    @Test
    void aRefusedCommandIsProposedAgainUntilItIsApplied() throws Exception {
        Journal journal = new Journal();
        SoloProtocol protocol = new SoloProtocol(3);
        try (Replica replica = start(protocol, journal, FAST)) {
            assertEquals("1", text(replica.submit(bytes("x")).get(20, TimeUnit.SECONDS)));
            assertEquals(0, protocol.refusals.get(), "the refusals were used up by retries");
            assertEquals(List.of("x"), journal.copy());
        }
    }

    @Test
    void aLinearizableReadSeesEveryCompletedCommand() throws Exception {
        Journal journal = new Journal();
        try (Replica replica = start(new SoloProtocol(0), journal, FAST)) {
            replica.submit(bytes("a")).get(20, TimeUnit.SECONDS);
            replica.submit(bytes("b")).get(20, TimeUnit.SECONDS);
            assertEquals("a,b", text(replica.read(new byte[0]).get(20, TimeUnit.SECONDS)));
            assertEquals("a,b", text(replica.readLocal(new byte[0]).get(20, TimeUnit.SECONDS)));
        }
    }

    @Test
    void aRestartedReplicaRecoversFromItsSnapshotAndLog() throws Exception {
        ReplicaConfig config = FAST.withSnapshotEvery(5);
        try (Replica replica = start(new SoloProtocol(0), new Journal(), config)) {
            for (int i = 0; i < 12; i++) {
                replica.submit(bytes("c" + i)).get(20, TimeUnit.SECONDS);
            }
        }
        // Retried proposals may occupy extra entries (applied once), and a duty cycle may apply several
        // entries before it checks, so the snapshot index is only known to be at least the interval.
        // The snapshot is written in the background: the log is compacted once it is durable, keeping
        // the default retention below it, so the log still holds everything after it.
        long snapshotIndex = snapshots.latest().orElseThrow().index();
        assertTrue(snapshotIndex >= 5, "a snapshot was taken after 5 entries; the last is at " + snapshotIndex);
        assertTrue(log.firstIndex() <= snapshotIndex + 1, "the log holds everything after the snapshot");

        Journal recovered = new Journal();
        try (Replica replica = start(new SoloProtocol(0), recovered, config)) {
            String expected = String.join(",", List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11"));
            assertEquals(expected, text(replica.read(new byte[0]).get(20, TimeUnit.SECONDS)));
            assertEquals("13", text(replica.submit(bytes("c12")).get(20, TimeUnit.SECONDS)));
        }
    }

    /**
     * Few entries holding many bytes (large batches) still bring a snapshot: a restart must not replay
     * an unbounded number of commands because the entry count stayed low.
     */
    @Test
    void aSnapshotIsTakenOnceEnoughBytesWereAppliedWhateverTheEntryCount() throws Exception {
        ReplicaConfig config = FAST.withSnapshotEvery(1_000_000).withSnapshotEveryBytes(4096);
        try (Replica replica = start(new SoloProtocol(0), new Journal(), config)) {
            for (int i = 0; i < 8; i++) {
                replica.submit(new byte[1024]).get(20, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (snapshots.latest().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        long snapshotIndex = snapshots.latest().orElseThrow(
            () -> new AssertionError("no snapshot after 8 KiB applied with snapshotEveryBytes 4096")).index();
        assertTrue(snapshotIndex >= 4, "4 KiB of 1 KiB commands came first; the snapshot is at " + snapshotIndex);
    }

    /**
     * A state far larger than the byte bound is not rewritten for every few kilobytes of writes:
     * after a 64 KiB snapshot the next one waits for a quarter of that size of applied entries.
     */
    @Test
    void theByteBoundGrowsWithTheSnapshotsSize() throws Exception {
        ReplicaConfig config = FAST.withSnapshotEvery(1_000_000).withSnapshotEveryBytes(4096);
        io.synod.api.StateMachine large = new io.synod.api.StateMachine() {
            @Override
            public byte[] apply(io.synod.api.ApplyContext ctx, byte[] command) {
                return command;
            }

            @Override
            public io.synod.api.SnapshotWriter snapshot() {
                return io.synod.api.SnapshotWriter.of(new byte[64 * 1024]);
            }

            @Override
            public void restore(java.io.InputStream in) throws java.io.IOException {
                in.readAllBytes();
            }
        };
        long first;
        long second;
        try (Replica replica = Replica.builder().protocol(new SoloProtocol(0)).self(1).members(1)
                .transport(network.join(1)).storage(log, hardState, snapshots).stateMachine(large).config(config).start()) {
            int submitted = 0;
            while (snapshots.latest().isEmpty() && submitted < 1000) {
                replica.submit(new byte[1024]).get(20, TimeUnit.SECONDS);
                submitted++;
            }
            first = snapshots.latest().orElseThrow(() -> new AssertionError("no first snapshot")).index();
            while (snapshots.latest().orElseThrow().index() == first && submitted < 1000) {
                replica.submit(new byte[1024]).get(20, TimeUnit.SECONDS);
                submitted++;
            }
            second = snapshots.latest().orElseThrow().index();
        }
        assertTrue(second > first, "a second snapshot came");
        assertTrue(second - first >= 16, "after a 64 KiB snapshot, 16 KiB of 1 KiB commands come before the next; it came "
            + (second - first) + " entries after the first");
    }

    /** Time is a hand-moved clock here: the timeout happens when the test says, however loaded the machine. */
    @Test
    void aCommandNobodyOrdersFailsWithATimeout() {
        ManualClock clock = new ManualClock();
        ReplicaConfig config = FAST.withTickInterval(Duration.ofMillis(10)).withRequestTimeout(Duration.ofMillis(50)).withClock(clock);
        try (Replica replica = start(new SoloProtocol(-1), new Journal(), config)) {
            CompletableFuture<byte[]> never = replica.submit(bytes("never"));
            clock.advance(Duration.ofMillis(40));
            assertThrows(TimeoutException.class, () -> never.get(100, TimeUnit.MILLISECONDS), "not yet: 40 of 50 ms passed");
            clock.advance(Duration.ofMillis(20));
            ExecutionException e = assertThrows(ExecutionException.class, () -> never.get(20, TimeUnit.SECONDS));
            RequestFailedException failure = assertInstanceOf(RequestFailedException.class, e.getCause());
            assertEquals(RequestFailedException.Cause.TIMEOUT, failure.failure());
        }
    }

    @Test
    void closingFailsWhatIsPendingAndRefusesWhatComesAfter() {
        Replica replica = start(new SoloProtocol(-1), new Journal(), FAST);
        CompletableFuture<byte[]> pending = replica.submit(bytes("stuck"));
        replica.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(20, TimeUnit.SECONDS));
        assertEquals(RequestFailedException.Cause.CLOSED, ((RequestFailedException) e.getCause()).failure());
        ExecutionException after = assertThrows(ExecutionException.class, () -> replica.submit(bytes("late")).get(20, TimeUnit.SECONDS));
        assertEquals(RequestFailedException.Cause.CLOSED, ((RequestFailedException) after.getCause()).failure());
    }
}
