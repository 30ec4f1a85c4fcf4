package io.synod.testkit;

import io.synod.api.Command;
import io.synod.api.CoreStatus;
import io.synod.runtime.ReplicatedState;
import io.synod.testkit.trace.TraceEvent;

/**
 * The connections between the simulated clients and the nodes: a request or an answer arrives a
 * network delay after it leaves and is never lost (a client's retries cover a node that is down);
 * a node that stopped for good refuses the connection, so its clients learn at once to go
 * elsewhere. Kept apart from the {@link Simulation} so that what crosses between a {@link Client}
 * and a {@link SimNode}, in both directions, reads in one place.
 */
final class ClientConnections {

    private final Simulation<?, ?> sim;

    ClientConnections(Simulation<?, ?> sim) {
        this.sim = sim;
    }

    void propose(Client<?, ?> client, int node, Command command) {
        sim.oracle().proposed(command);
        sim.trace().record(sim.now(), TraceEvent.Kind.SEND, 0, node, "client " + command.clientId() + " proposes #" + command.sequence());
        sim.after(sim.network().delay(), () -> {
            SimNode to = sim.simNode(node);
            if (to.isUp()) {
                to.propose(client, command);
            } else if (to.isFailed()) {
                refused(client, false, command.sequence(), node);
            }
        });
    }

    void read(Client<?, ?> client, int node, long readId, byte[] query) {
        sim.trace().record(sim.now(), TraceEvent.Kind.SEND, 0, node, "client " + client.clientId() + " reads (read " + readId + ")");
        sim.after(sim.network().delay(), () -> {
            SimNode to = sim.simNode(node);
            if (to.isUp()) {
                to.read(client, readId, query);
            } else if (to.isFailed()) {
                refused(client, true, readId, node);
            }
        });
    }

    void readLocal(Client<?, ?> client, int node, long readId, long minIndex, byte[] query) {
        sim.trace().record(sim.now(), TraceEvent.Kind.SEND, 0, node, "client " + client.clientId() + " reads locally (read " + readId
            + ", seen index " + minIndex + ")");
        sim.after(sim.network().delay(), () -> {
            SimNode to = sim.simNode(node);
            if (to.isUp()) {
                to.readLocal(client, readId, minIndex, query);
            } else if (to.isFailed()) {
                refused(client, true, readId, node);
            }
        });
    }

    /** A node stopped for good refuses connections, so its clients learn at once to go elsewhere. */
    private void refused(Client<?, ?> client, boolean read, long key, int node) {
        sim.trace().record(sim.now(), TraceEvent.Kind.DROP, node, 0, "node stopped for good: connection refused");
        reject(client, read, key, CoreStatus.NO_LEADER);
    }

    /** A client pings its session at {@code node}. */
    void touch(int node, long sessionId) {
        sim.after(sim.network().delay(), () -> {
            SimNode to = sim.simNode(node);
            if (to.isUp()) {
                to.touch(sessionId);
            }
        });
    }

    /** The replicas refused a client's command for good (see {@link Client#refusedForGood}). */
    void refuse(Client<?, ?> client, long sequence, ReplicatedState.Refusal why) {
        sim.after(sim.network().delay(), () -> client.refusedForGood(sequence, why));
    }

    /** Answers a client; {@code index} is the log index the answer reflects (what the node had applied). */
    void answer(Client<?, ?> client, boolean read, long key, byte[] result, int node, long index) {
        sim.after(sim.network().delay(), () -> client.answered(read, key, result, node, index));
    }

    void reject(Client<?, ?> client, boolean read, long key, int hint) {
        sim.after(sim.network().delay(), () -> client.rejected(read, key, hint));
    }
}
