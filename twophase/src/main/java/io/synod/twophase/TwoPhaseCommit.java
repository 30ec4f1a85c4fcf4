package io.synod.twophase;

import io.synod.api.commit.CommitContext;
import io.synod.api.commit.CommitCore;
import io.synod.api.commit.RecordTrail;
import io.synod.protocol.commit.CoordinatorParticipantCore;
import io.synod.api.commit.CommitProtocol;
import io.synod.spi.MessageCodec;

/**
 * Two-phase commit with presumed abort and cooperative termination, as a {@link CommitProtocol}:
 * its validated timeouts (in ticks) and, for calibration tests only, a deliberate flaw.
 *
 * <pre>{@code
 * CommitProtocol twoPc = TwoPhaseCommit.builder().voteTimeoutTicks(20).build();
 * CommitCore core = twoPc.create(context);
 * }</pre>
 *
 * @param voteTimeoutTicks    a coordinator that has not heard every vote after this long aborts
 * @param announceEveryTicks  a coordinator re-announces a commit to participants that have not
 *                            acknowledged it this often
 * @param askEveryTicks       an uncertain participant asks for the outcome this often
 * @param askPeersAfterTicks  and from this long on asks its peers too (cooperative termination)
 * @param flaw                {@link Flaw#NONE}, except in calibration tests
 */
public record TwoPhaseCommit(int voteTimeoutTicks, int announceEveryTicks, int askEveryTicks, int askPeersAfterTicks, Flaw flaw)
    implements CommitProtocol {

    /** Deliberate bugs, so tests can show that the simulator's checks catch them. */
    public enum Flaw {
        NONE,
        /** The coordinator announces a commit without recording it first. */
        UNRECORDED_COMMIT,
        /** A participant sends its yes without recording it first. */
        UNRECORDED_YES,
        /** An uncertain participant gives up waiting and aborts on its own (what 2PC forbids). */
        UNILATERAL_ABORT
    }

    public TwoPhaseCommit {
        if (voteTimeoutTicks < 1 || announceEveryTicks < 1 || askEveryTicks < 1 || askPeersAfterTicks < askEveryTicks
            || flaw == null) {
            throw new IllegalArgumentException("two-phase commit needs timeouts >= 1 tick, askPeersAfterTicks >= askEveryTicks"
                + " and a flaw (NONE), was " + voteTimeoutTicks + "/" + announceEveryTicks + "/" + askEveryTicks + "/"
                + askPeersAfterTicks + "/" + flaw);
        }
    }

    /** The defaults: vote timeout 20 ticks, re-announce every 5, ask every 8, peers after 16. */
    public static TwoPhaseCommit defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same protocol with {@code flaw}, for calibration. */
    public TwoPhaseCommit withFlaw(Flaw newFlaw) {
        return new TwoPhaseCommit(voteTimeoutTicks, announceEveryTicks, askEveryTicks, askPeersAfterTicks, newFlaw);
    }

    @Override
    public String name() {
        return flaw == Flaw.NONE ? "2pc" : "2pc-" + flaw.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public CommitCore create(CommitContext context) {
        RecordTrail trail = new RecordTrail();
        return new CoordinatorParticipantCore<>(context, "two-phase commit", TwoPhaseMessage.class, TwoPhaseRecord::decode, trail,
            new TwoPhaseCoordinator(context.self(), this, trail), new TwoPhaseParticipant(context.self(), this, trail));
    }

    @Override
    public MessageCodec codec() {
        return new TwoPhaseCodec();
    }

    /** Builds a {@link TwoPhaseCommit}. */
    public static final class Builder {
        private int voteTimeoutTicks = 20;
        private int announceEveryTicks = 5;
        private int askEveryTicks = 8;
        private int askPeersAfterTicks = 16;
        private Flaw flaw = Flaw.NONE;

        public Builder voteTimeoutTicks(int ticks) {
            this.voteTimeoutTicks = ticks;
            return this;
        }

        public Builder announceEveryTicks(int ticks) {
            this.announceEveryTicks = ticks;
            return this;
        }

        public Builder askEveryTicks(int ticks) {
            this.askEveryTicks = ticks;
            return this;
        }

        public Builder askPeersAfterTicks(int ticks) {
            this.askPeersAfterTicks = ticks;
            return this;
        }

        public Builder flaw(Flaw value) {
            this.flaw = value;
            return this;
        }

        public TwoPhaseCommit build() {
            return new TwoPhaseCommit(voteTimeoutTicks, announceEveryTicks, askEveryTicks, askPeersAfterTicks, flaw);
        }
    }
}
