package io.synod.twophase.paxoscommit;

import io.synod.api.Message;
import io.synod.api.commit.TransactionId;
import io.synod.protocol.FrameReader;
import io.synod.protocol.FrameWriter;
import io.synod.protocol.commit.TransactionFrame;
import io.synod.spi.MessageCodec;
import io.synod.twophase.paxoscommit.PaxosCommitMessage.Accepted;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of {@link PaxosCommitMessage}s, little-endian:
 * <pre>
 *   type:byte  coordinator:int  number:long  then by type:
 *   1 PREPARE   participants: count:int, id:int...   part: length:int, bytes
 *   2 PHASE2A   rm:int ballot:long prepared:flag
 *   3 PHASE2B   rm:int ballot:long prepared:flag
 *   4 PHASE1A   ballot:long
 *   5 PHASE1B   ballot:long count:int (rm:int ballot:long prepared:flag)...
 *   6 NACK      promised:long
 *   7 DECISION  commit:flag
 * </pre>
 */
public final class PaxosCommitCodec implements MessageCodec {

    @Override
    public int encode(Message message, MutableDirectBuffer buffer, int offset) {
        if (!(message instanceof PaxosCommitMessage m)) {
            throw new IllegalArgumentException("not a Paxos Commit message: " + message);
        }
        FrameWriter w = new FrameWriter(buffer, offset);
        TransactionId t = m.transaction();
        if (m instanceof PaxosCommitMessage.Prepare p) {
            TransactionFrame.head(w, 1, t);
            TransactionFrame.putParticipants(w, p.participants()).putBytes(p.part());
        } else if (m instanceof PaxosCommitMessage.Phase2a a) {
            TransactionFrame.head(w, 2, t).putInt(a.rm()).putBallot(a.ballot()).putFlag(a.prepared());
        } else if (m instanceof PaxosCommitMessage.Phase2b b) {
            TransactionFrame.head(w, 3, t).putInt(b.rm()).putBallot(b.ballot()).putFlag(b.prepared());
        } else if (m instanceof PaxosCommitMessage.Phase1a a) {
            TransactionFrame.head(w, 4, t).putBallot(a.ballot());
        } else if (m instanceof PaxosCommitMessage.Phase1b b) {
            TransactionFrame.head(w, 5, t).putBallot(b.ballot()).putInt(b.accepted().size());
            for (Accepted a : b.accepted()) {
                w.putInt(a.rm()).putBallot(a.ballot()).putFlag(a.prepared());
            }
        } else if (m instanceof PaxosCommitMessage.Nack n) {
            TransactionFrame.head(w, 6, t).putBallot(n.promised());
        } else {
            TransactionFrame.head(w, 7, t).putFlag(((PaxosCommitMessage.Decision) m).commit());
        }
        return w.length();
    }

    @Override
    public Message decode(DirectBuffer buffer, int offset, int length) {
        FrameReader r = new FrameReader(buffer, offset, length);
        byte type = r.getByte();
        Message m;
        try {
            TransactionId t = TransactionFrame.transaction(r);
            m = switch (type) {
                case 1 -> new PaxosCommitMessage.Prepare(t, TransactionFrame.getParticipants(r), r.getBytes());
                case 2 -> new PaxosCommitMessage.Phase2a(t, r.getInt(), r.getBallot(), r.getFlag());
                case 3 -> new PaxosCommitMessage.Phase2b(t, r.getInt(), r.getBallot(), r.getFlag());
                case 4 -> new PaxosCommitMessage.Phase1a(t, r.getBallot());
                case 5 -> {
                    var ballot = r.getBallot();
                    int n = r.getCount(Integer.BYTES + Long.BYTES + 1);
                    List<Accepted> accepted = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        accepted.add(new Accepted(r.getInt(), r.getBallot(), r.getFlag()));
                    }
                    yield new PaxosCommitMessage.Phase1b(t, ballot, accepted);
                }
                case 6 -> new PaxosCommitMessage.Nack(t, r.getBallot());
                case 7 -> new PaxosCommitMessage.Decision(t, r.getFlag());
                default -> throw new MalformedMessageException("unknown Paxos Commit message type " + type);
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("malformed Paxos Commit message: " + e.getMessage(), e);
        }
        r.requireEnd(m);
        return m;
    }
}
