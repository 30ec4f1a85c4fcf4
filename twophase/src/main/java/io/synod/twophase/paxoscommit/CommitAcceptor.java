package io.synod.twophase.paxoscommit;

import io.synod.api.commit.CommitEffects;
import io.synod.api.commit.TransactionId;
import io.synod.protocol.Ballot;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Accepted;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Nack;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Phase1a;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Phase1b;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Phase2a;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Phase2b;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Paxos acceptor for every instance of a transaction at once: one promise per transaction (a
 * new leader takes over all of its instances together), one accepted (ballot, value) per
 * participant's instance. Its state for a transaction is recorded before any reply that reports
 * it. Written here rather than shared with the replication protocols' acceptor: its instances are
 * keyed by transaction and participant, not by slot, and its value is one bit.
 */
final class CommitAcceptor {

    private static final class State {
        Ballot promised = Ballot.ZERO;
        final Map<Integer, Accepted> accepted = new TreeMap<>();

        List<Accepted> list() {
            return new ArrayList<>(accepted.values());
        }
    }

    private final Map<TransactionId, State> states = new HashMap<>();

    void recover(PaxosCommitRecord record) {
        if (record.kind() == PaxosCommitRecord.Kind.ACCEPTOR) {
            State s = new State();
            s.promised = record.promised();
            record.accepted().forEach(a -> s.accepted.put(a.rm(), a));
            states.put(record.transaction(), s);
        }
    }

    void phase1a(int from, Phase1a m, CommitEffects fx) {
        State s = states.computeIfAbsent(m.transaction(), t -> new State());
        if (m.ballot().compareTo(s.promised) < 0) {
            fx.send(from, new Nack(m.transaction(), s.promised));
            return;
        }
        if (m.ballot().isAbove(s.promised)) {
            s.promised = m.ballot();
            fx.record(PaxosCommitRecord.acceptor(m.transaction(), s.promised, s.list()).encode());
        }
        fx.send(from, new Phase1b(m.transaction(), m.ballot(), s.list()));
    }

    void phase2a(int from, Phase2a m, CommitEffects fx) {
        State s = states.computeIfAbsent(m.transaction(), t -> new State());
        if (m.ballot().compareTo(s.promised) < 0) {
            fx.send(from, new Nack(m.transaction(), s.promised));
            return;
        }
        Accepted before = s.accepted.get(m.rm());
        if (before != null && before.ballot().equals(m.ballot()) && before.prepared() != m.prepared()) {
            return; // one value per ballot: a second, different proposal in the same ballot is not Paxos
        }
        if (before == null || !before.ballot().equals(m.ballot())) {
            s.promised = m.ballot();
            s.accepted.put(m.rm(), new Accepted(m.rm(), m.ballot(), m.prepared()));
            fx.record(PaxosCommitRecord.acceptor(m.transaction(), s.promised, s.list()).encode());
        }
        int leader = m.ballot().equals(Ballot.ZERO) ? m.transaction().coordinator() : m.ballot().node();
        fx.send(leader, new Phase2b(m.transaction(), m.rm(), m.ballot(), m.prepared()));
    }
}
