package io.synod.threephase;

import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.TransactionId;
import io.synod.protocol.Ballot;
import io.synod.threephase.ThreePhaseMessage.Ack;
import io.synod.threephase.ThreePhaseMessage.Abort;
import io.synod.threephase.ThreePhaseMessage.DoCommit;
import io.synod.threephase.ThreePhaseMessage.PreCommit;
import io.synod.threephase.ThreePhaseMessage.State;
import io.synod.threephase.ThreePhaseMessage.StateReport;
import io.synod.threephase.ThreePhaseMessage.StateRequest;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Three-phase commit's termination protocol, run by a participant that timed out: it makes itself
 * the new coordinator under a fresh ballot, asks every participant for its state, and decides
 * from the states it hears within the collect period (Skeen's rules, as in Bernstein, Hadzilacos
 * and Goodman, §7.4):
 * <ul>
 *   <li>someone aborted (or had not voted, and now refuses) → abort;</li>
 *   <li>someone committed → commit;</li>
 *   <li>someone pre-committed → PRECOMMIT the uncertain ones, collect their acks, then commit;</li>
 *   <li>everyone uncertain → abort (nobody can have committed: the coordinator commits only after
 *       pre-committing someone).</li>
 * </ul>
 * The rules read "the participants I did not hear from have crashed". Across a partition they
 * have not: each side elects its own coordinator, and a side of uncertain participants aborts
 * while a side with a pre-committed one commits.
 */
final class Termination {

    private final ThreePhaseParticipant node;
    private final Ballot ballot;
    private final Map<Integer, State> states = new TreeMap<>();
    private final Set<Integer> acked = new HashSet<>();
    private boolean precommitting;
    private int ticks;

    Termination(ThreePhaseParticipant node, Ballot ballot) {
        this.node = node;
        this.ballot = ballot;
    }

    Ballot ballot() {
        return ballot;
    }

    void start(TransactionId t, ThreePhaseParticipant.Part p, CommitEffects fx) {
        states.put(node.self(), p.reported());
        fx.send(others(p), new StateRequest(t, ballot));
    }

    private int[] others(ThreePhaseParticipant.Part p) {
        return Arrays.stream(p.participants).filter(n -> n != node.self()).toArray();
    }

    void reported(int from, StateReport report, ThreePhaseParticipant.Part p, CommitEffects fx) {
        if (report.ballot().equals(ballot) && !precommitting) {
            states.put(from, report.state());
        }
    }

    void acked(int from, Ack ack, ThreePhaseParticipant.Part p, CommitEffects fx) {
        if (ack.ballot().equals(ballot) && precommitting) {
            acked.add(from);
        }
    }

    void tick(TransactionId t, ThreePhaseParticipant.Part p, CommitEffects fx) {
        ticks++;
        if (ticks < node.config().collectTicks()) {
            return;
        }
        if (precommitting) {
            finish(t, p, true, fx);
        } else if (states.containsValue(State.ABORTED)) {
            finish(t, p, false, fx);
        } else if (states.containsValue(State.COMMITTED)) {
            finish(t, p, true, fx);
        } else if (states.containsValue(State.PRECOMMITTED)) {
            if (p.state == ThreePhaseParticipant.Local.UNCERTAIN) {
                node.precommitHere(t, p, fx);
            }
            precommitting = true;
            ticks = 0;
            int[] uncertain = states.entrySet().stream().filter(e -> e.getValue() == State.UNCERTAIN)
                .mapToInt(Map.Entry::getKey).filter(n -> n != node.self()).toArray();
            fx.send(uncertain, new PreCommit(t, ballot));
        } else {
            finish(t, p, false, fx);
        }
    }

    private void finish(TransactionId t, ThreePhaseParticipant.Part p, boolean commit, CommitEffects fx) {
        int[] others = others(p);
        node.decide(t, commit, fx);
        fx.send(others, commit ? new DoCommit(t) : new Abort(t));
    }
}
