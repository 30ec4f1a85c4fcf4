package io.synod.threephase;

import io.synod.api.Envelope;
import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.Outcome;
import io.synod.api.commit.RecordTrail;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.protocol.commit.CoordinatorParticipantCore.RecoveringCoordinator;
import io.synod.protocol.commit.CoordinatorRuns;
import io.synod.protocol.commit.TransactionRecord;
import io.synod.protocol.Ballot;
import io.synod.threephase.ThreePhaseMessage.Abort;
import io.synod.threephase.ThreePhaseMessage.Ack;
import io.synod.threephase.ThreePhaseMessage.CanCommit;
import io.synod.threephase.ThreePhaseMessage.DoCommit;
import io.synod.threephase.ThreePhaseMessage.HaveCommitted;
import io.synod.threephase.ThreePhaseMessage.PreCommit;
import io.synod.threephase.ThreePhaseMessage.Vote;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The coordinator of three-phase commit: CANCOMMIT, then — every vote yes — PRECOMMIT, then once
 * every participant acknowledged (or the ack timeout ran out: a silent participant is taken for
 * crashed, as the textbook does) it records COMMIT and sends DOCOMMIT until each answers
 * HAVECOMMITTED. A no or a missing vote aborts. It answers no questions: uncertain participants
 * turn to each other (the termination protocol), not to it.
 */
final class ThreePhaseCoordinator implements RecoveringCoordinator<TransactionRecord<ThreePhaseRecord.Kind>> {

    private enum Phase { VOTING, PRECOMMITTING, COMMITTED }

    private static final class Run {
        final int[] participants;
        final boolean callerWaits;
        final Set<Integer> yes = new HashSet<>();
        final Set<Integer> acked = new HashSet<>();
        final Set<Integer> unconfirmed = new TreeSet<>();
        Phase phase = Phase.VOTING;
        int ticks;

        Run(int[] participants, boolean callerWaits) {
            this.participants = participants;
            this.callerWaits = callerWaits;
        }
    }

    private final ThreePhaseCommit config;
    private final RecordTrail trail;
    private final CoordinatorRuns<Run> runs;

    ThreePhaseCoordinator(int self, ThreePhaseCommit config, RecordTrail trail) {
        this.runs = new CoordinatorRuns<>(self);
        this.config = config;
        this.trail = trail;
    }

    @Override
    public void recover(long index, TransactionRecord<ThreePhaseRecord.Kind> record) {
        if (record.kind() == ThreePhaseRecord.Kind.COMMIT) {
            Run run = new Run(record.participants(), false);
            run.phase = Phase.COMMITTED;
            Arrays.stream(run.participants).forEach(run.unconfirmed::add);
            run.ticks = config.announceEveryTicks() - 1;
            runs.start(record.transaction(), run);
            trail.note(index, record.transaction());
        }
    }

    @Override
    public void begin(Transaction transaction, CommitEffects fx) {
        TransactionId t = transaction.id();
        Outcome.Aborted refusal = runs.refusal(t);
        if (refusal != null) {
            fx.outcome(refusal);
            return;
        }
        runs.start(t, new Run(transaction.participants(), true));
        for (int p : transaction.participants()) {
            fx.send(p, new CanCommit(t, transaction.participants(), transaction.payload(p)));
        }
    }

    @Override
    public boolean onMessage(Envelope envelope, CommitEffects fx) {
        int from = envelope.from();
        if (envelope.message() instanceof Vote v && runs.mine(v.transaction())) {
            voted(from, v, fx);
        } else if (envelope.message() instanceof Ack a && a.ballot().equals(Ballot.ZERO) && runs.mine(a.transaction())) {
            Run run = runs.get(a.transaction());
            if (run != null && run.phase == Phase.PRECOMMITTING && run.acked.add(from) && run.acked.size() == run.participants.length) {
                commit(a.transaction(), run, fx);
            }
        } else if (envelope.message() instanceof HaveCommitted h && runs.mine(h.transaction())) {
            Run run = runs.get(h.transaction());
            if (run != null && run.phase == Phase.COMMITTED && run.unconfirmed.remove(from) && run.unconfirmed.isEmpty()) {
                runs.finish(h.transaction());
                trail.finish(h.transaction());
            }
        } else {
            return false;
        }
        return true;
    }

    private void voted(int from, Vote v, CommitEffects fx) {
        TransactionId t = v.transaction();
        Run run = runs.get(t);
        if (run == null || run.phase != Phase.VOTING) {
            return;
        }
        if (!v.yes()) {
            abort(t, run, new Outcome.Aborted(t, Outcome.Reason.VOTED_NO, from, v.reason()), fx);
            return;
        }
        run.yes.add(from);
        if (run.yes.size() == run.participants.length) {
            if (config.flaw() == ThreePhaseCommit.Flaw.SKIP_PRECOMMIT) {
                commit(t, run, fx);
                return;
            }
            run.phase = Phase.PRECOMMITTING;
            run.ticks = 0;
            fx.send(run.participants, new PreCommit(t, Ballot.ZERO));
        }
    }

    private void commit(TransactionId t, Run run, CommitEffects fx) {
        run.phase = Phase.COMMITTED;
        run.ticks = 0;
        trail.note(fx.record(ThreePhaseRecord.commit(t, run.participants).encode()), t);
        Arrays.stream(run.participants).forEach(run.unconfirmed::add);
        fx.send(run.participants, new DoCommit(t));
        if (run.callerWaits) {
            fx.outcome(new Outcome.Committed(t));
        }
    }

    private void abort(TransactionId t, Run run, Outcome.Aborted why, CommitEffects fx) {
        runs.finish(t);
        fx.send(run.participants, new Abort(t));
        if (run.callerWaits) {
            fx.outcome(why);
        }
    }

    @Override
    public void onTick(CommitEffects fx) {
        for (Map.Entry<TransactionId, Run> e : runs.inFlight().entrySet()) {
            TransactionId t = e.getKey();
            Run run = e.getValue();
            run.ticks++;
            if (run.phase == Phase.VOTING && run.ticks >= config.voteTimeoutTicks()) {
                abort(t, run, CoordinatorRuns.noVote(t, run.participants, run.yes, config.voteTimeoutTicks()), fx);
            } else if (run.phase == Phase.PRECOMMITTING && run.ticks >= config.ackTimeoutTicks()) {
                commit(t, run, fx); // the textbook's rule: a participant that did not ack has crashed
            } else if (run.phase == Phase.COMMITTED && run.ticks % config.announceEveryTicks() == 0) {
                for (int p : run.unconfirmed) {
                    fx.send(p, new DoCommit(t));
                }
            }
        }
    }
}
