package io.synod.testkit.commit;

import io.synod.api.Envelope;
import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.Outcome;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.api.role.Coordinator;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The toy's coordinator: two-phase commit with presumed abort. A commit is recorded before it is
 * announced and re-announced until every participant acknowledged it; an abort is never recorded,
 * so a participant asking about a transaction the coordinator does not know is told "abort".
 * With {@link ToyTwoPhase.Flaw#COMMIT_ON_FIRST_YES} it commits on the first yes.
 */
final class ToyCoordinator implements Coordinator {

    static final int VOTE_TIMEOUT_TICKS = 10;
    static final int ANNOUNCE_EVERY_TICKS = 3;

    private static final class Run {
        final int[] participants;
        final boolean callerWaits;
        final Set<Integer> yes = new HashSet<>();
        Boolean decision;
        final Set<Integer> unacked = new HashSet<>();
        int ticks;

        Run(int[] participants, boolean callerWaits) {
            this.participants = participants;
            this.callerWaits = callerWaits;
        }
    }

    private final ToyTwoPhase.Flaw flaw;
    private final Map<TransactionId, Run> runs = new TreeMap<>();

    ToyCoordinator(ToyTwoPhase.Flaw flaw) {
        this.flaw = flaw;
    }

    /** Recovery: a recorded commit is announced again; an ended one is forgotten. */
    void recover(String[] record) {
        TransactionId t = ToyRecords.transaction(record);
        if (record[0].equals("COMMIT")) {
            Run run = new Run(ToyRecords.participants(record), false);
            run.decision = true;
            for (int p : run.participants) {
                run.unacked.add(p);
            }
            run.ticks = ANNOUNCE_EVERY_TICKS - 1; // re-announced on the first tick
            runs.put(t, run);
        } else if (record[0].equals("END")) {
            runs.remove(t);
        }
    }

    @Override
    public void begin(Transaction transaction, CommitEffects fx) {
        TransactionId t = transaction.id();
        if (runs.containsKey(t)) {
            fx.outcome(new Outcome.Aborted(t, Outcome.Reason.REFUSED, Outcome.NO_PARTICIPANT, "id " + t + " is in use"));
            return;
        }
        runs.put(t, new Run(transaction.participants(), true));
        for (int p : transaction.participants()) {
            fx.send(p, new ToyCommitMessage.Prepare(t, transaction.payload(p)));
        }
    }

    @Override
    public boolean onMessage(Envelope envelope, CommitEffects fx) {
        if (envelope.message() instanceof ToyCommitMessage.Voted v) {
            voted(envelope.from(), v, fx);
            return true;
        }
        if (envelope.message() instanceof ToyCommitMessage.Ack a) {
            Run run = runs.get(a.transaction());
            if (run != null && Boolean.TRUE.equals(run.decision) && run.unacked.remove(envelope.from()) && run.unacked.isEmpty()) {
                fx.record(ToyRecords.end(a.transaction()));
                runs.remove(a.transaction());
            }
            return true;
        }
        return false;
    }

    private void voted(int from, ToyCommitMessage.Voted v, CommitEffects fx) {
        TransactionId t = v.transaction();
        Run run = runs.get(t);
        if (run == null) {
            fx.send(from, new ToyCommitMessage.Decision(t, false)); // presumed abort
            return;
        }
        if (run.decision != null) {
            fx.send(from, new ToyCommitMessage.Decision(t, run.decision));
            return;
        }
        if (!v.yes()) {
            abort(t, run, new Outcome.Aborted(t, Outcome.Reason.VOTED_NO, from, v.reason()), fx);
            return;
        }
        run.yes.add(from);
        if (run.yes.size() == run.participants.length || flaw == ToyTwoPhase.Flaw.COMMIT_ON_FIRST_YES) {
            run.decision = true;
            fx.record(ToyRecords.commit(t, run.participants));
            for (int p : run.participants) {
                run.unacked.add(p);
                fx.send(p, new ToyCommitMessage.Decision(t, true));
            }
            if (run.callerWaits) {
                fx.outcome(new Outcome.Committed(t));
            }
        }
    }

    private void abort(TransactionId t, Run run, Outcome.Aborted why, CommitEffects fx) {
        runs.remove(t);
        for (int p : run.participants) {
            fx.send(p, new ToyCommitMessage.Decision(t, false));
        }
        if (run.callerWaits) {
            fx.outcome(why);
        }
    }

    @Override
    public void onTick(CommitEffects fx) {
        for (Map.Entry<TransactionId, Run> e : Map.copyOf(runs).entrySet()) {
            Run run = e.getValue();
            run.ticks++;
            if (run.decision == null && run.ticks >= VOTE_TIMEOUT_TICKS) {
                int silent = java.util.Arrays.stream(run.participants).filter(p -> !run.yes.contains(p)).findFirst().orElse(-1);
                abort(e.getKey(), run, new Outcome.Aborted(e.getKey(), Outcome.Reason.NO_VOTE, silent,
                    "no vote within " + VOTE_TIMEOUT_TICKS + " ticks"), fx);
            } else if (Boolean.TRUE.equals(run.decision) && run.ticks % ANNOUNCE_EVERY_TICKS == 0) {
                for (int p : run.unacked) {
                    fx.send(p, new ToyCommitMessage.Decision(e.getKey(), true));
                }
            }
        }
    }
}
