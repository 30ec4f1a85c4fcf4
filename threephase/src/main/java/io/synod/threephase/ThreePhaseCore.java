package io.synod.threephase;

import io.synod.api.Envelope;
import io.synod.api.InvalidMessageException;
import io.synod.api.LogEntry;
import io.synod.api.commit.CommitContext;
import io.synod.api.commit.CommitCore;
import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.CommitReady;
import io.synod.api.commit.RecordTrail;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;

/**
 * One node of three-phase commit: a {@link ThreePhaseCoordinator} and a
 * {@link ThreePhaseParticipant} (which leads termination rounds) on one {@link CommitEffects}.
 */
final class ThreePhaseCore implements CommitCore {

    private final CommitEffects fx;
    private final RecordTrail trail = new RecordTrail();
    private final ThreePhaseCoordinator coordinator;
    private final ThreePhaseParticipant participant;

    ThreePhaseCore(CommitContext context, ThreePhaseCommit config) {
        this.fx = new CommitEffects(context.self(), context.lastRecord());
        this.coordinator = new ThreePhaseCoordinator(context.self(), config, trail);
        this.participant = new ThreePhaseParticipant(context.self(), config, trail, context.random());
        for (LogEntry entry : context.records()) {
            ThreePhaseRecord record = ThreePhaseRecord.decode(entry.index(), entry.data());
            coordinator.recover(entry.index(), record);
            participant.recover(entry.index(), record, fx);
        }
    }

    @Override
    public void begin(Transaction transaction) {
        trail.releaseInto(fx);
        coordinator.begin(transaction, fx);
    }

    @Override
    public void step(Envelope envelope) {
        if (!(envelope.message() instanceof ThreePhaseMessage)) {
            throw new InvalidMessageException("not a three-phase commit message: " + envelope.message());
        }
        trail.releaseInto(fx);
        if (!coordinator.onMessage(envelope, fx)) {
            participant.onMessage(envelope, fx);
        }
    }

    @Override
    public void tick() {
        trail.releaseInto(fx);
        participant.onTick(fx);
        coordinator.onTick(fx);
    }

    @Override
    public void resourceVoted(TransactionId transaction, Vote vote) {
        trail.releaseInto(fx);
        participant.resourceVoted(transaction, vote, fx);
    }

    @Override
    public boolean hasReady() {
        return fx.hasPending();
    }

    @Override
    public CommitReady ready() {
        return fx.drain();
    }
}
