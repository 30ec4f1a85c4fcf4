package io.synod.twophase;

import io.synod.api.Envelope;
import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.Outcome;
import io.synod.api.commit.RecordTrail;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.protocol.commit.CoordinatorParticipantCore.RecoveringCoordinator;
import io.synod.protocol.commit.CoordinatorRuns;
import io.synod.protocol.commit.TransactionRecord;
import io.synod.twophase.TwoPhaseMessage.Ack;
import io.synod.twophase.TwoPhaseMessage.Decision;
import io.synod.twophase.TwoPhaseMessage.DecisionRequest;
import io.synod.twophase.TwoPhaseMessage.Prepare;
import io.synod.twophase.TwoPhaseMessage.Vote;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The coordinator of two-phase commit with presumed abort. It sends PREPARE, collects the votes,
 * and decides: commit only when every participant voted yes, abort on a no or when the vote
 * timeout runs out. A commit is recorded before it is announced and re-announced until every
 * participant acknowledged it, also after a restart (from the record). An abort is not recorded:
 * a coordinator asked about a transaction it has no record of answers abort, which is true,
 * because a commit it had made would be recorded.
 */
final class TwoPhaseCoordinator implements RecoveringCoordinator<TransactionRecord<TwoPhaseRecord.Kind>> {

    private static final class Run {
        final int[] participants;
        final boolean callerWaits;
        final Set<Integer> yes = new HashSet<>();
        final Set<Integer> unacked = new TreeSet<>();
        Boolean decision;
        int ticks;

        Run(int[] participants, boolean callerWaits) {
            this.participants = participants;
            this.callerWaits = callerWaits;
        }
    }

    private final TwoPhaseCommit config;
    private final RecordTrail trail;
    private final CoordinatorRuns<Run> runs;

    TwoPhaseCoordinator(int self, TwoPhaseCommit config, RecordTrail trail) {
        this.runs = new CoordinatorRuns<>(self);
        this.config = config;
        this.trail = trail;
    }

    /** Recovery: a recorded commit is announced again on the first tick, for no caller. */
    @Override
    public void recover(long index, TransactionRecord<TwoPhaseRecord.Kind> record) {
        if (record.kind() == TwoPhaseRecord.Kind.COMMIT) {
            Run run = new Run(record.participants(), false);
            run.decision = true;
            for (int p : run.participants) {
                run.unacked.add(p);
            }
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
            fx.send(p, new Prepare(t, transaction.participants(), transaction.payload(p)));
        }
    }

    @Override
    public boolean onMessage(Envelope envelope, CommitEffects fx) {
        if (envelope.message() instanceof Vote v) {
            voted(envelope.from(), v, fx);
        } else if (envelope.message() instanceof DecisionRequest r && runs.mine(r.transaction())) {
            asked(envelope.from(), r.transaction(), fx);
        } else if (envelope.message() instanceof Ack a) {
            acked(envelope.from(), a.transaction());
        } else {
            return false;
        }
        return true;
    }

    private void asked(int from, TransactionId t, CommitEffects fx) {
        Run run = runs.get(t);
        if (run == null) {
            fx.send(from, new Decision(t, false)); // presumed abort: a commit would be recorded
        } else if (run.decision != null) {
            fx.send(from, new Decision(t, run.decision));
        } // else still collecting votes: the decision will come
    }

    private void voted(int from, Vote v, CommitEffects fx) {
        TransactionId t = v.transaction();
        Run run = runs.get(t);
        if (run == null || run.decision != null) {
            if (v.yes()) {
                asked(from, t, fx);
            }
            return;
        }
        if (!v.yes()) {
            abort(t, run, new Outcome.Aborted(t, Outcome.Reason.VOTED_NO, from, v.reason()), fx);
            return;
        }
        run.yes.add(from);
        if (run.yes.size() == run.participants.length) {
            run.decision = true;
            run.ticks = 0;
            if (config.flaw() != TwoPhaseCommit.Flaw.UNRECORDED_COMMIT) {
                trail.note(fx.record(TwoPhaseRecord.commit(t, run.participants).encode()), t);
            }
            for (int p : run.participants) {
                run.unacked.add(p);
                fx.send(p, new Decision(t, true));
            }
            if (run.callerWaits) {
                fx.outcome(new Outcome.Committed(t));
            }
        }
    }

    private void abort(TransactionId t, Run run, Outcome.Aborted why, CommitEffects fx) {
        runs.finish(t);
        for (int p : run.participants) {
            fx.send(p, new Decision(t, false));
        }
        if (run.callerWaits) {
            fx.outcome(why);
        }
    }

    private void acked(int from, TransactionId t) {
        Run run = runs.get(t);
        if (run != null && Boolean.TRUE.equals(run.decision) && run.unacked.remove(from) && run.unacked.isEmpty()) {
            runs.finish(t);
            trail.finish(t);
        }
    }

    @Override
    public void onTick(CommitEffects fx) {
        for (Map.Entry<TransactionId, Run> e : runs.inFlight().entrySet()) {
            TransactionId t = e.getKey();
            Run run = e.getValue();
            run.ticks++;
            if (run.decision == null && run.ticks >= config.voteTimeoutTicks()) {
                abort(t, run, CoordinatorRuns.noVote(t, run.participants, run.yes, config.voteTimeoutTicks()), fx);
            } else if (Boolean.TRUE.equals(run.decision) && run.ticks % config.announceEveryTicks() == 0) {
                for (int p : run.unacked) {
                    fx.send(p, new Decision(t, true));
                }
            }
        }
    }
}
