package io.synod.twophase.paxoscommit;

import io.synod.api.Envelope;
import io.synod.api.InvalidMessageException;
import io.synod.api.LogEntry;
import io.synod.api.commit.CommitContext;
import io.synod.api.commit.CommitCore;
import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.CommitReady;
import io.synod.api.commit.Outcome;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;
import io.synod.protocol.Ballot;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Decision;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Nack;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Phase1a;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Phase1b;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Phase2a;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Phase2b;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Prepare;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * One node of Paxos Commit: coordinator of the transactions it begins, resource manager
 * ({@link ResourceManager}) and acceptor ({@link CommitAcceptor}) of those it takes part in — the
 * participants are the acceptors, 2F + 1 of them tolerating F crashes — and the leader
 * ({@link CommitLeader}) of any transaction it must learn the outcome of: its own as coordinator,
 * or one it is uncertain about as a participant.
 */
final class PaxosCommitCore implements CommitCore {

    private final int self;
    private final PaxosCommit config;
    private final CommitEffects fx;
    private final CommitAcceptor acceptor = new CommitAcceptor();
    private final ResourceManager rm;
    private final Map<TransactionId, CommitLeader> leaders = new TreeMap<>();
    private final Map<TransactionId, Boolean> callers = new HashMap<>();
    private final Set<TransactionId> begun = new HashSet<>();
    /** The highest round this node has seen an acceptor promise, per transaction: its next ballot outbids it. */
    private final Map<TransactionId, Long> seenRounds = new HashMap<>();
    private final RandomGenerator random;

    PaxosCommitCore(CommitContext context, PaxosCommit config) {
        this.self = context.self();
        this.config = config;
        this.fx = new CommitEffects(self, context.lastRecord());
        this.random = context.random();
        this.rm = new ResourceManager(self, config, random);
        for (LogEntry entry : context.records()) {
            PaxosCommitRecord record = PaxosCommitRecord.decode(entry.index(), entry.data());
            acceptor.recover(record);
            rm.recover(record, fx);
        }
    }

    @Override
    public void begin(Transaction transaction) {
        TransactionId t = transaction.id();
        if (t.coordinator() != self || !begun.add(t)) {
            fx.outcome(new Outcome.Aborted(t, Outcome.Reason.REFUSED, Outcome.NO_PARTICIPANT, t.coordinator() != self
                ? "node " + self + " cannot coordinate " + t : "id " + t + " was used before"));
            return;
        }
        int[] participants = transaction.participants();
        callers.put(t, true);
        leaders.put(t, new CommitLeader(t, participants, config.acceptorsOf(participants), Ballot.ZERO, config.voteTimeoutTicks()));
        for (int p : participants) {
            fx.send(p, new Prepare(t, participants, transaction.payload(p)));
        }
    }

    @Override
    public void step(Envelope envelope) {
        if (!(envelope.message() instanceof PaxosCommitMessage m)) {
            throw new InvalidMessageException("not a Paxos Commit message: " + envelope.message());
        }
        int from = envelope.from();
        TransactionId t = m.transaction();
        if (m instanceof Prepare p) {
            rm.prepare(p, fx);
        } else if (m instanceof Phase2a a) {
            acceptor.phase2a(from, a, fx);
        } else if (m instanceof Phase1a a) {
            acceptor.phase1a(from, a, fx);
        } else if (m instanceof Phase2b b) {
            CommitLeader leader = leaders.get(t);
            if (leader != null) {
                Boolean decision = leader.accepted(from, b);
                if (decision != null) {
                    decided(t, leader.participants(), decision);
                }
            }
        } else if (m instanceof Phase1b b) {
            CommitLeader leader = leaders.get(t);
            if (leader != null) {
                leader.promised(from, b, fx);
            }
        } else if (m instanceof Nack n) {
            CommitLeader leader = leaders.get(t);
            if (leader != null) {
                seenRounds.merge(t, n.promised().round(), Math::max); // outbid it at the next (randomized) timeout, not at once
            }
        } else if (m instanceof Decision d) {
            learned(t, d.commit());
        }
    }

    /** This node, as leader, learned the outcome: it applies it here and tells every participant and the coordinator. */
    private void decided(TransactionId t, int[] participants, boolean commit) {
        learned(t, commit);
        int[] others = Arrays.stream(participants).filter(n -> n != self).toArray();
        fx.send(others, new Decision(t, commit));
        if (t.coordinator() != self && Arrays.stream(participants).noneMatch(n -> n == t.coordinator())) {
            fx.send(t.coordinator(), new Decision(t, commit));
        }
    }

    private void learned(TransactionId t, boolean commit) {
        leaders.remove(t);
        rm.decide(t, commit, fx);
        if (callers.remove(t) != null) {
            fx.outcome(commit ? new Outcome.Committed(t) : new Outcome.Aborted(t, Outcome.Reason.NO_VOTE, Outcome.NO_PARTICIPANT,
                "a participant's instance chose aborted (it voted no, or did not vote in time)"));
        }
    }

    /** Leads a ballot above every one this node has seen for {@code t}; the timeout is randomized so rival leaders do not duel forever. */
    private void lead(TransactionId t, int[] participants, long atLeastRound) {
        long round = Math.max(atLeastRound, seenRounds.getOrDefault(t, 0L) + 1);
        seenRounds.merge(t, round, Math::max);
        CommitLeader leader = new CommitLeader(t, participants, config.acceptorsOf(participants), new Ballot(round, self),
            config.leaderTimeoutTicks() + random.nextInt(config.leaderTimeoutTicks()));
        leaders.put(t, leader);
        leader.start(fx);
    }

    @Override
    public void tick() {
        for (Map.Entry<TransactionId, CommitLeader> e : Map.copyOf(leaders).entrySet()) {
            CommitLeader leader = e.getValue();
            if (leader.expired()) {
                lead(e.getKey(), leader.participants(), leader.ballot().round() + 1);
            }
        }
        for (Map.Entry<TransactionId, int[]> uncertain : rm.timedOut().entrySet()) {
            if (!leaders.containsKey(uncertain.getKey())) {
                lead(uncertain.getKey(), uncertain.getValue(), 1);
            }
        }
    }

    @Override
    public void resourceVoted(TransactionId transaction, Vote vote) {
        rm.voted(transaction, vote, fx);
    }

    @Override
    public boolean hasReady() {
        return fx.hasPending();
    }

    @Override
    public CommitReady ready() {
        return fx.drain();
    }
}
