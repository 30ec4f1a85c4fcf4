package io.synod.transport;

import io.synod.api.ApplyContext;
import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CoreStatus;
import io.synod.api.Effects;
import io.synod.api.Envelope;
import io.synod.api.InvalidMessageException;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.api.Protocol;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.spi.MessageCodec;
import io.synod.spi.Storage;
import io.synod.spi.Transport;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemorySnapshotStore;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a peer's message commits entries in the same duty cycle as new requests arrive, the
 * committed entries are applied (and their callers answered) before the requests' batch is
 * persisted: otherwise every answered command would wait for the next batch's fsync too, the
 * leader's common case under load (an Accepted arrives while clients' new commands queue).
 */
class ApplyBeforeNextBatchTest {

    /** The stores' and the state machine's calls on the replica thread, in order. */
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final GatedIdle idle = new GatedIdle();

    @Test
    void entriesAMessageCommitsAreAppliedBeforeTheRequestsTakenWithItArePersisted() throws Exception {
        InJvmNetwork network = new InJvmNetwork();
        Transport peer = network.join(2);
        ReplicaConfig config = ReplicaConfig.defaults().withRequestTimeout(Duration.ofSeconds(30))
            .withIdleStrategy(() -> idle).withSessions(null);
        try (Replica replica = Replica.builder().protocol(new AckedLog()).self(1).members(1, 2).transport(network.join(1))
                .storage(recordingStorage()).stateMachine(new RecordingMachine()).config(config).start()) {
            replica.submit(bytes("warm")).get(30, TimeUnit.SECONDS); // opens the handle's session
            CompletableFuture<byte[]> held = replica.submit(bytes("hold first"));
            awaitCall("sync");

            // The replica thread waits between two cycles; an acknowledgement and a request line up.
            idle.hold();
            idle.awaitHeld();
            calls.add("-- resumed --");
            peer.send(new Envelope(2, 1, new Ack()));
            CompletableFuture<byte[]> next = replica.submit(bytes("second"));
            idle.release();
            held.get(30, TimeUnit.SECONDS);
            next.get(30, TimeUnit.SECONDS);

            List<String> after = List.copyOf(calls.subList(calls.indexOf("-- resumed --"), calls.size()));
            int applied = after.indexOf("apply hold first");
            int appended = after.indexOf("append");
            assertTrue(applied >= 0 && appended >= 0, () -> "both happened after the pause: " + after);
            int synced = after.subList(appended, after.size()).indexOf("sync") + appended;
            assertTrue(applied < synced, () -> "the committed command waited for the next batch's sync: " + after);
        }
    }

    private void awaitCall(String call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!calls.contains(call)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no " + call + " within 30 s: " + calls);
            }
            Thread.sleep(1); // polls a condition, with a generous bound
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Storage recordingStorage() {
        return Storage.of(new RecordingLog(calls), new MemoryHardStateStore(), new MemorySnapshotStore());
    }

    /** A state machine that records each command it applies among the calls, and keeps nothing. */
    private final class RecordingMachine implements StateMachine {
        @Override
        public byte[] apply(ApplyContext ctx, byte[] command) {
            calls.add("apply " + new String(command, StandardCharsets.UTF_8));
            return new byte[0];
        }

        @Override
        public SnapshotWriter snapshot() {
            return SnapshotWriter.of(new byte[0]);
        }

        @Override
        public void restore(InputStream in) {
        }
    }

    /** Node 2's acknowledgement: commits every durable entry node 1 holds back. */
    private record Ack() implements Message {
    }

    /**
     * Test-only, not a consensus protocol: node 1 leads a log whose entries commit once durable,
     * except those holding a command whose payload starts with "hold", which wait for an
     * {@link Ack} from node 2.
     */
    private static final class AckedLog implements Protocol {

        @Override
        public String name() {
            return "acked log (test only)";
        }

        @Override
        public ProtocolCore create(ProtocolContext context) {
            return new Core(context);
        }

        @Override
        public MessageCodec codec() {
            throw new UnsupportedOperationException("its messages never leave the JVM");
        }

        private static final class Core implements ProtocolCore {
            private final Effects effects;
            private final List<LogEntry> heldBack = new ArrayList<>();
            private final List<LogEntry> gathering = new ArrayList<>();
            private long last;

            Core(ProtocolContext context) {
                effects = new Effects(context.self());
                last = context.recovered().lastIndex();
            }

            @Override
            public void step(Envelope envelope) {
                if (!(envelope.message() instanceof Ack)) {
                    throw new InvalidMessageException("only acknowledgements");
                }
                heldBack.forEach(effects::commit);
                heldBack.clear();
            }

            @Override
            public void tick() {
            }

            @Override
            public void propose(Command command) {
                LogEntry entry = new LogEntry(++last, 1, CommandBatch.encode(command));
                effects.append(entry);
                gathering.add(entry);
            }

            @Override
            public void read(long readId) {
                throw new UnsupportedOperationException("no reads here");
            }

            @Override
            public boolean hasReady() {
                return effects.hasPending() || !gathering.isEmpty();
            }

            @Override
            public Ready ready() {
                // Entries gathered now are durable once this Ready is carried out: those not held
                // back are committed in the next one, as a leader learns of a quorum after its persist.
                Ready ready = effects.drain();
                for (LogEntry entry : gathering) {
                    boolean hold = new String(CommandBatch.decode(entry.data()).get(0).payload(), StandardCharsets.UTF_8).startsWith("hold");
                    if (hold) {
                        heldBack.add(entry);
                    } else {
                        effects.commit(entry);
                    }
                }
                gathering.clear();
                return ready;
            }

            @Override
            public CoreStatus status() {
                return new CoreStatus(effects.self(), "leader", effects.self(), 1, last);
            }
        }
    }
}
