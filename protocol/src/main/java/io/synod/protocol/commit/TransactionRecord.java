package io.synod.protocol.commit;

import io.synod.api.commit.TransactionId;
import io.synod.protocol.FrameWriter;
import org.agrona.ExpandableArrayBuffer;

/**
 * A durable record of a commit protocol whose records are the classic ones — a coordinator's
 * commit, a participant's prepared (its yes), its decided outcome, a refusal, and for three-phase
 * commit pre-committed: each a kind, a transaction, and by kind a participant list, the
 * participant's part, a decision. Each protocol names its own kinds in an enum that says which
 * fields a kind carries ({@link Layout}); the ordinal is the kind's byte on disk.
 *
 * <pre>
 *   {@link RecordFrame} header, then by the kind's layout, in this order:
 *   participants: count:int, id:int...   part: length:int, bytes   commit:flag
 * </pre>
 *
 * @param kind         what the record says
 * @param transaction  the transaction it speaks of
 * @param participants every participant of the transaction, or {@code null} where the kind has none
 * @param part         this participant's part, or {@code null} where the kind has none
 * @param commit       the decision, where the kind carries one (true for a coordinator's commit)
 */
public record TransactionRecord<K extends Enum<K> & TransactionRecord.Layout>(K kind, TransactionId transaction,
                                                                              int[] participants, byte[] part, boolean commit) {

    /** A protocol's kind of record: which fields it carries. */
    public interface Layout {
        Fields fields();
    }

    /** The fields a kind of record carries after the transaction. */
    public enum Fields {
        /** Nothing more (a refusal, a pre-commit). */
        NONE(false, false, false),
        /** The participant list (a coordinator's commit). */
        PARTICIPANTS(true, false, false),
        /** The participant list and this participant's part (a prepared record). */
        PARTICIPANTS_AND_PART(true, true, false),
        /** The decision (a participant's outcome). */
        DECISION(false, false, true);

        final boolean participants;
        final boolean part;
        final boolean decision;

        Fields(boolean participants, boolean part, boolean decision) {
            this.participants = participants;
            this.part = part;
            this.decision = decision;
        }
    }

    /** A record of {@code kind} that carries nothing but the transaction. */
    public static <K extends Enum<K> & Layout> TransactionRecord<K> of(K kind, TransactionId t) {
        return new TransactionRecord<>(kind, t, null, null, false);
    }

    public byte[] encode() {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 + (part == null ? 0 : part.length)
            + 4 * (participants == null ? 0 : participants.length));
        FrameWriter w = RecordFrame.begin(buffer, kind, transaction);
        Fields fields = kind.fields();
        if (fields.participants) {
            TransactionFrame.putParticipants(w, participants);
        }
        if (fields.part) {
            w.putBytes(part);
        }
        if (fields.decision) {
            w.putFlag(commit);
        }
        return RecordFrame.bytes(buffer, w);
    }

    /**
     * Decodes record {@code index} of {@code protocol}, whose kinds are {@code kinds}.
     *
     * @throws IllegalStateException naming the protocol and the record if it does not parse
     */
    public static <K extends Enum<K> & Layout> TransactionRecord<K> decode(String protocol, K[] kinds, long index, byte[] data) {
        return RecordFrame.decode(protocol, kinds, index, data, (kind, t, r) -> {
            Fields fields = kind.fields();
            int[] participants = fields.participants ? TransactionFrame.getParticipants(r) : null;
            byte[] part = fields.part ? r.getBytes() : null;
            boolean commit = fields.decision && r.getFlag();
            return new TransactionRecord<>(kind, t, participants, part, commit);
        });
    }
}
