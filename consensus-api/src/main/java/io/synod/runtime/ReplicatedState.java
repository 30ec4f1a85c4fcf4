package io.synod.runtime;

import io.synod.api.ApplyContext;
import io.synod.api.Command;
import io.synod.api.CommandBatch;
import io.synod.api.CommandRejectedException;
import io.synod.api.LogEntry;
import io.synod.api.SnapshotMeta;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.runtime.session.SessionTable;
import io.synod.runtime.session.SystemCommand;

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
 * {@link StateMachine}: it unpacks each committed entry's {@link CommandBatch}, advances log time
 * from the batch's leader time stamp, sorts each command through the replicated
 * {@link SessionTable} (apply it, answer a retry from the table, hold it for a FIFO gap, or refuse
 * it), carries out the runtime's own {@link SystemCommand}s (sessions opened, renewed, closed,
 * configured), expires the sessions whose time ran out, keeps the running {@link AppliedDigest}
 * and reports each outcome. The production runtime and the simulator both drive it, so
 * exactly-once and session expiry hold the same way in both.
 *
 * <p><b>Outcomes.</b> A command is applied and answered with its result; or refused — by the state
 * machine ({@link CommandRejectedException}, state unchanged), as a conflict (its session and
 * sequence number were used for another command), as expired (acknowledged, or older than its
 * session's result window), or because its session is unknown (never opened, closed or expired).
 * Every replica reaches the same outcome for the same command, and every value the state machine
 * sees in its {@link ApplyContext} comes from the log. Any other exception from the state machine
 * escapes as an {@link IllegalStateException}: the replica must stop.
 *
 * <p><b>Positions.</b> A command's position is its place in the entry's batch; the applications
 * the entry causes beyond its batch — FIFO commands released by a filled gap, sessions that
 * expired — take the positions after the batch's, in order, so that {@code (index, position)}
 * names each call to the state machine once.
 *
 * <p><b>Digest checkpoints.</b> After every entry whose index is a multiple of
 * {@code digestEvery}, the digest is kept (the most recent {@value #CHECKPOINTS_KEPT}), so that a
 * {@link DigestReport} from another replica about that index can be compared with it.
 *
 * <p>Snapshot stream layout (big-endian): magic {@code "SyRS"} (int), applied index (long),
 * applied term (long), running digest (long), session table length (int) and bytes
 * ({@link SessionTable#encode()}), then the state machine's own stream to the end.
 */
public final class ReplicatedState {

    /** Receives the outcome of every command in an applied entry, retries included. */
    @FunctionalInterface
    public interface ResultListener {

        /**
         * The state machine applied {@code command} just now (or, for one of the runtime's
         * {@link SystemCommand}s, the runtime carried it out), with {@code result}. A listener that
         * waits for commands by number should also check the payload: after a restart, entries
         * replayed from the log may carry an earlier handle's commands under numbers it now uses.
         */
        void onApplied(ApplyContext ctx, Command command, byte[] result);

        /**
         * A retry of a command applied before, answered from the session table with its first
         * outcome: its result (or, if {@code refused}, the state machine's reason) and where it
         * was applied. The default ignores it.
         */
        default void onRetry(Command command, byte[] result, boolean refused, long index, int position) {
        }

        /** A command was refused and changed nothing. The default ignores it. */
        default void onRefused(ApplyContext ctx, Command command, Refusal refusal, String reason) {
        }

        /** A session ended: closed by its client, or {@code expired}. The default ignores it. */
        default void onSessionEnded(ApplyContext ctx, long sessionId, boolean expired) {
        }

        /** A replica's digest report was applied; the default ignores it. */
        default void onDigestReport(int node, long index, long digest) {
        }
    }

    /** Why a command was refused. */
    public enum Refusal {
        /** The state machine refused it ({@link CommandRejectedException}). */
        REJECTED,
        /** Its session and sequence number had been used for a different command. */
        CONFLICT,
        /** Its number was acknowledged by its client, or lies outside its session's result window. */
        EXPIRED,
        /** Its session is unknown: never opened, closed, or expired. */
        SESSION_EXPIRED
    }

    /** Digests kept for comparison with other replicas' reports. */
    static final int CHECKPOINTS_KEPT = 16;
    /** Checkpoint interval when none is given. */
    static final long DEFAULT_DIGEST_EVERY = 1024;

    private static final int MAGIC = 0x53795253; // "SyRS"
    private static final byte[] NOTHING = new byte[0];

    private final StateMachine stateMachine;
    private final SessionTable sessions = new SessionTable();
    private final AppliedDigest digest = new AppliedDigest();
    private final ReusedApplyContext ctx = new ReusedApplyContext();
    private final long digestEvery;
    private final long[] checkpointIndexes = new long[CHECKPOINTS_KEPT];
    private final long[] checkpointDigests = new long[CHECKPOINTS_KEPT];
    private long appliedIndex;
    private long appliedTerm;
    private long replayThrough;
    /** The next position after the current entry's batch, for what the entry causes beyond it. */
    private int nextExtraPosition;
    private ResultListener listener;

    public ReplicatedState(StateMachine stateMachine) {
        this(stateMachine, DEFAULT_DIGEST_EVERY);
    }

    /** @param digestEvery the interval, in log entries, between two kept digests */
    public ReplicatedState(StateMachine stateMachine, long digestEvery) {
        if (digestEvery < 1) {
            throw new IllegalArgumentException("digestEvery must be >= 1, was " + digestEvery);
        }
        this.stateMachine = stateMachine;
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

    /** Log time as of the last entry applied, ms since the epoch (see {@link SessionTable}). */
    public long logTime() {
        return sessions.logTime();
    }

    /** The replicated session table, for the driver to read between entries; only {@link #apply} changes it. */
    public SessionTable sessions() {
        return sessions;
    }

    /**
     * Entries up to {@code index} were in this replica's log when it started: they are applied
     * with {@link ApplyContext#replay()} true.
     */
    public void replayThrough(long index) {
        this.replayThrough = index;
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

    /** The highest sequence number applied for an open session, 0 if none or not open. */
    public long highestSequence(long sessionId) {
        return sessions.highest(sessionId);
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
        CommandBatch.Batch batch;
        try {
            batch = CommandBatch.decodeBatch(entry.data());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("entry " + entry.index() + " is not a command batch: " + e.getMessage(), e);
        }
        this.listener = listener;
        long time = sessions.beginEntry(batch.timestamp(), batch.term());
        ctx.begin(entry.index(), batch.term(), time, entry.index() <= replayThrough);
        digest.entry(entry.index());
        List<Command> commands = batch.commands();
        nextExtraPosition = commands.size();
        for (int position = 0; position < commands.size(); position++) {
            applyCommand(commands.get(position), position);
        }
        sessions.expireDue(this::expired);
        digest.state(stateMachine.digest());
        appliedIndex = entry.index();
        appliedTerm = entry.term();
        keepCheckpoint();
        this.listener = null;
    }

    private void keepCheckpoint() {
        if (appliedIndex > 0 && appliedIndex % digestEvery == 0) {
            checkpointIndexes[slot(appliedIndex)] = appliedIndex;
            checkpointDigests[slot(appliedIndex)] = digest.value();
        }
    }

    private void applyCommand(Command c, int position) {
        long payloadDigest = digest.crc(c.payload());
        long client = c.clientId();
        if (client == DigestReport.CLIENT_ID) {
            digest.command(client, c.sequence(), payloadDigest, AppliedDigest.Outcome.SKIPPED, null);
            DigestReport report = DigestReport.of(c);
            if (report != null) {
                listener.onDigestReport(report.node(), report.index(), report.digest());
            }
            return;
        }
        ctx.at(position, client, c.sequence());
        if (SystemCommand.isReserved(client)) {
            applySystem(c, position, payloadDigest);
            return;
        }
        if (client == Command.NO_SESSION) {
            applyNew(c, position, payloadDigest, false);
            return;
        }
        switch (sessions.admit(c, payloadDigest)) {
            case NEW -> {
                applyNew(c, position, payloadDigest, true);
                for (Command next = sessions.releaseNext(); next != null; next = sessions.releaseNext()) {
                    int at = nextExtraPosition++;
                    ctx.at(at, next.clientId(), next.sequence());
                    applyNew(next, at, digest.crc(next.payload()), true);
                }
            }
            case DUPLICATE -> answerRetry(c, payloadDigest);
            case HELD, WAITING -> digest.command(client, c.sequence(), payloadDigest, AppliedDigest.Outcome.SKIPPED, null);
            case CONFLICT -> refuse(c, payloadDigest, Refusal.CONFLICT, "command " + client + "#" + c.sequence()
                + " reuses the number of a different command of its session");
            case EXPIRED -> refuse(c, payloadDigest, Refusal.EXPIRED, "command " + client + "#" + c.sequence()
                + " was acknowledged, or lies outside its session's window of " + sessions.config().resultWindow()
                + " results");
            case UNKNOWN_SESSION -> refuse(c, payloadDigest, Refusal.SESSION_EXPIRED, "command " + client + "#"
                + c.sequence() + " names session " + client + ", which is not open (never opened, closed or expired)");
        }
    }

    private void applyNew(Command c, int position, long payloadDigest, boolean remember) {
        byte[] result;
        try {
            result = stateMachine.apply(ctx, c.payload());
        } catch (CommandRejectedException e) {
            byte[] reason = e.getMessage().getBytes(StandardCharsets.UTF_8);
            if (remember) {
                sessions.recordOutcome(c.sequence(), payloadDigest, true, reason, ctx.index(), position);
            }
            digest.command(c.clientId(), c.sequence(), payloadDigest, AppliedDigest.Outcome.REFUSED, reason);
            listener.onRefused(ctx, c, Refusal.REJECTED, e.getMessage());
            return;
        } catch (RuntimeException e) {
            throw new IllegalStateException("the state machine failed on command " + c.clientId() + "#" + c.sequence()
                + " of entry " + ctx.index() + ": " + e, e);
        }
        byte[] kept = result == null ? NOTHING : result;
        if (remember) {
            sessions.recordOutcome(c.sequence(), payloadDigest, false, kept, ctx.index(), position);
        }
        digest.command(c.clientId(), c.sequence(), payloadDigest, AppliedDigest.Outcome.APPLIED, kept);
        listener.onApplied(ctx, c, kept);
    }

    private void applySystem(Command c, int position, long payloadDigest) {
        SystemCommand command = SystemCommand.of(c);
        if (command == null) {
            // Nothing a replica wrote: every replica skips it alike (stopping would let one bad command stop them all).
            digest.command(c.clientId(), c.sequence(), payloadDigest, AppliedDigest.Outcome.SKIPPED, null);
            return;
        }
        byte[] result = NOTHING;
        if (command instanceof SystemCommand.Open open) {
            if (position > 0xFFFF) {
                refuse(c, payloadDigest, Refusal.REJECTED, "an open at position " + position + " cannot name a session; retry");
                return;
            }
            long id = sessions.open(c.sequence(), open, ctx.index(), position);
            result = ByteBuffer.allocate(2 * Long.BYTES).putLong(id).putLong(sessions.timeoutMillis(id)).array();
        } else if (command instanceof SystemCommand.Renew renew) {
            sessions.renew(renew.sessions());
        } else if (command instanceof SystemCommand.Close close) {
            if (sessions.close(close.session())) {
                ended(close.session(), position, false);
                ctx.at(position, c.clientId(), c.sequence());
            }
        } else if (command instanceof SystemCommand.Configure configure) {
            sessions.configure(configure);
        }
        digest.command(c.clientId(), c.sequence(), payloadDigest, AppliedDigest.Outcome.APPLIED, result);
        listener.onApplied(ctx, c, result);
    }

    private void expired(long sessionId) {
        ended(sessionId, nextExtraPosition++, true);
    }

    private void ended(long sessionId, int position, boolean expired) {
        ctx.at(position, sessionId, 0);
        try {
            stateMachine.onSessionExpired(ctx, sessionId);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the state machine failed on the end of session " + sessionId
                + " at entry " + ctx.index() + ": " + e, e);
        }
        digest.sessionEnded(sessionId, expired);
        listener.onSessionEnded(ctx, sessionId, expired);
    }

    private void answerRetry(Command c, long payloadDigest) {
        byte[] kept = sessions.retryResult();
        boolean refused = sessions.retryRefused();
        digest.command(c.clientId(), c.sequence(), payloadDigest,
            refused ? AppliedDigest.Outcome.REFUSED : AppliedDigest.Outcome.APPLIED, kept);
        listener.onRetry(c, kept, refused, sessions.retryIndex(), sessions.retryPosition());
    }

    private void refuse(Command c, long payloadDigest, Refusal refusal, String reason) {
        digest.command(c.clientId(), c.sequence(), payloadDigest, AppliedDigest.Outcome.SKIPPED, null);
        listener.onRefused(ctx, c, refusal, reason);
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
