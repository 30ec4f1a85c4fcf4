package io.synod.runtime;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.ProtocolCore;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The client requests a replica has taken and not yet answered: commands waiting to be applied
 * and linearizable reads waiting to be confirmed and then for the state to catch up. It hands
 * them to the core, proposes them again while unanswered, times them out, and completes each
 * future exactly once — with the command's own outcome, the read's answer, or a failure.
 *
 * <p>Not thread-safe: it belongs to the replica's driver thread.
 */
final class PendingRequests {

    private final long clientId;
    private final ProtocolCore core;
    private final ReplicatedState state;
    private final ReplicaConfig config;
    private final Admission admission;
    private final Long2ObjectHashMap<PendingCommand> commands = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<PendingRead> reads = new Long2ObjectHashMap<>();
    private final List<PendingRead> readsAwaitingApply = new ArrayList<>();

    PendingRequests(long clientId, ProtocolCore core, ReplicatedState state, ReplicaConfig config, Admission admission) {
        this.clientId = clientId;
        this.core = core;
        this.state = state;
        this.config = config;
        this.admission = admission;
    }

    /** Hands a request to the core (or, for a local read, answers it at once); {@code ticks} is the time now. */
    void take(ClientRequest request, long ticks) {
        if (request instanceof ClientRequest.Submit submit) {
            commands.put(submit.command().sequence(), new PendingCommand(submit, ticks + config.retryTicks()));
            core.propose(submit.command());
        } else if (request instanceof ClientRequest.Query query) {
            if (query.linearizable()) {
                reads.put(query.readId(), new PendingRead(query, ticks + config.retryTicks()));
                core.read(query.readId());
            } else {
                answerQuery(query);
            }
        }
    }

    /** Fails what ran out of time and proposes again what waited {@code retryTicks} unanswered. */
    void retryAndExpire(long nowNanos, long ticks) {
        for (Iterator<PendingCommand> it = commands.values().iterator(); it.hasNext(); ) {
            PendingCommand p = it.next();
            if (nowNanos - p.submit.deadlineNanos() >= 0) {
                it.remove();
                admission.leave();
                p.submit.future().completeExceptionally(new RequestFailedException(RequestFailedException.Cause.TIMEOUT,
                    "command " + clientId + "#" + p.submit.command().sequence() + " not applied within " + config.requestTimeout()));
            } else if (ticks >= p.retryAtTick) {
                p.retryAtTick = ticks + config.retryTicks();
                core.propose(p.submit.command());
            }
        }
        for (Iterator<PendingRead> it = reads.values().iterator(); it.hasNext(); ) {
            PendingRead p = it.next();
            if (nowNanos - p.query.deadlineNanos() >= 0) {
                it.remove();
                readsAwaitingApply.remove(p);
                p.query.future().completeExceptionally(new RequestFailedException(RequestFailedException.Cause.TIMEOUT,
                    "read " + p.query.readId() + " not confirmed within " + config.requestTimeout()));
            } else if (p.readyIndex < 0 && ticks >= p.retryAtTick) {
                p.retryAtTick = ticks + config.retryTicks();
                core.read(p.query.readId());
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
        PendingCommand p = r.clientId() == clientId ? commands.get(r.sequence()) : null;
        if (p == null) {
            return; // not ours, or a digest report: the next one will do
        }
        if (r.reason() == ClientReply.Reason.ABORTED) {
            commands.remove(r.sequence());
            admission.leave();
            p.submit.future().completeExceptionally(new RequestFailedException(RequestFailedException.Cause.REFUSED,
                "command " + clientId + "#" + r.sequence() + " aborted"));
        } else {
            p.retryAtTick = ticks + 1;
        }
    }

    /** Answers the confirmed reads whose index the state has reached. */
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

    private void answerQuery(ClientRequest.Query query) {
        try {
            query.future().complete(state.query(query.query()));
        } catch (RuntimeException e) {
            // A query is read-only: a bad one fails its own future and nothing else.
            query.future().completeExceptionally(e);
        }
    }

    /** A command was applied with {@code result}: completes it if it is one of ours. */
    void onApplied(Command command, byte[] result) {
        PendingCommand p = take(command);
        if (p != null) {
            p.submit.future().complete(result);
        }
    }

    /** A command was refused: fails it if it is one of ours. */
    void onRefused(Command command, ReplicatedState.Refusal refusal, String reason) {
        PendingCommand p = take(command);
        if (p == null) {
            return;
        }
        RequestFailedException.Cause cause = switch (refusal) {
            case REJECTED -> RequestFailedException.Cause.REJECTED;
            case CONFLICT -> RequestFailedException.Cause.CONFLICT;
            case EXPIRED -> RequestFailedException.Cause.EXPIRED;
        };
        p.submit.future().completeExceptionally(new RequestFailedException(cause, reason));
    }

    /**
     * The pending command an outcome is for: same client, same number and same payload. A command
     * with our number but another payload is someone else's — an earlier handle's, replayed from
     * the log after a restart — and its outcome is not ours to report.
     */
    private PendingCommand take(Command command) {
        if (command.clientId() != clientId) {
            return null;
        }
        PendingCommand p = commands.get(command.sequence());
        if (p == null || !Arrays.equals(p.submit.command().payload(), command.payload())) {
            return null;
        }
        commands.remove(command.sequence());
        admission.leave();
        return p;
    }

    /** Fails every pending request with {@code cause}. */
    void failAll(RequestFailedException cause) {
        for (PendingCommand p : commands.values()) {
            p.submit.future().completeExceptionally(cause);
        }
        commands.clear();
        for (PendingRead p : reads.values()) {
            p.query.future().completeExceptionally(cause);
        }
        reads.clear();
        readsAwaitingApply.clear();
    }

    private static final class PendingCommand {
        final ClientRequest.Submit submit;
        long retryAtTick;

        PendingCommand(ClientRequest.Submit submit, long retryAtTick) {
            this.submit = submit;
            this.retryAtTick = retryAtTick;
        }
    }

    private static final class PendingRead {
        final ClientRequest.Query query;
        long retryAtTick;
        long readyIndex = -1;

        PendingRead(ClientRequest.Query query, long retryAtTick) {
            this.query = query;
            this.retryAtTick = retryAtTick;
        }
    }
}
