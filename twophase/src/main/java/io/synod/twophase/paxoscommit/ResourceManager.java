package io.synod.twophase.paxoscommit;

import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;
import io.synod.protocol.Ballot;
import io.synod.protocol.RandomizedTimeout;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Phase2a;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Prepare;

import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * A participant of Paxos Commit (Gray and Lamport's resource manager): it has its resource vote,
 * records the vote, and proposes it in ballot 0 of its own instance to every acceptor; it records
 * the outcome before applying it. Uncertain for longer than its timeout, it asks to lead the
 * transaction's instances itself ({@link #timedOut()}): with a majority of acceptors up it learns
 * the outcome, so a coordinator's crash blocks nobody.
 */
final class ResourceManager {

    private enum State { ASKED, ABORT_BEFORE_VOTE, PREPARED, DONE }

    private static final class Part {
        final int[] participants;
        final byte[] part;
        State state;
        RandomizedTimeout timeout;

        Part(int[] participants, byte[] part, State state) {
            this.participants = participants;
            this.part = part;
            this.state = state;
        }
    }

    private final int self;
    private final PaxosCommit config;
    private final RandomGenerator random;
    private final Map<TransactionId, Part> parts = new TreeMap<>();

    ResourceManager(int self, PaxosCommit config, RandomGenerator random) {
        this.self = self;
        this.config = config;
        this.random = random;
    }

    private void uncertain(Part p) {
        p.state = State.PREPARED;
        p.timeout = new RandomizedTimeout(config.uncertainTimeoutTicks(), random);
    }

    void recover(PaxosCommitRecord record, CommitEffects fx) {
        TransactionId t = record.transaction();
        switch (record.kind()) {
            case PREPARED -> {
                Part p = new Part(record.participants(), record.part(), State.ASKED);
                uncertain(p);
                parts.put(t, p);
                fx.restore(t, record.part());
            }
            case REFUSED -> parts.put(t, new Part(new int[0], new byte[0], State.DONE));
            case DECIDED -> {
                Part p = parts.computeIfAbsent(t, k -> new Part(new int[0], new byte[0], State.DONE));
                p.state = State.DONE;
                if (record.commit()) {
                    fx.commit(t);
                } else {
                    fx.abort(t);
                }
            }
            default -> {
            }
        }
    }

    void prepare(Prepare m, CommitEffects fx) {
        TransactionId t = m.transaction();
        Part p = parts.get(t);
        if (p == null) {
            parts.put(t, new Part(m.participants(), m.part(), State.ASKED));
            fx.prepare(t, m.part());
        } else if (p.state == State.PREPARED) {
            fx.send(config.acceptorsOf(p.participants), new Phase2a(t, self, Ballot.ZERO, true)); // the first proposal may have been lost
        }
    }

    void voted(TransactionId t, Vote vote, CommitEffects fx) {
        Part p = parts.get(t);
        if (p == null || p.state != State.ASKED && p.state != State.ABORT_BEFORE_VOTE) {
            return;
        }
        if (vote.yes() && p.state == State.ASKED) {
            fx.record(PaxosCommitRecord.prepared(t, p.participants, p.part).encode());
            uncertain(p);
            fx.send(config.acceptorsOf(p.participants), new Phase2a(t, self, Ballot.ZERO, true));
            return;
        }
        fx.record(PaxosCommitRecord.refused(t).encode()); // one value in ballot 0, even across a restart
        p.state = State.DONE;
        fx.abort(t);
        fx.send(config.acceptorsOf(p.participants), new Phase2a(t, self, Ballot.ZERO, false));
    }

    void decide(TransactionId t, boolean commit, CommitEffects fx) {
        Part p = parts.get(t);
        if (p == null || p.state == State.DONE) {
            return;
        }
        if (p.state == State.ASKED) {
            if (!commit) {
                p.state = State.ABORT_BEFORE_VOTE;
            }
            return;
        }
        if (p.state == State.ABORT_BEFORE_VOTE) {
            return;
        }
        fx.record(PaxosCommitRecord.decided(t, commit).encode());
        p.state = State.DONE;
        if (commit) {
            fx.commit(t);
        } else {
            fx.abort(t);
        }
    }

    /** Counts a tick; the transactions this node has been uncertain about for too long, with their participants. */
    Map<TransactionId, int[]> timedOut() {
        Map<TransactionId, int[]> out = new TreeMap<>();
        for (Map.Entry<TransactionId, Part> e : parts.entrySet()) {
            Part p = e.getValue();
            if (p.state == State.PREPARED && p.timeout.tick()) {
                p.timeout.restart();
                out.put(e.getKey(), p.participants);
            }
        }
        return out;
    }
}
