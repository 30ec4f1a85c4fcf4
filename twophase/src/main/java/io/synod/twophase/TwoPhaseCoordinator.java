package io.synod.twophase;

import io.synod.api.Envelope;
import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.Outcome;
import io.synod.api.commit.RecordTrail;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.api.role.Coordinator;
import io.synod.twophase.TwoPhaseMessage.Ack;
import io.synod.twophase.TwoPhaseMessage.Decision;
import io.synod.twophase.TwoPhaseMessage.DecisionRequest;
import io.synod.twophase.TwoPhaseMessage.Prepare;
import io.synod.twophase.TwoPhaseMessage.Vote;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coordinator of two-phase commit with presumed abort. It sends PREPARE, collects the votes,
 * and decides: commit only when every participant voted yes, abort on a no or when the vote
 * timeout runs out. A commit is recorded before it is announced and re-announced until every
 * participant acknowledged it, also after a restart (from the record). An abort is not recorded:
 * a coordinator asked about a transaction it has no record of answers abort, which is true,
 * because a commit it had made would be recorded.
 */
final class TwoPhaseCoordinator implements Coordinator {

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

    private final int self;
    private final TwoPhaseCommit config;
    private final RecordTrail trail;
    private final Map<TransactionId, Run> runs = new TreeMap<>();
    /** Transactions begun in this incarnation and finished: an id is never run twice. */
    private final Set<TransactionId> finished = new HashSet<>();

    TwoPhaseCoordinator(int self, TwoPhaseCommit config, RecordTrail trail) {
        this.self = self;
        this.config = config;
        this.trail = trail;
    }

    /** Recovery: a recorded commit is announced again on the first tick, for no caller. */
    void recover(long index, TwoPhaseRecord record) {
        if (record.kind() == TwoPhaseRecord.Kind.COMMIT) {
            Run run = new Run(record.participants(), false);
            run.decision = true;
            for (int p : run.participants) {
                run.unacked.add(p);
            }
            run.ticks = config.announceEveryTicks() - 1;
            runs.put(record.transaction(), run);
            trail.note(index, record.transaction());
        }
    }

    @Override
    public void begin(Transaction transaction, CommitEffects fx) {
        TransactionId t = transaction.id();
        if (t.coordinator() != self) {
            fx.outcome(new Outcome.Aborted(t, Outcome.Reason.REFUSED, Outcome.NO_PARTICIPANT, "node " + self
                + " cannot coordinate " + t + ", which names coordinator " + t.coordinator()));
            return;
        }
        if (runs.containsKey(t) || finished.contains(t)) {
            fx.outcome(new Outcome.Aborted(t, Outcome.Reason.REFUSED, Outcome.NO_PARTICIPANT, "id " + t + " was used before"));
            return;
        }
        runs.put(t, new Run(transaction.participants(), true));
        for (int p : transaction.participants()) {
            fx.send(p, new Prepare(t, transaction.participants(), transaction.payload(p)));
        }
    }

    @Override
    public boolean onMessage(Envelope envelope, CommitEffects fx) {
        if (envelope.message() instanceof Vote v) {
            voted(envelope.from(), v, fx);
        } else if (envelope.message() instanceof DecisionRequest r && mine(r.transaction())) {
            asked(envelope.from(), r.transaction(), fx);
        } else if (envelope.message() instanceof Ack a) {
            acked(envelope.from(), a.transaction());
        } else {
            return false;
        }
        return true;
    }

    private boolean mine(TransactionId t) {
        return t.coordinator() == self;
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
        runs.remove(t);
        finished.add(t);
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
            runs.remove(t);
            finished.add(t);
            trail.finish(t);
        }
    }

    @Override
    public void onTick(CommitEffects fx) {
        for (Map.Entry<TransactionId, Run> e : Map.copyOf(runs).entrySet()) {
            TransactionId t = e.getKey();
            Run run = e.getValue();
            run.ticks++;
            if (run.decision == null && run.ticks >= config.voteTimeoutTicks()) {
                int silent = java.util.Arrays.stream(run.participants).filter(p -> !run.yes.contains(p)).findFirst()
                    .orElse(Outcome.NO_PARTICIPANT);
                abort(t, run, new Outcome.Aborted(t, Outcome.Reason.NO_VOTE, silent, "participant " + silent
                    + " did not vote within " + config.voteTimeoutTicks() + " ticks"), fx);
            } else if (Boolean.TRUE.equals(run.decision) && run.ticks % config.announceEveryTicks() == 0) {
                for (int p : run.unacked) {
                    fx.send(p, new Decision(t, true));
                }
            }
        }
    }
}
