package io.synod.twophase;

import io.synod.api.Message;
import io.synod.api.commit.TransactionId;
import io.synod.protocol.FrameReader;
import io.synod.protocol.FrameWriter;
import io.synod.spi.MessageCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
            head(w, PREPARE, p.transaction());
            int[] participants = p.participants();
            w.putInt(participants.length);
            for (int n : participants) {
                w.putInt(n);
            }
            w.putBytes(p.part());
        } else if (m instanceof TwoPhaseMessage.Vote v) {
            head(w, VOTE, v.transaction()).putFlag(v.yes()).putBytes(v.reason().getBytes(StandardCharsets.UTF_8));
        } else if (m instanceof TwoPhaseMessage.Decision d) {
            head(w, DECISION, d.transaction()).putFlag(d.commit());
        } else if (m instanceof TwoPhaseMessage.Ack a) {
            head(w, ACK, a.transaction());
        } else {
            head(w, DECISION_REQUEST, m.transaction());
        }
        return w.length();
    }

    private static FrameWriter head(FrameWriter w, byte type, TransactionId t) {
        return w.putByte(type).putInt(t.coordinator()).putLong(t.number());
    }

    @Override
    public Message decode(DirectBuffer buffer, int offset, int length) {
        FrameReader r = new FrameReader(buffer, offset, length);
        byte type = r.getByte();
        TransactionId t = transaction(r);
        Message m = switch (type) {
            case PREPARE -> {
                int[] participants = new int[r.getCount(Integer.BYTES)];
                for (int i = 0; i < participants.length; i++) {
                    participants[i] = r.getInt();
                }
                yield new TwoPhaseMessage.Prepare(t, participants, r.getBytes());
            }
            case VOTE -> {
                boolean yes = r.getFlag();
                String reason = utf8(r.getBytes());
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

    private static TransactionId transaction(FrameReader r) {
        int coordinator = r.getInt();
        long number = r.getLong();
        try {
            return new TransactionId(coordinator, number);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("bad transaction id: " + e.getMessage(), e);
        }
    }

    /** Strict UTF-8: a reason that is not valid UTF-8 is refused, so every accepted frame re-encodes to itself. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("a vote's reason is not valid UTF-8");
        }
    }
}
