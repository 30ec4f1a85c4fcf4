package io.synod.twophase;

import io.synod.api.Envelope;
import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.RecordTrail;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;
import io.synod.protocol.commit.CoordinatorParticipantCore.RecoveringParticipant;
import io.synod.protocol.commit.TransactionRecord;
import io.synod.twophase.TwoPhaseMessage.Ack;
import io.synod.twophase.TwoPhaseMessage.Decision;
import io.synod.twophase.TwoPhaseMessage.DecisionRequest;
import io.synod.twophase.TwoPhaseMessage.Prepare;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A participant of two-phase commit. Asked to prepare, it has its resource vote; it records a yes
 * before sending it and an outcome before applying it. Uncertain after a yes, it may not decide
 * alone: it asks its coordinator, and after a while its peers too (the cooperative termination
 * protocol). A peer that knows the outcome tells it; a peer that has not voted refuses — it records
 * that it will never vote yes, then answers abort, which is safe because without its yes the
 * coordinator can only abort. A peer that is itself uncertain says nothing: with the coordinator
 * gone and every participant uncertain, two-phase commit blocks.
 *
 * <p>Records of an aborted transaction are released once the abort is applied. A commit's records
 * are kept: a peer may still ask, and a participant that had forgotten a commit would take the
 * question for one about a transaction it never saw, and refuse.
 */
final class TwoPhaseParticipant implements RecoveringParticipant<TransactionRecord<TwoPhaseRecord.Kind>> {

    private enum State {
        /** The resource is voting. */
        ASKED,
        /** An abort arrived while the resource was voting. */
        ABORT_BEFORE_VOTE,
        /** Voted yes, recorded, outcome unknown: uncertain. */
        PREPARED,
        /** Knows the outcome. */
        DONE,
        /** Promised (durably, if recorded) never to vote yes. */
        REFUSED
    }

    private static final class Part {
        final int coordinator;
        final int[] participants;
        final byte[] part;
        State state;
        boolean commit;
        boolean recorded;
        int waited;

        Part(int coordinator, int[] participants, byte[] part, State state) {
            this.coordinator = coordinator;
            this.participants = participants;
            this.part = part;
            this.state = state;
        }
    }

    private final int self;
    private final TwoPhaseCommit config;
    private final RecordTrail trail;
    private final Map<TransactionId, Part> parts = new TreeMap<>();

    TwoPhaseParticipant(int self, TwoPhaseCommit config, RecordTrail trail) {
        this.self = self;
        this.config = config;
        this.trail = trail;
    }

    /** Recovery: a recorded yes is restored and asked about; a recorded outcome is applied again. */
    @Override
    public void recover(long index, TransactionRecord<TwoPhaseRecord.Kind> record, CommitEffects fx) {
        TransactionId t = record.transaction();
        switch (record.kind()) {
            case PREPARED -> {
                parts.put(t, new Part(t.coordinator(), record.participants(), record.part(), State.PREPARED));
                fx.restore(t, record.part());
                trail.note(index, t);
            }
            case DECIDED -> {
                Part p = parts.computeIfAbsent(t, k -> new Part(t.coordinator(), new int[0], new byte[0], State.DONE));
                p.state = State.DONE;
                p.commit = record.commit();
                p.recorded = true;
                if (record.commit()) {
                    fx.commit(t);
                } else {
                    fx.abort(t);
                    trail.finish(t);
                }
                trail.note(index, t);
            }
            case REFUSED -> {
                Part p = new Part(t.coordinator(), new int[0], new byte[0], State.REFUSED);
                p.recorded = true;
                parts.put(t, p);
                trail.note(index, t);
            }
            default -> {
            }
        }
    }

    @Override
    public boolean onMessage(Envelope envelope, CommitEffects fx) {
        if (envelope.message() instanceof Prepare p) {
            prepare(envelope.from(), p, fx);
        } else if (envelope.message() instanceof Decision d) {
            decided(d.transaction(), d.commit(), fx);
        } else if (envelope.message() instanceof DecisionRequest r) {
            askedByPeer(envelope.from(), r.transaction(), fx);
        } else {
            return false;
        }
        return true;
    }

    private void prepare(int from, Prepare m, CommitEffects fx) {
        TransactionId t = m.transaction();
        Part known = parts.get(t);
        if (known == null) {
            parts.put(t, new Part(from, m.participants(), m.part(), State.ASKED));
            fx.prepare(t, m.part());
        } else if (known.state == State.PREPARED) {
            fx.send(known.coordinator, new TwoPhaseMessage.Vote(t, true, ""));
        } else if (known.state == State.REFUSED) {
            fx.send(from, new TwoPhaseMessage.Vote(t, false, "refused earlier, when a peer asked"));
        }
    }

    @Override
    public void resourceVoted(TransactionId t, Vote vote, CommitEffects fx) {
        Part p = parts.get(t);
        if (p == null || p.state != State.ASKED && p.state != State.ABORT_BEFORE_VOTE) {
            return;
        }
        if (p.state == State.ABORT_BEFORE_VOTE || !vote.yes()) {
            p.state = State.DONE;
            p.commit = false;
            fx.abort(t);
            if (!vote.yes()) {
                fx.send(p.coordinator, new TwoPhaseMessage.Vote(t, false, vote.reason()));
            }
            return;
        }
        if (config.flaw() != TwoPhaseCommit.Flaw.UNRECORDED_YES) {
            trail.note(fx.record(TwoPhaseRecord.prepared(t, p.participants, p.part).encode()), t);
        }
        p.state = State.PREPARED;
        fx.send(p.coordinator, new TwoPhaseMessage.Vote(t, true, ""));
    }

    private void decided(TransactionId t, boolean commit, CommitEffects fx) {
        Part p = parts.get(t);
        if (p == null || p.state == State.DONE) {
            if (commit) {
                fx.send(t.coordinator(), new Ack(t)); // recorded before (a commit needs this node's recorded yes)
            }
        } else if (p.state == State.ASKED) {
            p.state = State.ABORT_BEFORE_VOTE; // only an abort can come before this node voted
        } else if (p.state == State.PREPARED) {
            finish(t, p, commit, fx);
            if (commit) {
                fx.send(t.coordinator(), new Ack(t));
            }
        }
    }

    private void finish(TransactionId t, Part p, boolean commit, CommitEffects fx) {
        trail.note(fx.record(TwoPhaseRecord.decided(t, commit).encode()), t);
        p.state = State.DONE;
        p.commit = commit;
        p.recorded = true;
        if (commit) {
            fx.commit(t);
        } else {
            fx.abort(t);
            trail.finish(t);
        }
    }

    /** Cooperative termination: an uncertain peer asks what this node knows. */
    private void askedByPeer(int from, TransactionId t, CommitEffects fx) {
        Part p = parts.get(t);
        if (p == null) {
            // never asked to prepare (or the abort is forgotten): promise never to vote yes, durably, then say abort
            p = new Part(t.coordinator(), new int[0], new byte[0], State.REFUSED);
            parts.put(t, p);
        }
        if (p.state == State.DONE && p.commit) {
            fx.send(from, new Decision(t, true));
        } else if (p.state == State.DONE || p.state == State.REFUSED) {
            if (!p.recorded) {
                trail.note(fx.record(TwoPhaseRecord.refused(t).encode()), t);
                p.recorded = true;
            }
            fx.send(from, new Decision(t, false));
        } // ASKED, ABORT_BEFORE_VOTE (the vote comes in the next input), PREPARED (uncertain too): say nothing
    }

    @Override
    public void onTick(CommitEffects fx) {
        for (Map.Entry<TransactionId, Part> e : parts.entrySet()) {
            Part p = e.getValue();
            if (p.state != State.PREPARED) {
                continue;
            }
            p.waited++;
            if (config.flaw() == TwoPhaseCommit.Flaw.UNILATERAL_ABORT && p.waited >= config.askPeersAfterTicks()) {
                finish(e.getKey(), p, false, fx);
            } else if (p.waited % config.askEveryTicks() == 0) {
                fx.send(p.coordinator, new DecisionRequest(e.getKey()));
                if (p.waited >= config.askPeersAfterTicks()) {
                    int[] peers = Arrays.stream(p.participants).filter(n -> n != self && n != p.coordinator).toArray();
                    fx.send(peers, new DecisionRequest(e.getKey()));
                }
            }
        }
    }
}
