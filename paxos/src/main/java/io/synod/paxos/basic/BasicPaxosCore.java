package io.synod.paxos.basic;

import io.synod.api.ClientReply;
import io.synod.api.Command;
import io.synod.api.CoreStatus;
import io.synod.api.Effects;
import io.synod.api.Envelope;
import io.synod.api.InvalidMessageException;
import io.synod.api.ProtocolContext;
import io.synod.api.ProtocolCore;
import io.synod.api.Ready;
import io.synod.api.Recovered;
import io.synod.api.SnapshotMeta;
import io.synod.paxos.basic.BasicPaxosMessage.Accepted;
import io.synod.paxos.basic.BasicPaxosMessage.Chosen;
import io.synod.quorum.QuorumSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * One node of Basic Paxos run as a log of independent single-decree instances: a
 * {@link PaxosProposer}, a {@link PaxosAcceptor} and a {@link PaxosLearner}, each present or
 * not as the configuration says, sharing one {@link Effects} and one {@link BasicHardState}.
 *
 * <p><b>Routing.</b> Prepare and Accept go to the acceptor; Promise and Nack to the proposer;
 * Accepted to the learner and to the proposer (both count phase-2 quorums: the proposer to
 * know its attempt is over, the learner to learn); decisions that peers pass on (Chosen, and
 * snapshots the driver installed) to the learner, which tells the proposer, or to the proposer
 * alone on a node without a learner. A role the node lacks ignores its messages, which is always safe.
 *
 * <p><b>Durability.</b> Roles change the shared hard state; when a {@link Ready} is taken the
 * core stores it whole with that batch, so promises, acceptances and ballot rounds are durable
 * before the messages reporting them leave. Decisions go into the log in slot order. A slot's
 * votes are dropped from the hard state only in a batch taken after the batch that logged the
 * slot's decision, which the driver has finished (made durable) by then: a crash between the
 * two can therefore never lose both.
 *
 * <p><b>Clients.</b> A node needs a proposer (to order commands) and a learner (to apply them
 * and so complete client futures) to serve clients; others reject with a hint.
 */
public final class BasicPaxosCore implements ProtocolCore {

    private static final Logger LOG = LoggerFactory.getLogger(BasicPaxosCore.class);

    private final int self;
    private final int clientHint;
    private final Effects effects;
    private final BasicHardState state;
    private final PaxosProposer proposer;
    private final PaxosAcceptor acceptor;
    private final PaxosLearner learner;
    /** Decisions up to here are in batches the driver has finished with, hence durable. */
    private long durableThrough;
    /** Decisions up to here are in batches handed to the driver. */
    private long drainedThrough;

    BasicPaxosCore(ProtocolContext context, BasicPaxos config) {
        this.self = context.self();
        this.effects = new Effects(self);
        QuorumSystem quorum = config.quorumFor(context);
        int[] learners = config.learnersFor(context);
        int[] proposers = config.proposersFor(context);
        Recovered recovered = context.recovered();
        this.state = BasicHardState.decode(recovered.hardState());

        boolean learns = contains(learners, self);
        this.learner = learns
            ? new PaxosLearner(quorum, without(learners, self), context.random(), config.catchUpTicks(),
                config.catchUpBatch(), recovered.snapshot(), recovered.log(), effects)
            : null;
        this.acceptor = quorum.isMember(self) ? new PaxosAcceptor(state, learners, learner) : null;
        long decided = learner != null ? learner.chosenIndex() : 0;
        this.proposer = contains(proposers, self)
            ? new PaxosProposer(self, quorum, state, context.random(), context.wallClock(), config.backoff(),
                config.phaseTimeoutTicks(), config.maxBatch(), decided)
            : null;
        if (learner != null && proposer != null) {
            learner.listener(proposer);
        }
        this.clientHint = Arrays.stream(proposers).filter(p -> contains(learners, p)).findFirst().orElse(CoreStatus.NO_LEADER);
        // Votes for slots the recovered log already decides are no longer needed.
        this.durableThrough = decided;
        this.drainedThrough = decided;
        state.forgetThrough(decided);
        if (learner != null && state.forgottenThrough() > decided) {
            // A damaged log lost decisions whose votes are gone too: learn them before voting there.
            LOG.warn("node {} holds decisions through slot {} but dropped its votes through {}: re-learning before it votes"
                + " there", self, decided, state.forgottenThrough());
            learner.heardOf(state.forgottenThrough());
        }
    }

    @Override
    public void step(Envelope envelope) {
        if (!(envelope.message() instanceof BasicPaxosMessage message)) {
            throw new InvalidMessageException("node " + self + " got a message that is not Basic Paxos from node "
                + envelope.from() + ": " + envelope.message());
        }
        boolean taken = false;
        if (message instanceof Accepted) {
            taken = offer(learner, envelope) | offer(proposer, envelope);
        } else if (message instanceof Chosen) {
            taken = learner != null ? offer(learner, envelope) : offer(proposer, envelope);
        } else {
            taken = offer(acceptor, envelope) || offer(proposer, envelope) || offer(learner, envelope);
        }
        if (!taken) {
            LOG.debug("node {} plays no role for {} from node {}", self, message, envelope.from());
        }
    }

    private boolean offer(io.synod.api.role.Role role, Envelope envelope) {
        return role != null && role.onMessage(envelope, effects);
    }

    @Override
    public void tick() {
        if (proposer != null) {
            proposer.onTick(effects);
        }
        if (learner != null) {
            learner.onTick(effects);
        }
    }

    @Override
    public void propose(Command command) {
        if (proposer == null || learner == null) {
            effects.reply(new ClientReply.Rejected(command.clientId(), command.sequence(),
                ClientReply.Reason.NOT_LEADER, clientHint));
            return;
        }
        proposer.propose(command, effects);
    }

    @Override
    public void read(long readId) {
        if (proposer == null || learner == null) {
            effects.reply(new ClientReply.ReadRejected(readId, ClientReply.Reason.NOT_LEADER, clientHint));
            return;
        }
        proposer.read(readId, effects);
    }

    @Override
    public void compacted(SnapshotMeta snapshot) {
        if (learner != null) {
            learner.compacted(snapshot);
        }
    }

    @Override
    public void snapshotInstalled(SnapshotMeta snapshot) {
        if (learner != null) {
            learner.installed(snapshot, effects);
        } else if (proposer != null) {
            proposer.onDecidedThrough(snapshot.index(), effects);
        }
    }

    @Override
    public boolean hasReady() {
        return effects.hasPending() || state.isDirty();
    }

    @Override
    public Ready ready() {
        // The driver finished the previous Ready before asking for this one: its decisions are durable.
        durableThrough = drainedThrough;
        state.forgetThrough(durableThrough);
        if (state.isDirty()) {
            effects.persistHardState(state.encodeAndClean());
        }
        if (learner != null) {
            drainedThrough = learner.chosenIndex();
        }
        return effects.drain();
    }

    @Override
    public CoreStatus status() {
        StringJoiner roles = new StringJoiner("+");
        if (proposer != null) {
            roles.add("proposer(" + proposer.phase().name().toLowerCase() + ")");
        }
        if (acceptor != null) {
            roles.add("acceptor");
        }
        if (learner != null) {
            roles.add("learner");
        }
        long chosen = learner != null ? learner.chosenIndex() : 0;
        long round = proposer != null ? proposer.ballot().round() : state.proposerRound();
        return new CoreStatus(self, roles.toString(), CoreStatus.NO_LEADER, round, chosen);
    }

    /** The learner on this node, or {@code null}; for tests. */
    PaxosLearner learner() {
        return learner;
    }

    /** The acceptor votes and proposer round this node holds (what it persists); for invariants and calibration tests. */
    BasicHardState hardState() {
        return state;
    }

    /** The proposer on this node, or {@code null}; for tests. */
    PaxosProposer proposer() {
        return proposer;
    }

    private static boolean contains(int[] nodes, int node) {
        return Arrays.stream(nodes).anyMatch(n -> n == node);
    }

    private static int[] without(int[] nodes, int node) {
        return Arrays.stream(nodes).filter(n -> n != node).toArray();
    }
}
