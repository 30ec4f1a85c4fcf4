package io.synod.transport;

import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.spi.HardStateStore;
import io.synod.spi.Storage;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemorySnapshotStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime's side of two SPI promises: {@code ProtocolContext.log()} shows a core exactly what
 * its earlier Readys persisted, and a Ready's hard state is stored before its log changes, or after
 * them when the Ready asks ({@code hardStateAfterLog}); whether the replica persists on its own
 * thread or in the background.
 */
class DurableLogAndPersistOrderTest {

    private static final ReplicaConfig FAST = ReplicaConfig.defaults()
        .withTickInterval(Duration.ofMillis(1)).withRequestTimeout(Duration.ofSeconds(20));

    /** The stores' calls, in order, from the replica thread. */
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    private Storage recordingStorage() {
        MemoryHardStateStore hard = new MemoryHardStateStore();
        return Storage.of(new RecordingLog(calls), new HardStateStore() {
            @Override
            public byte[] load() {
                return hard.load();
            }

            @Override
            public void save(byte[] state) {
                calls.add("save hard state");
                hard.save(state);
            }

            @Override
            public void close() {
            }
        }, new MemorySnapshotStore());
    }

    private void submit(DurableLogProbe probe, int commands, boolean inBackground) throws Exception {
        InJvmNetwork network = new InJvmNetwork();
        try (Replica replica = Replica.builder().protocol(probe).self(1).members(1).transport(network.join(1))
                .storage(recordingStorage()).stateMachine(new Journal()).config(FAST.withPersistInBackground(inBackground))
                .start()) {
            for (int i = 0; i < commands; i++) {
                replica.submit(("c" + i).getBytes(StandardCharsets.UTF_8)).get(20, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest(name = "persist in background: {0}")
    @ValueSource(booleans = {false, true})
    void aCoreReadingItsDurableLogSeesExactlyWhatEarlierReadysPersisted(boolean inBackground) throws Exception {
        DurableLogProbe probe = new DurableLogProbe(false);
        submit(probe, 50, inBackground);
        assertTrue(probe.mismatches.isEmpty(), () -> probe.mismatches.size() + " mismatches, the first: "
            + probe.mismatches.subList(0, Math.min(3, probe.mismatches.size())));
        assertTrue(probe.checks.get() >= 100, "it compared before and while gathering each append: " + probe.checks.get());
    }

    @ParameterizedTest(name = "persist in background: {0}")
    @ValueSource(booleans = {false, true})
    void aHardStateIsStoredBeforeTheLogChangesByDefault(boolean inBackground) throws Exception {
        submit(new DurableLogProbe(false), 3, inBackground);
        assertEquals(List.of("save hard state", "append", "sync"), firstPersist(), "the default order: " + calls);
    }

    @ParameterizedTest(name = "persist in background: {0}")
    @ValueSource(booleans = {false, true})
    void aHardStateAskedToFollowTheLogIsStoredOnlyOnceTheLogIsDurable(boolean inBackground) throws Exception {
        submit(new DurableLogProbe(true), 3, inBackground);
        assertEquals(List.of("append", "sync", "save hard state"), firstPersist(), "after the log: " + calls);
        for (int i = 0; i + 2 < calls.size(); i++) {
            if (calls.get(i + 2).equals("save hard state")) {
                assertEquals("sync", calls.get(i + 1), "every hard state follows a sync: " + calls);
            }
        }
    }

    /** The calls of the first Ready that persisted a command. */
    private List<String> firstPersist() {
        int append = calls.indexOf("append");
        int from = Math.max(0, append - 1);
        return List.copyOf(calls.subList(from, from + 3));
    }
}
