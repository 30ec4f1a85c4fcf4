package io.synod.paxos.basic;

import io.synod.api.Effects;
import io.synod.api.Envelope;
import io.synod.api.role.Acceptor;
import io.synod.paxos.basic.BasicPaxosMessage.Accept;
import io.synod.paxos.basic.BasicPaxosMessage.Accepted;
import io.synod.paxos.basic.BasicPaxosMessage.Nack;
import io.synod.paxos.basic.BasicPaxosMessage.Prepare;
import io.synod.paxos.basic.BasicPaxosMessage.Promise;

import java.util.Arrays;

/**
 * The Basic Paxos acceptor, one Synod instance per slot ("Paxos Made Simple", §2.2):
 * <ul>
 *   <li>on {@code Prepare(n)} above or at its promise, it promises {@code n} and reports the
 *       highest-ballot value it accepted in that slot; below its promise it answers {@code Nack}
 *       with the ballot it promised, so the proposer knows what to outbid;</li>
 *   <li>on {@code Accept(n, v)} at or above its promise, it accepts and tells every learner and
 *       the proposer {@code Accepted(n, v)}; below, {@code Nack}.</li>
 * </ul>
 * Every promise and acceptance goes into the node's {@link BasicHardState}, which the core
 * stores with the batch that carries the reply: durable before the reply leaves.
 *
 * <p>When the node's learner already knows the slot's decision, the acceptor answers with the
 * decision instead of voting; its votes for such slots may have been dropped (see
 * {@link BasicHardState}). Ignoring any message is always safe.
 */
final class PaxosAcceptor implements Acceptor {

    private final BasicHardState state;
    private final int[] learners;
    private final PaxosLearner localLearner;

    /**
     * @param learners     the nodes that learn, to which every acceptance is reported
     * @param localLearner the learner on this node, or {@code null} for an acceptor-only node
     */
    PaxosAcceptor(BasicHardState state, int[] learners, PaxosLearner localLearner) {
        this.state = state;
        this.learners = learners.clone();
        this.localLearner = localLearner;
    }

    @Override
    public boolean onMessage(Envelope envelope, Effects effects) {
        if (envelope.message() instanceof Prepare p) {
            onPrepare(envelope.from(), p, effects);
            return true;
        }
        if (envelope.message() instanceof Accept a) {
            onAccept(envelope.from(), a, effects);
            return true;
        }
        return false;
    }

    private void onPrepare(int from, Prepare prepare, Effects effects) {
        if (answeredWithDecision(from, prepare.slot(), effects) || forgotten(prepare.slot())) {
            return;
        }
        AcceptorSlot slot = state.slot(prepare.slot());
        if (!prepare.ballot().isAtLeast(slot.promised())) {
            effects.send(from, new Nack(prepare.slot(), prepare.ballot(), slot.promised()));
            return;
        }
        if (slot.promise(prepare.ballot())) {
            state.markDirty();
        }
        effects.send(from, new Promise(prepare.slot(), prepare.ballot(), slot.acceptedBallot(), slot.acceptedValue()));
    }

    private void onAccept(int from, Accept accept, Effects effects) {
        if (answeredWithDecision(from, accept.slot(), effects) || forgotten(accept.slot())) {
            return;
        }
        AcceptorSlot slot = state.slot(accept.slot());
        if (!accept.ballot().isAtLeast(slot.promised())) {
            effects.send(from, new Nack(accept.slot(), accept.ballot(), slot.promised()));
            return;
        }
        if (slot.accept(accept.ballot(), accept.value())) {
            state.markDirty();
        }
        Accepted accepted = new Accepted(accept.slot(), accept.ballot(), accept.value());
        effects.send(learners, accepted);
        if (Arrays.stream(learners).noneMatch(l -> l == from)) {
            effects.send(from, accepted);
        }
    }

    /**
     * True for a slot whose votes this acceptor dropped once its decision was durable, but whose
     * decision its log no longer holds (storage found it damaged): it may have voted for the
     * chosen value there and cannot say for which, so it stays silent until its learner has
     * re-learned the decision from a peer. Silence is always safe; a vote here might not be.
     */
    private boolean forgotten(long slot) {
        return slot <= state.forgottenThrough();
    }

    /**
     * A slot this node knows decided gets no vote (its votes may be gone already): the asker gets
     * the decision instead.
     */
    private boolean answeredWithDecision(int from, long slot, Effects effects) {
        if (localLearner == null || slot > localLearner.chosenIndex()) {
            return false;
        }
        localLearner.tellDecided(from, slot, effects);
        return true;
    }
}
