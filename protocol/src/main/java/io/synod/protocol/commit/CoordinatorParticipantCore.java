package io.synod.protocol.commit;

import io.synod.api.Envelope;
import io.synod.api.InvalidMessageException;
import io.synod.api.LogEntry;
import io.synod.api.Message;
import io.synod.api.commit.CommitContext;
import io.synod.api.commit.CommitCore;
import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.CommitReady;
import io.synod.api.commit.RecordTrail;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;
import io.synod.api.role.Coordinator;
import io.synod.api.role.Participant;

/**
 * One node of a commit protocol built from a coordinator and a participant (two- and three-phase
 * commit): the {@link Coordinator} for the transactions the node begins, the {@link Participant}
 * for those it takes part in, on one {@link CommitEffects}, so that the records of both reach the
 * disk in one batch before any of their messages leave. Both share one {@link RecordTrail}; before
 * each input the records of finished transactions are released.
 *
 * <p>At construction each surviving record is decoded once and offered to the coordinator, then
 * to the participant; a message is offered to the coordinator first, then to the participant.
 *
 * @param <R> the protocol's decoded record
 */
public final class CoordinatorParticipantCore<R> implements CommitCore {

    /** A coordinator that rebuilds its runs from the records. */
    public interface RecoveringCoordinator<R> extends Coordinator {
        void recover(long index, R record);
    }

    /** A participant that rebuilds its parts from the records; it may ask the resource to restore them. */
    public interface RecoveringParticipant<R> extends Participant {
        void recover(long index, R record, CommitEffects effects);
    }

    /** Decodes a record; one that does not parse stops the node, naming the record. */
    @FunctionalInterface
    public interface RecordDecoder<R> {
        R decode(long index, byte[] data);
    }

    private final String protocol;
    private final Class<? extends Message> messages;
    private final CommitEffects fx;
    private final RecordTrail trail;
    private final RecoveringCoordinator<R> coordinator;
    private final RecoveringParticipant<R> participant;

    /**
     * @param protocol    the protocol's name, for refusals
     * @param messages    the protocol's message type; any other message is refused
     * @param trail       the trail both roles note their records in
     */
    public CoordinatorParticipantCore(CommitContext context, String protocol, Class<? extends Message> messages,
                                      RecordDecoder<R> decoder, RecordTrail trail, RecoveringCoordinator<R> coordinator,
                                      RecoveringParticipant<R> participant) {
        this.protocol = protocol;
        this.messages = messages;
        this.fx = new CommitEffects(context.self(), context.lastRecord());
        this.trail = trail;
        this.coordinator = coordinator;
        this.participant = participant;
        for (LogEntry entry : context.records()) {
            R record = decoder.decode(entry.index(), entry.data());
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
        if (!messages.isInstance(envelope.message())) {
            throw new InvalidMessageException("not a " + protocol + " message: " + envelope.message());
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
