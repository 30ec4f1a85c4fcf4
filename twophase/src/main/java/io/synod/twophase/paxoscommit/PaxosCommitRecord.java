package io.synod.twophase.paxoscommit;

import io.synod.api.commit.TransactionId;
import io.synod.protocol.Ballot;
import io.synod.protocol.FrameWriter;
import io.synod.protocol.commit.RecordFrame;
import io.synod.protocol.commit.TransactionFrame;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Accepted;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The durable records of Paxos Commit: an acceptor's state for a transaction (its promise and
 * what it accepted, the whole of it each time it changes, before the reply that reports it); a
 * participant's PREPARED (before its ballot-0 proposal of "prepared"), REFUSED (before proposing
 * "aborted") and DECIDED (before applying). The coordinator records nothing: the decision is
 * whatever the acceptors chose.
 * <pre>
 *   kind:byte  coordinator:int  number:long  then by kind:
 *   ACCEPTOR   promised:long  count:int  (rm:int ballot:long prepared:flag)...
 *   PREPARED   participants: count:int, id:int...   part: length:int, bytes
 *   DECIDED    commit:flag
 *   REFUSED    (nothing)
 * </pre>
 */
record PaxosCommitRecord(Kind kind, TransactionId transaction, Ballot promised, List<Accepted> accepted, int[] participants,
                         byte[] part, boolean commit) {

    enum Kind { ACCEPTOR, PREPARED, REFUSED, DECIDED }

    static PaxosCommitRecord acceptor(TransactionId t, Ballot promised, List<Accepted> accepted) {
        return new PaxosCommitRecord(Kind.ACCEPTOR, t, promised, accepted, null, null, false);
    }

    static PaxosCommitRecord prepared(TransactionId t, int[] participants, byte[] part) {
        return new PaxosCommitRecord(Kind.PREPARED, t, null, null, participants, part, false);
    }

    static PaxosCommitRecord refused(TransactionId t) {
        return new PaxosCommitRecord(Kind.REFUSED, t, null, null, null, null, false);
    }

    static PaxosCommitRecord decided(TransactionId t, boolean commit) {
        return new PaxosCommitRecord(Kind.DECIDED, t, null, null, null, null, commit);
    }

    byte[] encode() {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
        FrameWriter w = RecordFrame.begin(buffer, kind, transaction);
        switch (kind) {
            case ACCEPTOR -> {
                w.putBallot(promised).putInt(accepted.size());
                for (Accepted a : accepted) {
                    w.putInt(a.rm()).putBallot(a.ballot()).putFlag(a.prepared());
                }
            }
            case PREPARED -> TransactionFrame.putParticipants(w, participants).putBytes(part);
            case DECIDED -> w.putFlag(commit);
            default -> {
            }
        }
        return RecordFrame.bytes(buffer, w);
    }

    /** Decodes a record; one that does not parse stops the node, naming the record. */
    static PaxosCommitRecord decode(long index, byte[] data) {
        return RecordFrame.decode("Paxos Commit", Kind.values(), index, data, (kind, t, r) -> switch (kind) {
            case ACCEPTOR -> {
                Ballot promised = r.getBallot();
                int n = r.getCount(13);
                List<Accepted> accepted = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    accepted.add(new Accepted(r.getInt(), r.getBallot(), r.getFlag()));
                }
                yield acceptor(t, promised, accepted);
            }
            case PREPARED -> prepared(t, TransactionFrame.getParticipants(r), r.getBytes());
            case REFUSED -> refused(t);
            case DECIDED -> decided(t, r.getFlag());
        });
    }
}
