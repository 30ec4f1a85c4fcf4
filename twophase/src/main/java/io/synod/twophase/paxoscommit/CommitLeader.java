package io.synod.twophase.paxoscommit;

import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.TransactionId;
import io.synod.protocol.Ballot;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Accepted;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Phase1a;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Phase1b;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Phase2a;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Phase2b;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns, and if need be drives, the Paxos instances of one transaction — one per participant —
 * until each has chosen "prepared" or "aborted". In ballot 0 (the coordinator) it only counts:
 * each participant proposes its own vote. In a higher ballot (the coordinator after its vote
 * timeout, or an uncertain participant) it runs phase 1 on all instances, re-proposes any value a
 * majority may have chosen, and proposes "aborted" for instances nobody voted in — the one value a
 * leader may propose on a participant's behalf. Commit when every instance chose "prepared";
 * abort as soon as one chose "aborted".
 */
final class CommitLeader {

    private final TransactionId transaction;
    private final int[] participants;
    private final int[] acceptors;
    private final int quorum;
    private final Ballot ballot;
    private final Map<Integer, Map<Accepted, Set<Integer>>> votes = new TreeMap<>();
    private final Map<Integer, Boolean> chosen = new TreeMap<>();
    private final Map<Integer, Phase1b> promises = new HashMap<>();
    private final int timeoutTicks;
    private boolean proposed;
    private int ticks;

    CommitLeader(TransactionId transaction, int[] participants, int[] acceptors, Ballot ballot, int timeoutTicks) {
        this.timeoutTicks = timeoutTicks;
        this.transaction = transaction;
        this.participants = participants.clone();
        this.acceptors = acceptors.clone();
        this.quorum = acceptors.length / 2 + 1;
        this.ballot = ballot;
    }

    Ballot ballot() {
        return ballot;
    }

    int[] participants() {
        return participants.clone();
    }

    /** Starts phase 1, unless this is ballot 0. */
    void start(CommitEffects fx) {
        if (!ballot.equals(Ballot.ZERO)) {
            fx.send(acceptors, new Phase1a(transaction, ballot));
        }
    }

    void promised(int from, Phase1b m, CommitEffects fx) {
        if (!m.ballot().equals(ballot) || proposed) {
            return;
        }
        promises.put(from, m);
        if (promises.size() < quorum) {
            return;
        }
        proposed = true;
        for (int rm : participants) {
            Accepted highest = null;
            for (Phase1b p : promises.values()) {
                for (Accepted a : p.accepted()) {
                    if (a.rm() == rm && (highest == null || a.ballot().isAbove(highest.ballot()))) {
                        highest = a;
                    }
                }
            }
            fx.send(acceptors, new Phase2a(transaction, rm, ballot, highest != null && highest.prepared()));
        }
    }

    /** Counts an acceptor's 2b; returns the decision once it is known, else null. */
    Boolean accepted(int from, Phase2b m) {
        Accepted key = new Accepted(m.rm(), m.ballot(), m.prepared());
        Set<Integer> acceptors = votes.computeIfAbsent(m.rm(), k -> new HashMap<>()).computeIfAbsent(key, k -> new HashSet<>());
        if (acceptors.add(from) && acceptors.size() >= quorum) {
            chosen.put(m.rm(), m.prepared());
        }
        if (chosen.containsValue(false)) {
            return false;
        }
        return chosen.size() == participants.length ? Boolean.TRUE : null;
    }

    /** One tick; true when this ballot has run for its timeout without a decision. */
    boolean expired() {
        return ++ticks >= timeoutTicks;
    }
}
