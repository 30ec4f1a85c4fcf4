package io.synod.threephase;

import io.synod.api.Envelope;
import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.RecordTrail;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;
import io.synod.protocol.commit.CoordinatorParticipantCore.RecoveringParticipant;
import io.synod.protocol.commit.TransactionRecord;
import io.synod.protocol.Ballot;
import io.synod.protocol.RandomizedTimeout;
import io.synod.threephase.ThreePhaseMessage.Abort;
import io.synod.threephase.ThreePhaseMessage.Ack;
import io.synod.threephase.ThreePhaseMessage.CanCommit;
import io.synod.threephase.ThreePhaseMessage.DoCommit;
import io.synod.threephase.ThreePhaseMessage.HaveCommitted;
import io.synod.threephase.ThreePhaseMessage.PreCommit;
import io.synod.threephase.ThreePhaseMessage.State;
import io.synod.threephase.ThreePhaseMessage.StateReport;
import io.synod.threephase.ThreePhaseMessage.StateRequest;

import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * A participant of three-phase commit, and — when it times out uncertain or pre-committed — the
 * new coordinator of the termination protocol ({@link Termination}). It records its yes before
 * voting, PRECOMMIT before acknowledging it, and the outcome before applying it. A participant
 * that has not voted and is asked for its state refuses for good (recorded) and reports ABORTED.
 * A state request or PRECOMMIT under a ballot lower than one it answered is ignored.
 */
final class ThreePhaseParticipant implements RecoveringParticipant<TransactionRecord<ThreePhaseRecord.Kind>> {

    enum Local { ASKED, ABORT_BEFORE_VOTE, UNCERTAIN, PRECOMMITTED, COMMITTED, ABORTED }

    static final class Part {
        final int[] participants;
        final byte[] part;
        Local state;
        boolean recorded;
        Ballot promised = Ballot.ZERO;
        RandomizedTimeout timeout;
        Termination termination;

        Part(int[] participants, byte[] part, Local state) {
            this.participants = participants;
            this.part = part;
            this.state = state;
        }

        State reported() {
            return switch (state) {
                case UNCERTAIN -> State.UNCERTAIN;
                case PRECOMMITTED -> State.PRECOMMITTED;
                case COMMITTED -> State.COMMITTED;
                default -> State.ABORTED;
            };
        }
    }

    private final int self;
    private final ThreePhaseCommit config;
    private final RecordTrail trail;
    private final RandomGenerator random;
    private final Map<TransactionId, Part> parts = new TreeMap<>();

    ThreePhaseParticipant(int self, ThreePhaseCommit config, RecordTrail trail, RandomGenerator random) {
        this.self = self;
        this.config = config;
        this.trail = trail;
        this.random = random;
    }

    int self() {
        return self;
    }

    ThreePhaseCommit config() {
        return config;
    }

    @Override
    public void recover(long index, TransactionRecord<ThreePhaseRecord.Kind> record, CommitEffects fx) {
        TransactionId t = record.transaction();
        Part p = parts.get(t);
        switch (record.kind()) {
            case PREPARED -> {
                p = new Part(record.participants(), record.part(), Local.UNCERTAIN);
                p.recorded = true;
                waitFor(p);
                parts.put(t, p);
                fx.restore(t, record.part());
            }
            case PRECOMMITTED -> {
                if (p != null) {
                    p.state = Local.PRECOMMITTED;
                }
            }
            case DECIDED -> {
                if (p == null) {
                    p = new Part(new int[0], new byte[0], Local.ABORTED);
                    parts.put(t, p);
                }
                p.state = record.commit() ? Local.COMMITTED : Local.ABORTED;
                p.recorded = true;
                p.timeout = null;
                if (record.commit()) {
                    fx.commit(t);
                } else {
                    fx.abort(t);
                    trail.finish(t);
                }
            }
            case REFUSED -> {
                p = new Part(new int[0], new byte[0], Local.ABORTED);
                p.recorded = true;
                parts.put(t, p);
            }
            default -> {
                return;
            }
        }
        trail.note(index, t);
    }

    private void waitFor(Part p) {
        p.timeout = new RandomizedTimeout(config.uncertainTimeoutTicks(), random);
    }

    @Override
    public boolean onMessage(Envelope envelope, CommitEffects fx) {
        int from = envelope.from();
        Object m = envelope.message();
        if (m instanceof CanCommit c) {
            canCommit(from, c, fx);
        } else if (m instanceof PreCommit pc) {
            preCommit(from, pc, fx);
        } else if (m instanceof DoCommit d) {
            decide(d.transaction(), true, fx);
            if (known(d.transaction(), Local.COMMITTED)) {
                fx.send(from, new HaveCommitted(d.transaction()));
            }
        } else if (m instanceof Abort a) {
            decide(a.transaction(), false, fx);
        } else if (m instanceof StateRequest r) {
            stateRequested(from, r, fx);
        } else if (m instanceof StateReport s) {
            Part p = parts.get(s.transaction());
            if (p != null && p.termination != null) {
                p.termination.reported(from, s, p, fx);
            }
        } else if (m instanceof Ack a && !a.ballot().equals(Ballot.ZERO)) {
            Part p = parts.get(a.transaction());
            if (p != null && p.termination != null) {
                p.termination.acked(from, a, p, fx);
            }
        } else {
            return false;
        }
        return true;
    }

    private boolean known(TransactionId t, Local state) {
        Part p = parts.get(t);
        return p != null && p.state == state;
    }

    private void canCommit(int from, CanCommit c, CommitEffects fx) {
        TransactionId t = c.transaction();
        Part p = parts.get(t);
        if (p == null) {
            parts.put(t, new Part(c.participants(), c.part(), Local.ASKED));
            fx.prepare(t, c.part());
        } else if (p.state == Local.UNCERTAIN) {
            fx.send(from, new ThreePhaseMessage.Vote(t, true, ""));
        } else if (p.state == Local.ABORTED) {
            fx.send(from, new ThreePhaseMessage.Vote(t, false, "aborted here before the vote was asked"));
        }
    }

    @Override
    public void resourceVoted(TransactionId t, Vote vote, CommitEffects fx) {
        Part p = parts.get(t);
        if (p == null || p.state != Local.ASKED && p.state != Local.ABORT_BEFORE_VOTE) {
            return;
        }
        if (p.state == Local.ABORT_BEFORE_VOTE || !vote.yes()) {
            p.state = Local.ABORTED;
            fx.abort(t);
            if (!vote.yes()) {
                fx.send(t.coordinator(), new ThreePhaseMessage.Vote(t, false, vote.reason()));
            }
            return;
        }
        trail.note(fx.record(ThreePhaseRecord.prepared(t, p.participants, p.part).encode()), t);
        p.recorded = true;
        p.state = Local.UNCERTAIN;
        waitFor(p);
        fx.send(t.coordinator(), new ThreePhaseMessage.Vote(t, true, ""));
    }

    private void preCommit(int from, PreCommit pc, CommitEffects fx) {
        TransactionId t = pc.transaction();
        Part p = parts.get(t);
        if (p == null || pc.ballot().compareTo(p.promised) < 0) {
            return;
        }
        if (p.state == Local.UNCERTAIN) {
            precommitHere(t, p, fx);
        }
        if (p.state == Local.PRECOMMITTED || p.state == Local.COMMITTED) {
            fx.send(from, new Ack(t, pc.ballot()));
        }
    }

    /** Records PRECOMMITTED (before any ack that reports it) and waits for the decision anew. */
    void precommitHere(TransactionId t, Part p, CommitEffects fx) {
        trail.note(fx.record(ThreePhaseRecord.of(ThreePhaseRecord.Kind.PRECOMMITTED, t).encode()), t);
        p.state = Local.PRECOMMITTED;
        if (p.timeout != null) {
            p.timeout.restart();
        }
    }

    /** Learns the outcome: records it, then has the resource apply it. */
    void decide(TransactionId t, boolean commit, CommitEffects fx) {
        Part p = parts.get(t);
        if (p == null || p.state == Local.COMMITTED || p.state == Local.ABORTED) {
            return;
        }
        if (p.state == Local.ASKED) {
            if (!commit) {
                p.state = Local.ABORT_BEFORE_VOTE;
            }
            return;
        }
        if (p.state == Local.ABORT_BEFORE_VOTE) {
            return;
        }
        trail.note(fx.record(ThreePhaseRecord.decided(t, commit).encode()), t);
        p.state = commit ? Local.COMMITTED : Local.ABORTED;
        p.recorded = true;
        p.timeout = null;
        p.termination = null;
        if (commit) {
            fx.commit(t);
        } else {
            fx.abort(t);
            trail.finish(t);
        }
    }

    private void stateRequested(int from, StateRequest r, CommitEffects fx) {
        TransactionId t = r.transaction();
        Part p = parts.get(t);
        if (p == null) {
            p = new Part(new int[0], new byte[0], Local.ABORTED); // never voted: it never will
            parts.put(t, p);
        }
        if (p.state == Local.ASKED || p.state == Local.ABORT_BEFORE_VOTE || r.ballot().compareTo(p.promised) < 0) {
            return; // the vote is on its way; or an older leader
        }
        p.promised = r.ballot();
        if (p.termination != null && p.termination.ballot().compareTo(r.ballot()) < 0) {
            p.termination = null; // a newer leader took over
        }
        if (p.state == Local.ABORTED && !p.recorded) {
            trail.note(fx.record(ThreePhaseRecord.of(ThreePhaseRecord.Kind.REFUSED, t).encode()), t);
            p.recorded = true;
        }
        if (p.timeout != null) {
            p.timeout.restart();
        }
        fx.send(from, new StateReport(t, r.ballot(), p.reported()));
    }

    @Override
    public void onTick(CommitEffects fx) {
        for (Map.Entry<TransactionId, Part> e : parts.entrySet()) {
            Part p = e.getValue();
            if (p.termination != null) {
                p.termination.tick(e.getKey(), p, fx);
            } else if (p.timeout != null && (p.state == Local.UNCERTAIN || p.state == Local.PRECOMMITTED) && p.timeout.tick()) {
                p.timeout.restart();
                p.promised = p.promised.next(self);
                p.termination = new Termination(this, p.promised);
                p.termination.start(e.getKey(), p, fx);
            }
        }
    }
}
