package io.synod.testkit.commit;

import io.synod.api.Envelope;
import io.synod.api.InvalidMessageException;
import io.synod.api.LogEntry;
import io.synod.api.commit.CommitContext;
import io.synod.api.commit.CommitCore;
import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.CommitProtocol;
import io.synod.api.commit.CommitReady;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;
import io.synod.spi.MessageCodec;

/**
 * A test-only two-phase commit (presumed abort), small enough to read in one sitting, that shows
 * the commit contract and the atomicity oracle fit together. <b>Not the real 2PC</b> (that comes
 * with its own module): no cooperative termination, no record release, no codec. Every node is a
 * {@link ToyCoordinator} and a {@link ToyParticipant} composed on one {@link CommitEffects}.
 */
final class ToyTwoPhase implements CommitProtocol {

    /** Deliberate bugs, for calibration. */
    enum Flaw {
        NONE,
        /** The coordinator commits on the first yes. */
        COMMIT_ON_FIRST_YES,
        /** An uncertain participant gives up waiting and aborts by itself. */
        UNILATERAL_ABORT
    }

    private final Flaw flaw;

    ToyTwoPhase(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public String name() {
        return "toy-2pc" + (flaw == Flaw.NONE ? "" : "-" + flaw.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public CommitCore create(CommitContext context) {
        return new Core(context, flaw);
    }

    @Override
    public MessageCodec codec() {
        throw new UnsupportedOperationException(name() + " only runs in tests, which pass records");
    }

    private static final class Core implements CommitCore {
        private final int self;
        private final CommitEffects fx;
        private final ToyCoordinator coordinator;
        private final ToyParticipant participant;

        Core(CommitContext context, Flaw flaw) {
            this.self = context.self();
            this.fx = new CommitEffects(self, context.lastRecord());
            this.coordinator = new ToyCoordinator(flaw);
            this.participant = new ToyParticipant(flaw);
            for (LogEntry record : context.records()) {
                String[] fields = ToyRecords.fields(record.data());
                coordinator.recover(fields);
                participant.recover(fields, fx);
            }
        }

        @Override
        public void begin(Transaction transaction) {
            if (transaction.id().coordinator() != self) {
                throw new IllegalArgumentException("node " + self + " cannot coordinate " + transaction.id());
            }
            coordinator.begin(transaction, fx);
        }

        @Override
        public void step(Envelope envelope) {
            if (!(envelope.message() instanceof ToyCommitMessage)) {
                throw new InvalidMessageException("not a toy 2PC message: " + envelope.message());
            }
            if (!participant.onMessage(envelope, fx)) {
                coordinator.onMessage(envelope, fx);
            }
        }

        @Override
        public void tick() {
            participant.onTick(fx);
            coordinator.onTick(fx);
        }

        @Override
        public void resourceVoted(TransactionId transaction, Vote vote) {
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
}
