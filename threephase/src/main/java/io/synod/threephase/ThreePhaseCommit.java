package io.synod.threephase;

import io.synod.api.commit.CommitContext;
import io.synod.api.commit.CommitCore;
import io.synod.api.commit.RecordTrail;
import io.synod.protocol.commit.CoordinatorParticipantCore;
import io.synod.api.commit.CommitProtocol;
import io.synod.spi.MessageCodec;

/**
 * Three-phase commit (Skeen, 1981) with the textbook timeout actions and a termination protocol
 * that elects a new coordinator among the participants, as a {@link CommitProtocol}.
 *
 * <p>Its guarantee holds in a synchronous system with crash failures only: a timeout must mean a
 * crash. So {@code uncertainTimeoutTicks} must exceed the coordinator's vote timeout plus a round
 * trip, and a lost or late message is read as a crash; a network partition breaks it, which the
 * commit experiment shows.
 *
 * @param voteTimeoutTicks      the coordinator aborts if a vote is missing after this long
 * @param ackTimeoutTicks       the coordinator commits after this long even if some PRECOMMIT was
 *                              not acknowledged (the textbook rule: the silent participant crashed
 *                              and will learn the outcome when it recovers)
 * @param uncertainTimeoutTicks a participant waiting for PRECOMMIT or DOCOMMIT starts the
 *                              termination protocol after this long, plus up to as much again at random
 * @param collectTicks          a termination leader gathers states (and then acks) this long
 * @param announceEveryTicks    a decision is re-announced this often until acknowledged
 * @param flaw                  {@link Flaw#NONE}, except in calibration tests
 */
public record ThreePhaseCommit(int voteTimeoutTicks, int ackTimeoutTicks, int uncertainTimeoutTicks, int collectTicks,
                               int announceEveryTicks, Flaw flaw) implements CommitProtocol {

    /** Deliberate bugs, for calibration. */
    public enum Flaw {
        NONE,
        /** The coordinator skips PRECOMMIT and sends DOCOMMIT once every vote is yes: two-phase commit with 3PC's timeouts. */
        SKIP_PRECOMMIT
    }

    public ThreePhaseCommit {
        if (voteTimeoutTicks < 1 || ackTimeoutTicks < 1 || collectTicks < 1 || announceEveryTicks < 1 || flaw == null
            || uncertainTimeoutTicks <= voteTimeoutTicks + 2 * collectTicks) {
            throw new IllegalArgumentException("three-phase commit needs timeouts >= 1 tick and an uncertainty timeout above the"
                + " vote timeout plus two collect periods, was " + voteTimeoutTicks + "/" + ackTimeoutTicks + "/"
                + uncertainTimeoutTicks + "/" + collectTicks + "/" + announceEveryTicks);
        }
    }

    /** Vote timeout 20, ack timeout 10, uncertainty 40 (+ up to 40), collect 8, re-announce every 5. */
    public static ThreePhaseCommit defaults() {
        return new ThreePhaseCommit(20, 10, 40, 8, 5, Flaw.NONE);
    }

    public ThreePhaseCommit withFlaw(Flaw newFlaw) {
        return new ThreePhaseCommit(voteTimeoutTicks, ackTimeoutTicks, uncertainTimeoutTicks, collectTicks, announceEveryTicks, newFlaw);
    }

    @Override
    public String name() {
        return flaw == Flaw.NONE ? "3pc" : "3pc-" + flaw.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public CommitCore create(CommitContext context) {
        RecordTrail trail = new RecordTrail();
        return new CoordinatorParticipantCore<>(context, "three-phase commit", ThreePhaseMessage.class, ThreePhaseRecord::decode,
            trail, new ThreePhaseCoordinator(context.self(), this, trail),
            new ThreePhaseParticipant(context.self(), this, trail, context.random()));
    }

    @Override
    public MessageCodec codec() {
        return new ThreePhaseCodec();
    }
}
