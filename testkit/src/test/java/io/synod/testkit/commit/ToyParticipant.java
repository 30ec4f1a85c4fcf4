package io.synod.testkit.commit;

import io.synod.api.Envelope;
import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.Vote;
import io.synod.api.role.Participant;

import java.util.Map;
import java.util.TreeMap;

/**
 * The toy's participant: has its resource vote, records a yes before sending it, records the
 * outcome before applying it, and — uncertain after a yes — asks its coordinator every few ticks
 * and waits (2PC's blocking). With {@link ToyTwoPhase.Flaw#UNILATERAL_ABORT} it gives up waiting
 * and aborts on its own, which is what the atomicity oracle must catch.
 */
final class ToyParticipant implements Participant {

    static final int ASK_EVERY_TICKS = 4;
    static final int GIVE_UP_TICKS = 12;

    private enum State { ASKED, ABORT_BEFORE_VOTE, PREPARED, DONE }

    private static final class Part {
        final int coordinator;
        final byte[] part;
        State state;
        int waited;

        Part(int coordinator, byte[] part, State state) {
            this.coordinator = coordinator;
            this.part = part;
            this.state = state;
        }
    }

    private final ToyTwoPhase.Flaw flaw;
    private final Map<TransactionId, Part> parts = new TreeMap<>();

    ToyParticipant(ToyTwoPhase.Flaw flaw) {
        this.flaw = flaw;
    }

    /** Recovery: a recorded yes is restored (and asked about); a recorded outcome is applied again. */
    void recover(String[] record, CommitEffects fx) {
        TransactionId t = ToyRecords.transaction(record);
        if (record[0].equals("PREPARED")) {
            byte[] part = ToyRecords.part(record);
            parts.put(t, new Part(t.coordinator(), part, State.PREPARED));
            fx.restore(t, part);
        } else if (record[0].equals("DECIDED")) {
            Part p = parts.get(t);
            parts.put(t, new Part(t.coordinator(), p == null ? new byte[0] : p.part, State.DONE));
            if (record[3].equals("commit")) {
                fx.commit(t);
            } else {
                fx.abort(t);
            }
        }
    }

    @Override
    public boolean onMessage(Envelope envelope, CommitEffects fx) {
        if (envelope.message() instanceof ToyCommitMessage.Prepare p) {
            Part known = parts.get(p.transaction());
            if (known == null) {
                parts.put(p.transaction(), new Part(envelope.from(), p.part(), State.ASKED));
                fx.prepare(p.transaction(), p.part());
            } else if (known.state == State.PREPARED) {
                fx.send(known.coordinator, new ToyCommitMessage.Voted(p.transaction(), true, ""));
            }
            return true;
        }
        if (envelope.message() instanceof ToyCommitMessage.Decision d) {
            decided(envelope.from(), d, fx);
            return true;
        }
        return false;
    }

    private void decided(int from, ToyCommitMessage.Decision d, CommitEffects fx) {
        TransactionId t = d.transaction();
        Part p = parts.get(t);
        if (p == null || p.state == State.DONE) {
            fx.send(from, new ToyCommitMessage.Ack(t));
        } else if (p.state == State.ASKED) {
            p.state = State.ABORT_BEFORE_VOTE; // only an abort can come before this node voted
        } else if (p.state == State.PREPARED) {
            finish(t, p, d.commit(), fx);
            fx.send(from, new ToyCommitMessage.Ack(t));
        }
    }

    private void finish(TransactionId t, Part p, boolean commit, CommitEffects fx) {
        fx.record(ToyRecords.decided(t, commit));
        p.state = State.DONE;
        if (commit) {
            fx.commit(t);
        } else {
            fx.abort(t);
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
            fx.abort(t);
            if (!vote.yes()) {
                fx.send(p.coordinator, new ToyCommitMessage.Voted(t, false, vote.reason()));
            }
            return;
        }
        fx.record(ToyRecords.prepared(t, p.part));
        p.state = State.PREPARED;
        fx.send(p.coordinator, new ToyCommitMessage.Voted(t, true, ""));
    }

    @Override
    public void onTick(CommitEffects fx) {
        for (Map.Entry<TransactionId, Part> e : parts.entrySet()) {
            Part p = e.getValue();
            if (p.state != State.PREPARED) {
                continue;
            }
            p.waited++;
            if (flaw == ToyTwoPhase.Flaw.UNILATERAL_ABORT && p.waited >= GIVE_UP_TICKS) {
                finish(e.getKey(), p, false, fx);
            } else if (p.waited % ASK_EVERY_TICKS == 0) {
                fx.send(p.coordinator, new ToyCommitMessage.Voted(e.getKey(), true, ""));
            }
        }
    }
}
