package io.synod.testkit.commit;

import io.synod.api.commit.Outcome;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;
import io.synod.testkit.Checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The safety checks of atomic commit, per transaction, beside the replication protocols'
 * per-index agreement: told what happened as it happens, it answers at once whether a rule broke.
 * <ul>
 *   <li><b>{@value Checks#ATOMICITY}</b> — every participant that decides, and the coordinator's
 *       outcome, decide alike: never a commit beside an abort;</li>
 *   <li><b>{@value Checks#COMMIT_VALIDITY}</b> — a commit only if every participant voted yes (and
 *       a yes is never taken back).</li>
 * </ul>
 * It also keeps what atomic commit may cost: a participant that voted yes and does not yet know
 * the outcome is <em>uncertain</em> and must hold its locks ({@link Blocked}); 2PC leaves such
 * participants waiting for as long as its coordinator is gone, and that is what the commit
 * experiment reports, not a violation.
 *
 * <p>Events from a node may come more than once (a participant re-applies a recorded outcome after
 * a restart): repeating what it said before is fine, contradicting it is not.
 *
 * <pre>{@code
 * AtomicityOracle oracle = new AtomicityOracle();
 * oracle.begun(txn, new int[] {2, 3}, now);
 * oracle.voted(txn, 2, Vote.YES, now).ifPresent(fail);
 * oracle.decided(txn, 2, true, now).ifPresent(fail);       // breach: 3 has not voted yes
 * oracle.blocked(now).forEach(System.out::println);
 * }</pre>
 *
 * <p>Not thread-safe: a simulation reports from its single thread.
 */
public final class AtomicityOracle {

    /** The rule broken ({@link Checks#ATOMICITY}, {@link Checks#COMMIT_VALIDITY} or {@link Checks#CONTRACT}) and how. */
    public record Breach(String check, TransactionId transaction, String detail) {
        @Override
        public String toString() {
            return check + ": " + transaction + ": " + detail;
        }
    }

    /**
     * A participant uncertain about a transaction: it voted yes at {@code since} and learned the
     * outcome at {@code until}, or has not yet ({@link #ONGOING}).
     */
    public record Blocked(TransactionId transaction, int participant, long since, long until) {

        /** The {@code until} of a participant still uncertain. */
        public static final long ONGOING = Long.MAX_VALUE;

        public boolean ongoing() {
            return until == ONGOING;
        }

        /** How long it has been uncertain, as of {@code now} if still so. */
        public long duration(long now) {
            return (ongoing() ? now : until) - since;
        }

        @Override
        public String toString() {
            return "participant " + participant + " of " + transaction + " uncertain since " + since
                + (ongoing() ? " and still" : " until " + until);
        }
    }

    private static final class Txn {
        final int[] participants;
        final long begunAt;
        final Map<Integer, Vote> votes = new TreeMap<>();
        final Map<Integer, Boolean> decisions = new TreeMap<>();
        final Map<Integer, Long> uncertainSince = new TreeMap<>();
        /** The first decision anyone made, and who: a participant's id, or 0 for the coordinator's outcome. */
        Boolean decision;
        String decidedBy;

        Txn(int[] participants, long begunAt) {
            this.participants = participants;
            this.begunAt = begunAt;
        }

        boolean involves(int node) {
            return Arrays.stream(participants).anyMatch(p -> p == node);
        }
    }

    private final Map<TransactionId, Txn> transactions = new TreeMap<>();
    private final List<Blocked> ended = new ArrayList<>();

    /** A coordinator began {@code transaction} with these participants. */
    public Optional<Breach> begun(TransactionId transaction, int[] participants, long at) {
        int[] sorted = participants.clone();
        Arrays.sort(sorted);
        Txn known = transactions.get(transaction);
        if (known != null) {
            return Arrays.equals(known.participants, sorted) ? Optional.empty() : breach(Checks.CONTRACT, transaction,
                "begun again with participants " + Arrays.toString(sorted) + " instead of " + Arrays.toString(known.participants));
        }
        if (sorted.length == 0) {
            return breach(Checks.CONTRACT, transaction, "begun with no participant");
        }
        transactions.put(transaction, new Txn(sorted, at));
        return Optional.empty();
    }

    /** {@code participant}'s resource voted on its part (and the participant will report it). */
    public Optional<Breach> voted(TransactionId transaction, int participant, Vote vote, long at) {
        Txn t = transactions.get(transaction);
        Optional<Breach> unknown = known(t, transaction, participant, "voted");
        if (unknown.isPresent()) {
            return unknown;
        }
        Vote before = t.votes.putIfAbsent(participant, vote);
        if (before != null) {
            return before.yes() == vote.yes() ? Optional.empty() : breach(Checks.COMMIT_VALIDITY, transaction,
                "participant " + participant + " voted " + vote + " at " + at + " after voting " + before + ": a yes is a promise");
        }
        if (!vote.yes() && Boolean.TRUE.equals(t.decision)) {
            return breach(Checks.COMMIT_VALIDITY, transaction, "participant " + participant + " voted " + vote + " at " + at
                + " but " + t.decidedBy + " had already committed");
        }
        if (vote.yes() && !t.decisions.containsKey(participant)) {
            t.uncertainSince.put(participant, at);
        }
        return Optional.empty();
    }

    /** {@code participant} decided: it committed its part ({@code commit}) or aborted it. */
    public Optional<Breach> decided(TransactionId transaction, int participant, boolean commit, long at) {
        Txn t = transactions.get(transaction);
        Optional<Breach> unknown = known(t, transaction, participant, "decided");
        if (unknown.isPresent()) {
            return unknown;
        }
        Boolean before = t.decisions.putIfAbsent(participant, commit);
        if (before != null && before != commit) {
            return breach(Checks.ATOMICITY, transaction, "participant " + participant + " " + word(commit) + " at " + at
                + " after it had " + word(before));
        }
        Long since = t.uncertainSince.remove(participant);
        if (since != null) {
            ended.add(new Blocked(transaction, participant, since, at));
        }
        return agree(t, transaction, commit, "participant " + participant, at);
    }

    /** The coordinator's outcome reached the caller. */
    public Optional<Breach> outcome(Outcome outcome, long at) {
        Txn t = transactions.get(outcome.transaction());
        if (t == null) {
            return breach(Checks.CONTRACT, outcome.transaction(), "an outcome (" + outcome + ") of a transaction never begun");
        }
        return agree(t, outcome.transaction(), outcome.committed(), "the coordinator's outcome", at);
    }

    private Optional<Breach> agree(Txn t, TransactionId transaction, boolean commit, String who, long at) {
        if (commit) {
            for (int p : t.participants) {
                Vote v = t.votes.get(p);
                if (v == null || !v.yes()) {
                    return breach(Checks.COMMIT_VALIDITY, transaction, who + " committed at " + at + " but participant " + p
                        + (v == null ? " had not voted" : " voted " + v));
                }
            }
        }
        if (t.decision == null) {
            t.decision = commit;
            t.decidedBy = who;
            return Optional.empty();
        }
        if (t.decision != commit) {
            return breach(Checks.ATOMICITY, transaction, who + " " + word(commit) + " at " + at + " but " + t.decidedBy + " "
                + word(t.decision));
        }
        return Optional.empty();
    }

    private static Optional<Breach> known(Txn t, TransactionId transaction, int participant, String what) {
        if (t == null) {
            return breach(Checks.CONTRACT, transaction, "node " + participant + " " + what + " on a transaction never begun");
        }
        if (!t.involves(participant)) {
            return breach(Checks.CONTRACT, transaction, "node " + participant + " " + what + " but is not among the participants "
                + Arrays.toString(t.participants));
        }
        return Optional.empty();
    }

    private static Optional<Breach> breach(String check, TransactionId transaction, String detail) {
        return Optional.of(new Breach(check, transaction, detail));
    }

    private static String word(boolean commit) {
        return commit ? "committed" : "aborted";
    }

    /** The first decision made on {@code transaction}: committed, aborted, or empty while none is. */
    public Optional<Boolean> decision(TransactionId transaction) {
        Txn t = transactions.get(transaction);
        return t == null ? Optional.empty() : Optional.ofNullable(t.decision);
    }

    /** Every time a participant was uncertain, ended or still ongoing at {@code now}, longest first. */
    public List<Blocked> blocked(long now) {
        List<Blocked> all = new ArrayList<>(ended);
        for (Map.Entry<TransactionId, Txn> e : transactions.entrySet()) {
            for (Map.Entry<Integer, Long> u : e.getValue().uncertainSince.entrySet()) {
                all.add(new Blocked(e.getKey(), u.getKey(), u.getValue(), Blocked.ONGOING));
            }
        }
        all.sort(Comparator.comparingLong((Blocked b) -> -b.duration(now)).thenComparing(Blocked::transaction)
            .thenComparingInt(Blocked::participant));
        return all;
    }

    /** Participants still uncertain at {@code now}. */
    public List<Blocked> stillBlocked(long now) {
        return blocked(now).stream().filter(Blocked::ongoing).toList();
    }

    /** The transactions begun, in id order. */
    public List<TransactionId> transactions() {
        return List.copyOf(transactions.keySet());
    }
}
