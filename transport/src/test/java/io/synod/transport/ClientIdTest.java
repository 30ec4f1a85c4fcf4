package io.synod.transport;

import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemoryLogStore;
import io.synod.storage.MemorySnapshotStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.synod.transport.Journal.bytes;
import static io.synod.transport.Journal.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A client id used again after a restart must never have a new command acknowledged with an old
 * command's result: the new command is applied and answered with its own.
 */
class ClientIdTest {

    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults()
        .withTickInterval(Duration.ofMillis(1)).withRetryTicks(2).withRequestTimeout(Duration.ofSeconds(30));

    private final InJvmNetwork network = new InJvmNetwork();
    private final MemoryLogStore log = new MemoryLogStore();
    private final MemoryHardStateStore hardState = new MemoryHardStateStore();
    private final MemorySnapshotStore snapshots = new MemorySnapshotStore();

    private Replica start(Journal journal, Long clientId) {
        Replica.Builder b = Replica.builder().protocol(new SoloProtocol(0)).self(1).members(1)
            .transport(network.join(1)).storage(log, hardState, snapshots).stateMachine(journal).config(CONFIG);
        return clientId == null ? b.start() : b.clientId(clientId).start();
    }

    @Test
    void aFixedClientIdReusedAfterARestartHasItsNewCommandsAppliedAndAnsweredWithTheirOwnResults() throws Exception {
        try (Replica first = start(new Journal(), 7L)) {
            assertEquals("1", text(first.submit(bytes("x")).get(30, TimeUnit.SECONDS)));
        }
        Journal journal = new Journal();
        try (Replica again = start(journal, 7L)) {
            assertEquals("2", text(again.submit(bytes("y")).get(30, TimeUnit.SECONDS)), "y is applied, not answered as x");
            assertEquals("3", text(again.submit(bytes("x")).get(30, TimeUnit.SECONDS)),
                "the same bytes as the old first command are a new command too");
            assertEquals(List.of("x", "y", "x"), journal.copy());
        }
    }

    @Test
    void theRuntimesOwnClientIdsDifferFromStartToStart() throws Exception {
        long firstId;
        try (Replica first = start(new Journal(), null)) {
            firstId = first.clientId();
            first.submit(bytes("x")).get(30, TimeUnit.SECONDS);
        }
        Journal journal = new Journal();
        try (Replica again = start(journal, null)) {
            assertNotEquals(firstId, again.clientId());
            assertEquals("2", text(again.submit(bytes("x")).get(30, TimeUnit.SECONDS)));
            assertEquals(1L, again.clientId() >>> 48, "the node is in the id's top bits");
        }
    }
}
