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

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PendingRequests} on its own: a core that only records what is proposed, a state machine
 * that answers each command with itself, and entries applied by hand.
 */
abstract class PendingRequestsFixture {

    private static final long TIME = 1_700_000_000_000L;

    final List<Command> proposed = new ArrayList<>();
    final ReplicaConfig config = ReplicaConfig.defaults();
    private final Admission admission = new Admission(config.sessionWindow());
    private final ReplicatedState state = new ReplicatedState(new Echo());
    final PendingRequests pending = new PendingRequests(new Proposals(), state, config, admission,
        new SessionUpkeep(1, new Random(1), SessionConfig.DEFAULTS));
    private long index;

    List<CompletableFuture<byte[]>> submit(int n) {
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
    void chooseProposed() {
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
