package io.synod.runtime;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.LogEntry;
import io.synod.api.Snapshot;
import io.synod.api.StateMachine;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The layer every replication protocol shares between its chosen log and the user's
 * {@link StateMachine}: it unpacks each committed entry's {@link CommandBatch}, drops duplicates
 * through the {@link SessionTable}, applies the rest in order and reports each command's result.
 * The production runtime and the simulator both drive it, so exactly-once holds the same way in
 * both.
 *
 * <p>Snapshot layout (big-endian): applied index (long), applied term (long), session table,
 * then the state machine's own bytes to the end.
 */
public final class ReplicatedState {

    /** Receives the answer for every command in an applied entry, duplicates included. */
    @FunctionalInterface
    public interface ResultListener {
        /**
         * @param result the command's result, or {@code null} if the command was too old for its
         *               session window and was not applied
         */
        void onResult(long clientId, long sequence, byte[] result);
    }

    private final StateMachine stateMachine;
    private final SessionTable sessions;
    private long appliedIndex;
    private long appliedTerm;

    public ReplicatedState(StateMachine stateMachine, int sessionWindow) {
        this.stateMachine = stateMachine;
        this.sessions = new SessionTable(sessionWindow);
    }

    /** The index of the last entry applied (or folded in by a snapshot). */
    public long appliedIndex() {
        return appliedIndex;
    }

    /** The term of the last entry applied. */
    public long appliedTerm() {
        return appliedTerm;
    }

    /**
     * Applies a committed entry. Entries at or below {@link #appliedIndex()} were applied already
     * and are skipped, so replaying a log after a restart is harmless.
     *
     * @throws IllegalStateException if the entry leaves a gap, or its bytes are not a command batch
     */
    public void apply(LogEntry entry, ResultListener listener) {
        if (entry.index() <= appliedIndex) {
            return;
        }
        if (entry.index() != appliedIndex + 1) {
            throw new IllegalStateException("entry " + entry.index() + " applied after " + appliedIndex + ": the log has a gap");
        }
        List<Command> commands;
        try {
            commands = CommandBatch.decode(entry.data());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("entry " + entry.index() + " is not a command batch: " + e.getMessage(), e);
        }
        for (Command c : commands) {
            byte[] result = switch (sessions.classify(c.clientId(), c.sequence())) {
                case NEW -> {
                    byte[] r = stateMachine.apply(entry.index(), c.payload());
                    byte[] kept = r == null ? new byte[0] : r;
                    sessions.record(c.clientId(), c.sequence(), kept);
                    yield kept;
                }
                case DUPLICATE -> sessions.result(c.clientId(), c.sequence());
                case EXPIRED -> null;
            };
            listener.onResult(c.clientId(), c.sequence(), result);
        }
        appliedIndex = entry.index();
        appliedTerm = entry.term();
    }

    /** Answers a read-only query from the applied state. */
    public byte[] query(byte[] query) {
        return stateMachine.query(query);
    }

    /** The applied state (sessions and state machine) as a snapshot at {@link #appliedIndex()}. */
    public Snapshot snapshot() {
        byte[] table = sessions.encode();
        byte[] machine = stateMachine.snapshot();
        ByteBuffer out = ByteBuffer.allocate(Long.BYTES * 2 + table.length + machine.length);
        out.putLong(appliedIndex).putLong(appliedTerm).put(table).put(machine);
        return new Snapshot(appliedIndex, appliedTerm, out.array());
    }

    /**
     * Replaces the applied state with a snapshot's.
     *
     * @throws IllegalStateException if the snapshot's bytes are malformed
     */
    public void restore(Snapshot snapshot) {
        try {
            ByteBuffer in = ByteBuffer.wrap(snapshot.data());
            long index = in.getLong();
            long term = in.getLong();
            if (index != snapshot.index()) {
                throw new IllegalStateException("snapshot says index " + snapshot.index() + " but holds state of " + index);
            }
            sessions.decode(in);
            byte[] machine = new byte[in.remaining()];
            in.get(machine);
            stateMachine.restore(machine);
            appliedIndex = index;
            appliedTerm = term;
        } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new IllegalStateException("snapshot at index " + snapshot.index() + " is malformed", e);
        }
    }
}
