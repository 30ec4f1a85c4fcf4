package io.synod.transport;

import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.RequestFailedException;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemoryLogStore;
import io.synod.storage.MemorySnapshotStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.synod.transport.Journal.bytes;
import static io.synod.transport.Journal.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handle's commands run in a session of their own, opened through the log: a handle started
 * again on the same storage opens a new session, so its commands are never taken for the old
 * handle's (nor answered with their results), and a session nobody opened is refused outright.
 */
class OwnSessionTest {

    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults()
        .withTickInterval(Duration.ofMillis(1)).withRetryTicks(2).withRequestTimeout(Duration.ofSeconds(30));

    private final InJvmNetwork network = new InJvmNetwork();
    private final MemoryLogStore log = new MemoryLogStore();
    private final MemoryHardStateStore hardState = new MemoryHardStateStore();
    private final MemorySnapshotStore snapshots = new MemorySnapshotStore();

    private Replica start(Journal journal) {
        return Replica.builder().protocol(new SoloProtocol(0)).self(1).members(1)
            .transport(network.join(1)).storage(log, hardState, snapshots).stateMachine(journal).config(CONFIG).start();
    }

    @Test
    void aRestartedHandleOpensANewSessionAndItsCommandsAreAppliedAndAnsweredWithTheirOwnResults() throws Exception {
        long firstSession;
        try (Replica first = start(new Journal())) {
            assertEquals(0, first.clientId(), "no session before the first command");
            assertEquals("1", text(first.submit(bytes("x")).get(30, TimeUnit.SECONDS)));
            firstSession = first.clientId();
            assertTrue(firstSession > 0);
        }
        Journal journal = new Journal();
        try (Replica again = start(journal)) {
            assertEquals("2", text(again.submit(bytes("y")).get(30, TimeUnit.SECONDS)), "y is applied, not answered as x");
            assertEquals("3", text(again.submit(bytes("x")).get(30, TimeUnit.SECONDS)),
                "the same bytes as the old first command are a new command too");
            assertEquals(List.of("x", "y", "x"), journal.copy());
            assertNotEquals(firstSession, again.clientId());
        }
    }

    @Test
    void aCommandOfASessionNobodyOpenedIsRefusedAndNotApplied() throws Exception {
        Journal journal = new Journal();
        try (Replica replica = start(journal)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                () -> replica.submit(424242, 1, bytes("z")).get(30, TimeUnit.SECONDS));
            assertEquals(RequestFailedException.Cause.SESSION_EXPIRED, ((RequestFailedException) e.getCause()).failure());
            assertEquals("1", text(replica.submit(bytes("a")).get(30, TimeUnit.SECONDS)));
            assertEquals(List.of("a"), journal.copy());
        }
    }

    @Test
    void theRuntimesReservedIdsAreNoSession() {
        try (Replica replica = start(new Journal())) {
            assertThrows(IllegalArgumentException.class, () -> replica.submit(Long.MIN_VALUE, 1, bytes("z")));
            assertThrows(IllegalArgumentException.class, () -> replica.submit(0, 1, bytes("z")));
        }
    }
}
