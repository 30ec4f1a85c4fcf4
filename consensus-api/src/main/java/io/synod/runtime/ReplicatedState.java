package io.synod.runtime;

import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CommandRejectedException;
import io.synod.api.LogEntry;
import io.synod.api.SnapshotMeta;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The layer every replication protocol shares between its chosen log and the user's
 * {@link StateMachine}: it unpacks each committed entry's {@link CommandBatch}, sorts each command
 * through the {@link SessionTable} (apply it, answer a retry from the table, or refuse it), keeps
 * the running {@link AppliedDigest} and reports each command's outcome. The production runtime and
 * the simulator both drive it, so exactly-once holds the same way in both.
 *
 * <p><b>Outcomes.</b> A command is applied and answered with its result; or refused — by the state
 * machine ({@link CommandRejectedException}, state unchanged), as a conflict (its client id and
 * sequence number were used for another command), or as expired (older than its session window).
 * Every replica reaches the same outcome for the same command. Any other exception from the state
 * machine escapes as an {@link IllegalStateException}: the replica must stop.
 *
 * <p><b>Digest checkpoints.</b> After every entry whose index is a multiple of
 * {@code digestEvery}, the digest is kept (the most recent {@value #CHECKPOINTS_KEPT}), so that a
 * {@link DigestReport} from another replica about that index can be compared with it.
 *
 * <p>Snapshot stream layout (big-endian): magic {@code "SyRS"} (int), applied index (long),
 * applied term (long), running digest (long), session table length (int) and bytes, then the
 * state machine's own stream to the end.
 */
public final class ReplicatedState {

    /** Receives the outcome of every command in an applied entry, duplicates included. */
    @FunctionalInterface
    public interface ResultListener {
        /**
         * A command was applied (or is a retry of one that was).
         *
         * @param result the command's result; {@code null} only from a listener that does not
         *               override {@link #onRefused}, for a command that was not applied
         */
        void onResult(long clientId, long sequence, byte[] result);

        /**
         * A command was applied (or is a retry of one that was), with its result. The default
         * reports it to {@link #onResult}; a listener that waits for commands by number should
         * also check the payload: after a restart, entries replayed from the log may carry an
         * earlier handle's commands under numbers it now uses.
         */
        default void onApplied(Command command, byte[] result) {
            onResult(command.clientId(), command.sequence(), result);
        }

        /**
         * A command was refused and changed nothing. The default reports it to
         * {@link #onResult} with a {@code null} result.
         */
        default void onRefused(Command command, Refusal refusal, String reason) {
            onResult(command.clientId(), command.sequence(), null);
        }

        /** A replica's digest report was applied; the default ignores it. */
        default void onDigestReport(int node, long index, long digest) {
        }
    }

    /** Why a command was refused. */
    public enum Refusal {
        /** The state machine refused it ({@link CommandRejectedException}). */
        REJECTED,
        /** Its client id and sequence number had been used for a different command. */
        CONFLICT,
        /** It was older than its client's session window. */
        EXPIRED
    }

    /** Digests kept for comparison with other replicas' reports. */
    static final int CHECKPOINTS_KEPT = 16;
    /** Checkpoint interval when none is given. */
    static final long DEFAULT_DIGEST_EVERY = 1024;

    private static final int MAGIC = 0x53795253; // "SyRS"

    private final StateMachine stateMachine;
    private final SessionTable sessions;
    private final AppliedDigest digest = new AppliedDigest();
    private final long digestEvery;
    private final long[] checkpointIndexes = new long[CHECKPOINTS_KEPT];
    private final long[] checkpointDigests = new long[CHECKPOINTS_KEPT];
    private long appliedIndex;
    private long appliedTerm;

    public ReplicatedState(StateMachine stateMachine, int sessionWindow) {
        this(stateMachine, sessionWindow, DEFAULT_DIGEST_EVERY);
    }

    /** @param digestEvery the interval, in log entries, between two kept digests */
    public ReplicatedState(StateMachine stateMachine, int sessionWindow, long digestEvery) {
        if (digestEvery < 1) {
            throw new IllegalArgumentException("digestEvery must be >= 1, was " + digestEvery);
        }
        this.stateMachine = stateMachine;
        this.sessions = new SessionTable(sessionWindow);
        this.digestEvery = digestEvery;
        Arrays.fill(checkpointIndexes, -1);
    }

    /** The index of the last entry applied (or folded in by a snapshot). */
    public long appliedIndex() {
        return appliedIndex;
    }

    /** The term of the last entry applied. */
    public long appliedTerm() {
        return appliedTerm;
    }

    /** The running digest as of {@link #appliedIndex()}. */
    public long digest() {
        return digest.value();
    }

    /** True when the digest after entry {@code index} is still kept (see the class comment). */
    public boolean hasDigestAt(long index) {
        return index > 0 && index % digestEvery == 0 && checkpointIndexes[slot(index)] == index;
    }

    /** The digest after entry {@code index}, which {@link #hasDigestAt} must hold. */
    public long digestAt(long index) {
        if (!hasDigestAt(index)) {
            throw new IllegalArgumentException("no digest kept for index " + index);
        }
        return checkpointDigests[slot(index)];
    }

    /** The interval between kept digests. */
    public long digestEvery() {
        return digestEvery;
    }

    /** The highest sequence number applied (or refused) for {@code clientId}, 0 if none. */
    public long highestSequence(long clientId) {
        return sessions.highest(clientId);
    }

    /**
     * Applies a committed entry. Entries at or below {@link #appliedIndex()} were applied already
     * and are skipped, so replaying a log after a restart is harmless.
     *
     * @throws IllegalStateException if the entry leaves a gap, its bytes are not a command batch,
     *                               or the state machine failed otherwise than by refusing a command
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
        digest.entry(entry.index());
        for (Command c : commands) {
            long payloadDigest = digest.crc(c.payload());
            if (c.clientId() == DigestReport.CLIENT_ID) {
                digest.command(c.clientId(), c.sequence(), payloadDigest, AppliedDigest.Outcome.SKIPPED, null);
                DigestReport report = DigestReport.of(c);
                if (report != null) {
                    listener.onDigestReport(report.node(), report.index(), report.digest());
                }
                continue;
            }
            switch (sessions.classify(c.clientId(), c.sequence(), payloadDigest)) {
                case NEW -> applyNew(entry.index(), c, payloadDigest, listener);
                case DUPLICATE -> answerRetry(c, payloadDigest, listener);
                case CONFLICT -> refuse(c, payloadDigest, Refusal.CONFLICT, "command " + c.clientId() + "#" + c.sequence()
                    + " reuses the number of a different command that was applied", listener);
                case EXPIRED -> refuse(c, payloadDigest, Refusal.EXPIRED, "command " + c.clientId() + "#" + c.sequence()
                    + " is older than its client's session window of " + sessions.window()
                    + " (a newer handle may use the same client id)", listener);
            }
        }
        digest.state(stateMachine.digest());
        appliedIndex = entry.index();
        appliedTerm = entry.term();
        keepCheckpoint();
    }

    private void keepCheckpoint() {
        if (appliedIndex > 0 && appliedIndex % digestEvery == 0) {
            checkpointIndexes[slot(appliedIndex)] = appliedIndex;
            checkpointDigests[slot(appliedIndex)] = digest.value();
        }
    }

    private void applyNew(long index, Command c, long payloadDigest, ResultListener listener) {
        byte[] result;
        try {
            result = stateMachine.apply(index, c.payload());
        } catch (CommandRejectedException e) {
            byte[] reason = e.getMessage().getBytes(StandardCharsets.UTF_8);
            sessions.record(c.clientId(), c.sequence(), payloadDigest, true, reason);
            digest.command(c.clientId(), c.sequence(), payloadDigest, AppliedDigest.Outcome.REFUSED, reason);
            listener.onRefused(c, Refusal.REJECTED, e.getMessage());
            return;
        } catch (RuntimeException e) {
            throw new IllegalStateException("the state machine failed on command " + c.clientId() + "#" + c.sequence()
                + " of entry " + index + ": " + e, e);
        }
        byte[] kept = result == null ? new byte[0] : result;
        sessions.record(c.clientId(), c.sequence(), payloadDigest, false, kept);
        digest.command(c.clientId(), c.sequence(), payloadDigest, AppliedDigest.Outcome.APPLIED, kept);
        listener.onApplied(c, kept);
    }

    private void answerRetry(Command c, long payloadDigest, ResultListener listener) {
        byte[] kept = sessions.result(c.clientId(), c.sequence());
        if (sessions.refused(c.clientId(), c.sequence())) {
            digest.command(c.clientId(), c.sequence(), payloadDigest, AppliedDigest.Outcome.REFUSED, kept);
            listener.onRefused(c, Refusal.REJECTED, new String(kept, StandardCharsets.UTF_8));
        } else {
            digest.command(c.clientId(), c.sequence(), payloadDigest, AppliedDigest.Outcome.APPLIED, kept);
            listener.onApplied(c, kept);
        }
    }

    private void refuse(Command c, long payloadDigest, Refusal refusal, String reason, ResultListener listener) {
        digest.command(c.clientId(), c.sequence(), payloadDigest, AppliedDigest.Outcome.SKIPPED, null);
        listener.onRefused(c, refusal, reason);
    }

    /** Answers a read-only query from the applied state. */
    public byte[] query(byte[] query) {
        return stateMachine.query(query);
    }

    /** Where a snapshot taken now ({@link #snapshot()}) would end. */
    public SnapshotMeta snapshotMeta() {
        return new SnapshotMeta(appliedIndex, appliedTerm);
    }

    /**
     * A consistent view of the applied state (sessions, digest and state machine) as of
     * {@link #appliedIndex()}, taken now on the replica thread; the writer streams it later, on
     * any thread, whatever is applied meanwhile.
     */
    public SnapshotWriter snapshot() {
        long index = appliedIndex;
        long term = appliedTerm;
        long chain = digest.value();
        byte[] table = sessions.encode();
        SnapshotWriter machine = stateMachine.snapshot();
        return out -> {
            // Never closed: the state machine's part follows on the same stream.
            DataOutputStream header = new DataOutputStream(out);
            header.writeInt(MAGIC);
            header.writeLong(index);
            header.writeLong(term);
            header.writeLong(chain);
            header.writeInt(table.length);
            header.write(table);
            header.flush();
            machine.writeTo(out);
        };
    }

    /**
     * Replaces the applied state with a snapshot's stream.
     *
     * @throws IllegalStateException if the stream is malformed or does not hold the state at
     *                               {@code snapshot.index()}
     * @throws IOException           if reading fails
     */
    public void restore(SnapshotMeta snapshot, InputStream in) throws IOException {
        DataInputStream header = new DataInputStream(in);
        try {
            int magic = header.readInt();
            if (magic != MAGIC) {
                throw new IllegalStateException(snapshot + " does not hold replicated state: magic "
                    + Integer.toHexString(magic) + ", expected " + Integer.toHexString(MAGIC));
            }
            long index = header.readLong();
            long term = header.readLong();
            long chain = header.readLong();
            if (index != snapshot.index()) {
                throw new IllegalStateException(snapshot + " holds the state of index " + index);
            }
            int tableLength = header.readInt();
            if (tableLength < 0) {
                throw new IllegalStateException(snapshot + " claims a session table of " + tableLength + " bytes");
            }
            byte[] table = header.readNBytes(tableLength);
            if (table.length != tableLength) {
                throw new EOFException(snapshot + " ends inside its session table");
            }
            sessions.decode(ByteBuffer.wrap(table));
            stateMachine.restore(new FilterInputStream(in) {
                @Override
                public void close() {
                    // The caller owns the stream.
                }
            });
            appliedIndex = index;
            appliedTerm = term;
            digest.reset(chain);
            Arrays.fill(checkpointIndexes, -1);
            keepCheckpoint();
        } catch (EOFException e) {
            throw new IllegalStateException(snapshot + " is cut short: " + e.getMessage(), e);
        } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new IllegalStateException(snapshot + " is malformed", e);
        }
    }

    private int slot(long index) {
        return (int) ((index / digestEvery) % CHECKPOINTS_KEPT);
    }
}
