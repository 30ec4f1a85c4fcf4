package io.synod.runtime;

import io.synod.api.ApplyContext;
import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.ProtocolCore;
import io.synod.runtime.PendingCommand.Kind;
import io.synod.runtime.session.SessionUpkeep;
import io.synod.runtime.session.SystemCommand;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The client requests a replica has taken and not yet answered: commands waiting to be applied
 * (the handle's own, callers' sessions', and the session changes), reads waiting to be confirmed
 * and then for the state to catch up. It hands them to the core, proposes them again while
 * unanswered, times them out, and completes each future exactly once — with the command's own
 * outcome, the read's answer, or a failure.
 *
 * <p><b>The handle's own session.</b> The handle's commands run in a session like any other,
 * opened through the log at the first command (which waits for it) and kept alive on every tick.
 * If it ends (expired while this replica was cut off), the commands still waiting fail with
 * {@link RequestFailedException.Cause#SESSION_EXPIRED} and the next command opens a new one. The
 * handle acknowledges every number below its lowest unanswered one, so the replicas keep few of
 * its results.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread.
 */
final class PendingRequests {

    private final ProtocolCore core;
    private final ReplicatedState state;
    private final ReplicaConfig config;
    private final Admission admission;
    private final SessionUpkeep upkeep;
    /** Pending commands by session (or reserved client id), then sequence number. */
    private final Long2ObjectHashMap<Long2ObjectHashMap<PendingCommand>> commands = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<PendingRead> reads = new Long2ObjectHashMap<>();
    private final List<PendingRead> readsAwaitingApply = new ArrayList<>();
    /** Commands of the entry being applied, completed once it is applied whole. */
    private final List<PendingCommand> appliedInEntry = new ArrayList<>();
    private final ArrayDeque<ClientRequest.Submit> awaitingOwnSession = new ArrayDeque<>();
    private volatile long ownSession;
    private boolean ownOpening;
    private long ownSequence;
    private long ownAckedThrough;
    /** The tick count as of the last request taken or the last tick. */
    private long ticksNow;

    PendingRequests(ProtocolCore core, ReplicatedState state, ReplicaConfig config, Admission admission, SessionUpkeep upkeep) {
        this.core = core;
        this.state = state;
        this.config = config;
        this.admission = admission;
        this.upkeep = upkeep;
    }

    /** The handle's own session, 0 while none is open. Read from any thread. */
    /** Sessions with a map of pending commands here (the handle's own keeps its map while it lives). */
    int sessionMaps() {
        return commands.size();
    }

    long ownSession() {
        return ownSession;
    }

    /** Hands a request to the core (or, for a local read, answers it at once); {@code ticks} is the time now. */
    void take(ClientRequest request, long ticks) {
        ticksNow = ticks;
        if (request instanceof ClientRequest.Submit submit) {
            if (!submit.own()) {
                propose(submit.command(), Kind.CALLER, submit.applied(), submit.deadlineNanos(), ticks);
            } else if (ownSession == 0) {
                awaitingOwnSession.addLast(submit);
                openOwnSession(ticks);
            } else {
                proposeOwn(submit, ticks);
            }
        } else if (request instanceof ClientRequest.SessionChange change) {
            Command command = switch (change.kind()) {
                case OPEN -> new SystemCommand.Open(change.timeoutMillis(), change.fifo()).toCommand(upkeep.nonce());
                case CLOSE -> new SystemCommand.Close(change.sessionId()).toCommand(upkeep.nonce());
                case CONFIGURE -> new SystemCommand.Configure(change.config(), false).toCommand(upkeep.nonce());
            };
            Kind kind = switch (change.kind()) {
                case OPEN -> Kind.OPEN;
                case CLOSE -> Kind.CLOSE;
                case CONFIGURE -> Kind.CONFIGURE;
            };
            propose(command, kind, change.future(), change.deadlineNanos(), ticks);
        } else if (request instanceof ClientRequest.Touch touch) {
            upkeep.touch(touch.sessionId());
        } else if (request instanceof ClientRequest.Query query) {
            takeQuery(query, ticks);
        }
    }

    private void takeQuery(ClientRequest.Query query, long ticks) {
        switch (query.mode()) {
            case LOCAL -> answerQuery(query);
            case LOCAL_AT_LEAST -> {
                if (state.appliedIndex() >= query.minIndex()) {
                    answerQuery(query);
                } else {
                    PendingRead p = new PendingRead(query, Long.MAX_VALUE);
                    p.readyIndex = query.minIndex();
                    reads.put(query.readId(), p);
                    readsAwaitingApply.add(p);
                }
            }
            case LINEARIZABLE, SYNC -> {
                reads.put(query.readId(), new PendingRead(query, ticks + config.retryTicks()));
                core.read(query.readId());
            }
        }
    }

    private void proposeOwn(ClientRequest.Submit submit, long ticks) {
        long sequence = ++ownSequence;
        Command command = new Command(ownSession, sequence, ownAckedThrough, submit.payload());
        propose(command, Kind.OWN, submit.plain(), submit.deadlineNanos(), ticks);
    }

    private void openOwnSession(long ticks) {
        if (ownOpening) {
            return;
        }
        ownOpening = true;
        Command open = new SystemCommand.Open(0, false).toCommand(upkeep.nonce());
        propose(open, Kind.OWN_OPEN, null, config.clock().nanoTime() + config.requestTimeout().toNanos(), ticks);
    }

    private void propose(Command command, Kind kind, CompletableFuture<?> future, long deadlineNanos, long ticks) {
        Long2ObjectHashMap<PendingCommand> ofSession = commands.get(command.clientId());
        if (ofSession == null) {
            ofSession = new Long2ObjectHashMap<>();
            commands.put(command.clientId(), ofSession);
        }
        if (ofSession.containsKey(command.sequence())) {
            fail(new PendingCommand(command, kind, future, deadlineNanos, 0), RequestFailedException.Cause.CONFLICT,
                "command " + command.clientId() + "#" + command.sequence() + " is already waiting on this replica");
            return;
        }
        ofSession.put(command.sequence(), new PendingCommand(command, kind, future, deadlineNanos, ticks + config.retryTicks()));
        core.propose(command);
    }

    /** Keeps the handle's session alive, and fails or proposes again what waited too long; {@code ticks} is the time now. */
    void retryAndExpire(long nowNanos, long ticks) {
        ticksNow = ticks;
        if (ownSession != 0) {
            upkeep.touch(ownSession);
        }
        for (Iterator<ClientRequest.Submit> it = awaitingOwnSession.iterator(); it.hasNext(); ) {
            ClientRequest.Submit s = it.next();
            if (nowNanos - s.deadlineNanos() >= 0) {
                it.remove();
                admission.leave();
                s.plain().completeExceptionally(new RequestFailedException(RequestFailedException.Cause.TIMEOUT,
                    "no session for this handle's commands within " + config.requestTimeout()));
            }
        }
        List<PendingCommand> expired = null;
        for (Long2ObjectHashMap<PendingCommand> ofSession : commands.values()) {
            for (PendingCommand p : ofSession.values()) {
                if (nowNanos - p.deadlineNanos >= 0) {
                    expired = expired == null ? new ArrayList<>() : expired;
                    expired.add(p);
                } else if (ticks >= p.retryAtTick) {
                    p.retryAtTick = ticks + config.retryTicks();
                    core.propose(p.command);
                }
            }
        }
        if (expired != null) {
            for (PendingCommand p : expired) {
                remove(p.command);
                if (p.kind == Kind.OWN_OPEN) {
                    ownOpening = false;
                    if (!awaitingOwnSession.isEmpty()) {
                        openOwnSession(ticks);
                    }
                } else {
                    fail(p, RequestFailedException.Cause.TIMEOUT, "command " + p.command.clientId() + "#"
                        + p.command.sequence() + " not applied within " + config.requestTimeout());
                }
            }
        }
        for (Iterator<PendingRead> it = reads.values().iterator(); it.hasNext(); ) {
            PendingRead p = it.next();
            if (nowNanos - p.query.deadlineNanos() >= 0) {
                it.remove();
                readsAwaitingApply.remove(p);
                p.query.future().completeExceptionally(new RequestFailedException(RequestFailedException.Cause.TIMEOUT,
                    (p.query.mode() == ClientRequest.Query.Mode.LOCAL_AT_LEAST
                        ? "index " + p.query.minIndex() + " not applied" : "read " + p.query.readId() + " not confirmed")
                        + " within " + config.requestTimeout()));
            } else if (p.readyIndex < 0 && ticks >= p.retryAtTick) {
                p.retryAtTick = ticks + config.retryTicks();
                core.read(p.query.readId());
            }
        }
    }

    /**
     * Another leader became known: what was forwarded to the old one may have died with it (a
     * follower hands a command to its leader and forgets it), so every unanswered command and read
     * is asked again at the next tick instead of after {@code retryTicks}. A command that did get
     * through is answered from the session table on its retry, as any retry is.
     */
    void leaderChanged(long ticks) {
        for (Long2ObjectHashMap<PendingCommand> ofSession : commands.values()) {
            for (PendingCommand p : ofSession.values()) {
                p.retryAtTick = Math.min(p.retryAtTick, ticks + 1);
            }
        }
        for (PendingRead p : reads.values()) {
            if (p.readyIndex < 0) {
                p.retryAtTick = Math.min(p.retryAtTick, ticks + 1);
            }
        }
    }

    /** What the core said about a request other than "applied". */
    void answer(ClientReply reply, long ticks) {
        if (reply instanceof ClientReply.Rejected r) {
            onRejected(r, ticks);
        } else if (reply instanceof ClientReply.ReadReady r) {
            PendingRead p = reads.get(r.readId());
            if (p != null && p.readyIndex < 0) {
                p.readyIndex = r.index();
                readsAwaitingApply.add(p);
            }
        } else if (reply instanceof ClientReply.ReadRejected r) {
            PendingRead p = reads.get(r.readId());
            if (p != null) {
                p.retryAtTick = ticks + 1;
            }
        }
    }

    private void onRejected(ClientReply.Rejected r, long ticks) {
        Long2ObjectHashMap<PendingCommand> ofSession = commands.get(r.clientId());
        PendingCommand p = ofSession == null ? null : ofSession.get(r.sequence());
        if (p == null) {
            return; // not ours, or a renewal or report: the next one will do
        }
        if (r.reason() == ClientReply.Reason.ABORTED) {
            remove(p.command);
            fail(p, RequestFailedException.Cause.REFUSED, "command " + r.clientId() + "#" + r.sequence() + " aborted");
        } else {
            p.retryAtTick = ticks + 1;
        }
    }

    /** Answers the reads whose index the state has reached. */
    void serveReadsUpTo(long applied) {
        if (readsAwaitingApply.isEmpty()) {
            return;
        }
        for (Iterator<PendingRead> it = readsAwaitingApply.iterator(); it.hasNext(); ) {
            PendingRead p = it.next();
            if (p.readyIndex <= applied) {
                it.remove();
                reads.remove(p.query.readId());
                answerQuery(p.query);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void answerQuery(ClientRequest.Query query) {
        if (query.mode() == ClientRequest.Query.Mode.SYNC) {
            ((CompletableFuture<Long>) query.future()).complete(state.appliedIndex());
            return;
        }
        try {
            ((CompletableFuture<byte[]>) query.future()).complete(state.query(query.query()));
        } catch (RuntimeException e) {
            // A query is read-only: a bad one fails its own future and nothing else.
            query.future().completeExceptionally(e);
        }
    }

    /** A command was applied with {@code result} at {@code ctx}: completes it if it is one of ours. */
    void onApplied(ApplyContext ctx, Command command, byte[] result) {
        PendingCommand p = take(command);
        if (p != null) {
            complete(p, result, ctx.index(), ctx.position());
        }
    }

    /** A retry was answered from the session table: completes it if it is one of ours. */
    void onRetry(Command command, byte[] result, boolean refused, long index, int position) {
        PendingCommand p = take(command);
        if (p == null) {
            return;
        }
        if (refused) {
            fail(p, RequestFailedException.Cause.REJECTED, new String(result, java.nio.charset.StandardCharsets.UTF_8));
        } else {
            complete(p, result, index, position);
        }
    }

    /** A command was refused: fails it if it is one of ours. */
    void onRefused(Command command, ReplicatedState.Refusal refusal, String reason) {
        PendingCommand p = take(command);
        if (p == null) {
            return;
        }
        if (p.kind == Kind.OWN_OPEN) {
            ownOpening = false;
            openOwnSession(ticksNow);
            return;
        }
        RequestFailedException.Cause cause = switch (refusal) {
            case REJECTED -> RequestFailedException.Cause.REJECTED;
            case CONFLICT -> RequestFailedException.Cause.CONFLICT;
            case EXPIRED -> RequestFailedException.Cause.EXPIRED;
            case SESSION_EXPIRED -> RequestFailedException.Cause.SESSION_EXPIRED;
        };
        fail(p, cause, reason);
    }

    /** A session ended: what still waits in it never applies. */
    void onSessionEnded(long sessionId) {
        if (sessionId == ownSession) {
            ownSession = 0;
        }
        Long2ObjectHashMap<PendingCommand> ofSession = commands.remove(sessionId);
        if (ofSession == null) {
            return;
        }
        for (PendingCommand p : ofSession.values()) {
            fail(p, RequestFailedException.Cause.SESSION_EXPIRED, "session " + sessionId + " ended before command "
                + sessionId + "#" + p.command.sequence() + " was applied after it");
        }
    }

    @SuppressWarnings("unchecked")
    /**
     * Holds a command's outcome until its whole entry is applied ({@link #completeApplied}): its
     * client, woken by the future, must find {@link Replica#appliedIndex()} at or past the command's
     * index, not still at the entry before.
     */
    private void complete(PendingCommand p, byte[] result, long index, int position) {
        p.result = result;
        p.index = index;
        p.position = position;
        appliedInEntry.add(p);
    }

    /** Completes the commands of the entry just applied; the driver calls it after each entry. */
    void completeApplied() {
        for (int i = 0; i < appliedInEntry.size(); i++) {
            PendingCommand p = appliedInEntry.get(i);
            byte[] result = p.result;
            p.result = null;
            finish(p, result, p.index, p.position);
        }
        appliedInEntry.clear();
    }

    private void finish(PendingCommand p, byte[] result, long index, int position) {
        switch (p.kind) {
            case OWN -> ((CompletableFuture<byte[]>) p.future).complete(result);
            case CALLER -> ((CompletableFuture<Applied>) p.future).complete(new Applied(result, index, position));
            case OPEN -> ((CompletableFuture<Session>) p.future).complete(session(result));
            case OWN_OPEN -> ownSessionOpened(session(result).id());
            case CLOSE, CONFIGURE -> ((CompletableFuture<Void>) p.future).complete(null);
        }
    }

    private static Session session(byte[] openResult) {
        ByteBuffer in = ByteBuffer.wrap(openResult);
        return new Session(in.getLong(), Duration.ofMillis(in.getLong()));
    }

    private void ownSessionOpened(long id) {
        ownOpening = false;
        ownSession = id;
        ownSequence = 0;
        ownAckedThrough = 0;
        upkeep.touch(id);
        // Taken before time moves on: their deadlines were checked at the last tick.
        while (!awaitingOwnSession.isEmpty()) {
            ClientRequest.Submit s = awaitingOwnSession.pollFirst();
            long sequence = ++ownSequence;
            Command command = new Command(ownSession, sequence, ownAckedThrough, s.payload());
            Long2ObjectHashMap<PendingCommand> ofSession = commands.get(id);
            if (ofSession == null) {
                ofSession = new Long2ObjectHashMap<>();
                commands.put(id, ofSession);
            }
            ofSession.put(sequence, new PendingCommand(command, Kind.OWN, s.plain(), s.deadlineNanos(), ticksNow + config.retryTicks()));
            core.propose(command);
        }
    }

    private void fail(PendingCommand p, RequestFailedException.Cause cause, String reason) {
        if (p.kind == Kind.OWN) {
            admission.leave();
        }
        if (p.future != null) {
            p.future.completeExceptionally(new RequestFailedException(cause, reason));
        }
    }

    /**
     * The pending command an outcome is for: same session, same number and same payload. A command
     * with our number but another payload is someone else's — an earlier handle's, replayed from
     * the log after a restart — and its outcome is not ours to report.
     */
    private PendingCommand take(Command command) {
        Long2ObjectHashMap<PendingCommand> ofSession = commands.get(command.clientId());
        if (ofSession == null) {
            return null;
        }
        PendingCommand p = ofSession.get(command.sequence());
        if (p == null || !Arrays.equals(p.command.payload(), command.payload())) {
            return null;
        }
        remove(p.command);
        if (p.kind == Kind.OWN) {
            admission.leave();
        }
        return p;
    }

    private void remove(Command command) {
        Long2ObjectHashMap<PendingCommand> ofSession = commands.get(command.clientId());
        if (ofSession == null) {
            return;
        }
        ofSession.remove(command.sequence());
        // The handle's own session keeps its emptied map: its commands come in waves that are all
        // answered at once, and a map rebuilt for each wave would rehash its way up again.
        if (ofSession.isEmpty() && command.clientId() != ownSession) {
            commands.remove(command.clientId());
        }
        if (command.clientId() == ownSession && ownSession != 0) {
            advanceOwnAck();
        }
    }

    /** Moves the handle's acknowledgement up past every number no longer waiting. */
    private void advanceOwnAck() {
        Long2ObjectHashMap<PendingCommand> own = commands.get(ownSession);
        while (ownAckedThrough < ownSequence && (own == null || !own.containsKey(ownAckedThrough + 1))) {
            ownAckedThrough++;
        }
    }

    /** Fails every pending request with {@code cause}. */
    void failAll(RequestFailedException cause) {
        for (Long2ObjectHashMap<PendingCommand> ofSession : commands.values()) {
            for (PendingCommand p : ofSession.values()) {
                if (p.future != null) {
                    p.future.completeExceptionally(cause);
                }
            }
        }
        commands.clear();
        // Applied in an entry that did not finish applying (the replica stops): not answered as done.
        for (PendingCommand p : appliedInEntry) {
            if (p.future != null) {
                p.future.completeExceptionally(cause);
            }
        }
        appliedInEntry.clear();
        for (ClientRequest.Submit s : awaitingOwnSession) {
            s.plain().completeExceptionally(cause);
        }
        awaitingOwnSession.clear();
        for (PendingRead p : reads.values()) {
            p.query.future().completeExceptionally(cause);
        }
        reads.clear();
        readsAwaitingApply.clear();
    }
}
