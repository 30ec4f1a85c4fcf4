package io.synod.threephase;

import io.synod.api.Message;
import io.synod.api.commit.TransactionId;
import io.synod.protocol.FrameReader;
import io.synod.protocol.FrameWriter;
import io.synod.protocol.commit.TransactionFrame;
import io.synod.spi.MessageCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The wire form of {@link ThreePhaseMessage}s, little-endian:
 * <pre>
 *   type:byte  coordinator:int  number:long  then by type:
 *   1 CANCOMMIT      participants: count:int, id:int...   part: length:int, bytes
 *   2 VOTE           yes:flag  reason: length:int, UTF-8
 *   3 PRECOMMIT      ballot:long
 *   4 ACK            ballot:long
 *   5 DOCOMMIT, 6 ABORT, 7 HAVECOMMITTED   (nothing)
 *   8 STATE_REQUEST  ballot:long
 *   9 STATE_REPORT   ballot:long  state:byte
 * </pre>
 */
public final class ThreePhaseCodec implements MessageCodec {

    private static final ThreePhaseMessage.State[] STATES = ThreePhaseMessage.State.values();

    @Override
    public int encode(Message message, MutableDirectBuffer buffer, int offset) {
        if (!(message instanceof ThreePhaseMessage m)) {
            throw new IllegalArgumentException("not a three-phase commit message: " + message);
        }
        FrameWriter w = new FrameWriter(buffer, offset);
        if (m instanceof ThreePhaseMessage.CanCommit c) {
            TransactionFrame.head(w, 1, m.transaction());
            TransactionFrame.putParticipants(w, c.participants()).putBytes(c.part());
        } else if (m instanceof ThreePhaseMessage.Vote v) {
            TransactionFrame.head(w, 2, m.transaction()).putFlag(v.yes()).putBytes(v.reason().getBytes(StandardCharsets.UTF_8));
        } else if (m instanceof ThreePhaseMessage.PreCommit p) {
            TransactionFrame.head(w, 3, m.transaction()).putBallot(p.ballot());
        } else if (m instanceof ThreePhaseMessage.Ack a) {
            TransactionFrame.head(w, 4, m.transaction()).putBallot(a.ballot());
        } else if (m instanceof ThreePhaseMessage.DoCommit) {
            TransactionFrame.head(w, 5, m.transaction());
        } else if (m instanceof ThreePhaseMessage.Abort) {
            TransactionFrame.head(w, 6, m.transaction());
        } else if (m instanceof ThreePhaseMessage.HaveCommitted) {
            TransactionFrame.head(w, 7, m.transaction());
        } else if (m instanceof ThreePhaseMessage.StateRequest r) {
            TransactionFrame.head(w, 8, m.transaction()).putBallot(r.ballot());
        } else {
            ThreePhaseMessage.StateReport s = (ThreePhaseMessage.StateReport) m;
            TransactionFrame.head(w, 9, m.transaction()).putBallot(s.ballot()).putByte((byte) s.state().ordinal());
        }
        return w.length();
    }

    @Override
    public Message decode(DirectBuffer buffer, int offset, int length) {
        FrameReader r = new FrameReader(buffer, offset, length);
        byte type = r.getByte();
        TransactionId t = TransactionFrame.transaction(r);
        Message m;
        try {
            m = switch (type) {
                case 1 -> new ThreePhaseMessage.CanCommit(t, TransactionFrame.getParticipants(r), r.getBytes());
                case 2 -> new ThreePhaseMessage.Vote(t, r.getFlag(), TransactionFrame.utf8(r.getBytes(), "a vote's reason"));
                case 3 -> new ThreePhaseMessage.PreCommit(t, r.getBallot());
                case 4 -> new ThreePhaseMessage.Ack(t, r.getBallot());
                case 5 -> new ThreePhaseMessage.DoCommit(t);
                case 6 -> new ThreePhaseMessage.Abort(t);
                case 7 -> new ThreePhaseMessage.HaveCommitted(t);
                case 8 -> new ThreePhaseMessage.StateRequest(t, r.getBallot());
                case 9 -> {
                    var ballot = r.getBallot();
                    int state = r.getByte();
                    if (state < 0 || state >= STATES.length) {
                        throw new MalformedMessageException("unknown participant state " + state);
                    }
                    yield new ThreePhaseMessage.StateReport(t, ballot, STATES[state]);
                }
                default -> throw new MalformedMessageException("unknown three-phase commit message type " + type);
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("malformed three-phase commit message: " + e.getMessage(), e);
        }
        r.requireEnd(m);
        return m;
    }
}
