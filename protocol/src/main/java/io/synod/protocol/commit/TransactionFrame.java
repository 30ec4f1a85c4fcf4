package io.synod.protocol.commit;

import io.synod.api.commit.TransactionId;
import io.synod.protocol.FrameReader;
import io.synod.protocol.FrameWriter;
import io.synod.spi.MessageCodec.MalformedMessageException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The fields every commit protocol's frames share, in its messages and its records alike: a type
 * byte and the transaction first, participant lists, and strict UTF-8 text.
 *
 * <pre>
 *   type:byte  coordinator:int  number:long  ...
 *   participants: count:int, id:int...
 * </pre>
 */
public final class TransactionFrame {

    private TransactionFrame() {
    }

    /** Writes the type and the transaction. */
    public static FrameWriter head(FrameWriter w, int type, TransactionId t) {
        return w.putByte((byte) type).putInt(t.coordinator()).putLong(t.number());
    }

    /** Reads a transaction id; one that no coordinator could have made is refused. */
    public static TransactionId transaction(FrameReader r) {
        int coordinator = r.getInt();
        long number = r.getLong();
        try {
            return new TransactionId(coordinator, number);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("bad transaction id: " + e.getMessage(), e);
        }
    }

    /** Writes a participant list. */
    public static FrameWriter putParticipants(FrameWriter w, int[] participants) {
        w.putInt(participants.length);
        for (int p : participants) {
            w.putInt(p);
        }
        return w;
    }

    /** Reads a participant list; a count the frame cannot hold is refused before anything is allocated. */
    public static int[] getParticipants(FrameReader r) {
        int[] participants = new int[r.getCount(Integer.BYTES)];
        for (int i = 0; i < participants.length; i++) {
            participants[i] = r.getInt();
        }
        return participants;
    }

    /**
     * Strict UTF-8: text that is not valid UTF-8 is refused, so every accepted frame re-encodes to
     * itself.
     *
     * @param what names the field in the refusal
     */
    public static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException(what + " is not valid UTF-8");
        }
    }
}
