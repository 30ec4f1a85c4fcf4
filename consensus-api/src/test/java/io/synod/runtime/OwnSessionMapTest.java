package io.synod.runtime;

import io.synod.api.ApplyContext;
import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CoreStatus;
import io.synod.api.Envelope;
import io.synod.api.LogEntry;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.runtime.session.SessionConfig;
import io.synod.runtime.session.SessionUpkeep;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handle's own session keeps its map of pending commands when a wave of commands is answered
 * in full (so the next wave does not rehash a new one up from a few slots), and gives it back
 * when the session ends.
 */
class OwnSessionMapTest {

    private static final long TIME = 1_700_000_000_000L;

    private final List<Command> proposed = new ArrayList<>();
    private final ReplicaConfig config = ReplicaConfig.defaults();
    private final Admission admission = new Admission(config.sessionWindow());
    private final ReplicatedState state = new ReplicatedState(new Echo());
    private final PendingRequests pending = new PendingRequests(new Proposals(), state, config, admission,
        new SessionUpkeep(1, new Random(1), SessionConfig.DEFAULTS));
    private long index;

    @Test
    void aWaveAnsweredInFullLeavesTheOwnSessionItsMap() {
        List<CompletableFuture<byte[]>> wave = submit(3);
        chooseProposed(); // the handle's session opens; the waiting commands are proposed
        chooseProposed(); // and applied
        for (int i = 0; i < wave.size(); i++) {
            assertArrayEquals(new byte[]{(byte) i}, wave.get(i).join());
        }
        assertTrue(pending.ownSession() != 0);
        assertEquals(1, pending.sessionMaps(), "the own session's emptied map is kept for the next wave");

        List<CompletableFuture<byte[]>> next = submit(2);
        chooseProposed();
        assertArrayEquals(new byte[]{1}, next.get(1).join());
        assertEquals(1, pending.sessionMaps());

        pending.onSessionEnded(pending.ownSession());
        assertEquals(0, pending.sessionMaps(), "an ended session's map is given back");
    }

    private List<CompletableFuture<byte[]>> submit(int n) {
        List<CompletableFuture<byte[]>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CompletableFuture<byte[]> f = new CompletableFuture<>();
            assertTrue(admission.enter());
            pending.take(new ClientRequest.Submit(null, new byte[]{(byte) i}, f, null, Long.MAX_VALUE), 0);
            futures.add(f);
        }
        return futures;
    }

    /** Applies everything proposed so far as the next entry, as the runtime does once it is chosen. */
    private void chooseProposed() {
        List<Command> batch = new ArrayList<>(proposed);
        proposed.clear();
        state.apply(new LogEntry(++index, 1, CommandBatch.encode(TIME + index, 1, batch)), new ReplicatedState.ResultListener() {
            @Override
            public void onApplied(ApplyContext ctx, Command command, byte[] result) {
                pending.onApplied(ctx, command, result);
            }
        });
        pending.completeApplied(); // as the driver does once the entry is applied whole
    }

    /** A state machine that answers each command with itself. */
    private static final class Echo implements StateMachine {
        @Override
        public byte[] apply(ApplyContext ctx, byte[] command) {
            return command;
        }

        @Override
        public SnapshotWriter snapshot() {
            return out -> { };
        }

        @Override
        public void restore(InputStream in) {
        }
    }

    /** A core that only records what is proposed. */
    private final class Proposals implements ProtocolCore {
        @Override
        public void step(Envelope envelope) {
        }

        @Override
        public void tick() {
        }

        @Override
        public void propose(Command command) {
            proposed.add(command);
        }

        @Override
        public void read(long readId) {
        }

        @Override
        public boolean hasReady() {
            return false;
        }

        @Override
        public Ready ready() {
            throw new IllegalStateException("no Ready");
        }

        @Override
        public CoreStatus status() {
            return new CoreStatus(1, "leader", 1, 1, index);
        }
    }
}
