package io.synod.twophase;

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
 * One node of two-phase commit: a {@link TwoPhaseCoordinator} for the transactions it begins and
 * a {@link TwoPhaseParticipant} for those it takes part in, composed on one {@link CommitEffects}
 * so that their records reach the disk in one batch before any of their messages leave.
 */
final class TwoPhaseCore implements CommitCore {

    private final CommitEffects fx;
    private final RecordTrail trail = new RecordTrail();
    private final TwoPhaseCoordinator coordinator;
    private final TwoPhaseParticipant participant;

    TwoPhaseCore(CommitContext context, TwoPhaseCommit config) {
        this.fx = new CommitEffects(context.self(), context.lastRecord());
        this.coordinator = new TwoPhaseCoordinator(context.self(), config, trail);
        this.participant = new TwoPhaseParticipant(context.self(), config, trail);
        for (LogEntry entry : context.records()) {
            TwoPhaseRecord record = TwoPhaseRecord.decode(entry.index(), entry.data());
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
        if (!(envelope.message() instanceof TwoPhaseMessage)) {
            throw new InvalidMessageException("not a two-phase commit message: " + envelope.message());
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
