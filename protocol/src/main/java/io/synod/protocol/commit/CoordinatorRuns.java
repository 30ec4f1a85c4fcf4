package io.synod.protocol.commit;

import io.synod.api.commit.Outcome;
import io.synod.api.commit.TransactionId;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A coordinator's transactions in flight, each with the protocol's own state {@code R}, and the
 * ids it finished in this incarnation: a coordinator runs each id at most once, and only ids that
 * name it. In id order, so that ticks visit runs alike on every replay.
 *
 * @param <R> a protocol's per-transaction state
 */
public final class CoordinatorRuns<R> {

    private final int self;
    private final Map<TransactionId, R> runs = new TreeMap<>();
    private final Set<TransactionId> finished = new HashSet<>();

    public CoordinatorRuns(int self) {
        this.self = self;
    }

    /** Why this node may not begin {@code t} now, or {@code null} if it may. */
    public Outcome.Aborted refusal(TransactionId t) {
        if (t.coordinator() != self) {
            return new Outcome.Aborted(t, Outcome.Reason.REFUSED, Outcome.NO_PARTICIPANT, "node " + self + " cannot coordinate " + t
                + ", which names coordinator " + t.coordinator());
        }
        if (runs.containsKey(t) || finished.contains(t)) {
            return new Outcome.Aborted(t, Outcome.Reason.REFUSED, Outcome.NO_PARTICIPANT, "id " + t + " was used before");
        }
        return null;
    }

    /** True when {@code t} names this node as its coordinator. */
    public boolean mine(TransactionId t) {
        return t.coordinator() == self;
    }

    /** Starts (or, in recovery, resumes) {@code t}. */
    public void start(TransactionId t, R run) {
        runs.put(t, run);
    }

    /** The state of {@code t}, or {@code null} if it is not in flight. */
    public R get(TransactionId t) {
        return runs.get(t);
    }

    /** {@code t} is over here; its id is never run again in this incarnation. */
    public void finish(TransactionId t) {
        runs.remove(t);
        finished.add(t);
    }

    /** The runs in flight, copied, so that a tick may finish some while it visits them. */
    public Map<TransactionId, R> inFlight() {
        return new TreeMap<>(runs);
    }

    /** The outcome of a vote timeout: aborted, naming the first participant that did not vote yes. */
    public static Outcome.Aborted noVote(TransactionId t, int[] participants, Set<Integer> yes, int timeoutTicks) {
        int silent = Arrays.stream(participants).filter(p -> !yes.contains(p)).findFirst().orElse(Outcome.NO_PARTICIPANT);
        return new Outcome.Aborted(t, Outcome.Reason.NO_VOTE, silent, "participant " + silent + " did not vote within "
            + timeoutTicks + " ticks");
    }
}
