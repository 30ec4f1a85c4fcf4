package io.synod.twophase;

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
 * The wire form of {@link TwoPhaseMessage}s, little-endian:
 * <pre>
 *   type:byte  coordinator:int  number:long  then by type:
 *   1 PREPARE           participants: count:int, id:int...   part: length:int, bytes
 *   2 VOTE              yes:flag  reason: length:int, UTF-8 bytes
 *   3 DECISION          commit:flag
 *   4 ACK               (nothing)
 *   5 DECISION_REQUEST  (nothing)
 * </pre>
 * A frame that does not parse is refused with a {@link MalformedMessageException} naming what is wrong.
 */
public final class TwoPhaseCodec implements MessageCodec {

    private static final byte PREPARE = 1;
    private static final byte VOTE = 2;
    private static final byte DECISION = 3;
    private static final byte ACK = 4;
    private static final byte DECISION_REQUEST = 5;

    @Override
    public int encode(Message message, MutableDirectBuffer buffer, int offset) {
        if (!(message instanceof TwoPhaseMessage m)) {
            throw new IllegalArgumentException("not a two-phase commit message: " + message);
        }
        FrameWriter w = new FrameWriter(buffer, offset);
        if (m instanceof TwoPhaseMessage.Prepare p) {
            TransactionFrame.head(w, PREPARE, p.transaction());
            TransactionFrame.putParticipants(w, p.participants()).putBytes(p.part());
        } else if (m instanceof TwoPhaseMessage.Vote v) {
            TransactionFrame.head(w, VOTE, v.transaction()).putFlag(v.yes()).putBytes(v.reason().getBytes(StandardCharsets.UTF_8));
        } else if (m instanceof TwoPhaseMessage.Decision d) {
            TransactionFrame.head(w, DECISION, d.transaction()).putFlag(d.commit());
        } else if (m instanceof TwoPhaseMessage.Ack a) {
            TransactionFrame.head(w, ACK, a.transaction());
        } else {
            TransactionFrame.head(w, DECISION_REQUEST, m.transaction());
        }
        return w.length();
    }

    @Override
    public Message decode(DirectBuffer buffer, int offset, int length) {
        FrameReader r = new FrameReader(buffer, offset, length);
        byte type = r.getByte();
        TransactionId t = TransactionFrame.transaction(r);
        Message m = switch (type) {
            case PREPARE -> new TwoPhaseMessage.Prepare(t, TransactionFrame.getParticipants(r), r.getBytes());
            case VOTE -> {
                boolean yes = r.getFlag();
                String reason = TransactionFrame.utf8(r.getBytes(), "a vote's reason");
                if (yes && !reason.isEmpty()) {
                    throw new MalformedMessageException("a yes vote carries no reason");
                }
                yield new TwoPhaseMessage.Vote(t, yes, reason);
            }
            case DECISION -> new TwoPhaseMessage.Decision(t, r.getFlag());
            case ACK -> new TwoPhaseMessage.Ack(t);
            case DECISION_REQUEST -> new TwoPhaseMessage.DecisionRequest(t);
            default -> throw new MalformedMessageException("unknown two-phase commit message type " + type);
        };
        r.requireEnd(m);
        return m;
    }
}
