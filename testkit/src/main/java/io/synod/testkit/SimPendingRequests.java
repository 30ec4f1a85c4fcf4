package io.synod.testkit;

import io.synod.api.ApplyContext;
import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.runtime.ReplicatedState;
import io.synod.testkit.trace.TraceEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;

/**
 * The client requests a {@link SimNode} has taken and not yet answered — commands waiting to be
 * applied, reads waiting for the core's ReadIndex and then for the state to catch up — and what
 * {@link ReplicatedState} reports as it applies: answers for the clients, session ends for the
 * oracle. It is the simulator's counterpart of the runtime's pending requests, kept apart from
 * the node so that the node itself reads as the order a {@code Ready} is carried out in.
 *
 * <p>Everything here lives in the node's memory: a crash {@linkplain #clear() forgets} it.
 */
final class SimPendingRequests implements ReplicatedState.ResultListener {

    /** A read waiting for this node to apply {@code index[0]} (a ReadIndex read learns it from the core). */
    private record PendingRead(Client<?, ?> client, long readId, byte[] query, long[] index, boolean local) {
    }

    private record Proposal(long clientId, long sequence) {
    }

    private final int id;
    private final Simulation<?, ?> sim;
    private final HashMap<Proposal, Client<?, ?>> proposals = new HashMap<>();
    private final HashMap<Long, PendingRead> reads = new HashMap<>();
    private final List<PendingRead> waitingReads = new ArrayList<>();

    SimPendingRequests(int id, Simulation<?, ?> sim) {
        this.id = id;
        this.sim = sim;
    }

    /** {@code client} proposed {@code command} here: it is answered when the command is applied or rejected. */
    void proposed(Client<?, ?> client, Command command) {
        proposals.put(new Proposal(command.clientId(), command.sequence()), client);
    }

    /** {@code client} asked the core for a ReadIndex read; it waits for the core's {@code ReadReady}. */
    void readAsked(Client<?, ?> client, long readId, byte[] query) {
        reads.put(readId, new PendingRead(client, readId, query, new long[] {-1}, false));
    }

    /** A local read, answered from {@code state} once it has applied at least {@code minIndex}. */
    void readLocal(Client<?, ?> client, long readId, long minIndex, byte[] query, ReplicatedState state) {
        waitingReads.add(new PendingRead(client, readId, query, new long[] {minIndex}, true));
        answerWaitingReads(state);
    }

    /** Forgets every request: the node crashed. */
    void clear() {
        proposals.clear();
        reads.clear();
        waitingReads.clear();
    }

    @Override
    public void onApplied(ApplyContext ctx, Command command, byte[] result) {
        sim.effects().applied(command.clientId(), command.sequence(), ctx.index(), ctx.position());
        Client<?, ?> client = proposals.remove(new Proposal(command.clientId(), command.sequence()));
        if (client != null) {
            sim.connections().answer(client, false, command.sequence(), result, id, ctx.index());
        }
    }

    @Override
    public void onRetry(Command command, byte[] result, boolean refused, long index, int position) {
        if (!refused) {
            sim.effects().applied(command.clientId(), command.sequence(), index, position);
        }
        Client<?, ?> client = proposals.remove(new Proposal(command.clientId(), command.sequence()));
        if (client != null && !refused) {
            sim.connections().answer(client, false, command.sequence(), result, id, index);
        } else if (client != null) {
            sim.connections().refuse(client, command.sequence(), ReplicatedState.Refusal.REJECTED);
        }
    }

    @Override
    public void onRefused(ApplyContext ctx, Command command, ReplicatedState.Refusal refusal, String reason) {
        Client<?, ?> client = proposals.remove(new Proposal(command.clientId(), command.sequence()));
        if (client != null) {
            sim.connections().refuse(client, command.sequence(), refusal);
        }
    }

    @Override
    public void onSessionEnded(ApplyContext ctx, long sessionId, boolean expired) {
        if (sim.sessionOracle().ended(id, sessionId, expired)) {
            sim.stats().sessionsExpired++;
            sim.sessionExpired(sessionId, ctx);
            sim.trace().record(sim.now(), TraceEvent.Kind.COMMIT, id, 0, "session " + sessionId + " expired at " + ctx);
        }
    }

    /** A reply of the core's: a rejected command or read, or a read whose index is now known. */
    void answer(ClientReply reply, ReplicatedState state) {
        if (reply instanceof ClientReply.Rejected r) {
            Client<?, ?> client = proposals.remove(new Proposal(r.clientId(), r.sequence()));
            if (client != null) {
                sim.connections().reject(client, false, r.sequence(), r.leaderHint());
            }
        } else if (reply instanceof ClientReply.ReadReady r) {
            PendingRead read = reads.get(r.readId());
            if (read != null) {
                read.index()[0] = r.index();
                waitingReads.add(read);
                answerWaitingReads(state);
            }
        } else if (reply instanceof ClientReply.ReadRejected r) {
            PendingRead read = reads.remove(r.readId());
            if (read != null) {
                sim.connections().reject(read.client(), true, r.readId(), r.leaderHint());
            }
        }
    }

    /** Answers, from {@code state}, every waiting read whose index it has applied. */
    void answerWaitingReads(ReplicatedState state) {
        for (Iterator<PendingRead> it = waitingReads.iterator(); it.hasNext(); ) {
            PendingRead read = it.next();
            if (state.appliedIndex() >= read.index()[0]) {
                it.remove();
                reads.remove(read.readId());
                if (read.local()) {
                    sim.stats().localReads++;
                    sim.stats().observerReads += id > sim.config().replicas() ? 1 : 0;
                    sim.stats().laggingReads += state.appliedIndex() < sim.highestChosen() ? 1 : 0;
                }
                sim.connections().answer(read.client(), true, read.readId(), state.query(read.query()), id, state.appliedIndex());
            }
        }
    }
}
