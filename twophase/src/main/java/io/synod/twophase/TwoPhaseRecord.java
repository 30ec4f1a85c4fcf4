package io.synod.twophase;

import io.synod.api.commit.TransactionId;
import io.synod.protocol.commit.TransactionRecord;
import io.synod.protocol.commit.TransactionRecord.Fields;

/**
 * The durable records of two-phase commit. The coordinator records only commits (presumed
 * abort: a decision it cannot find was an abort); a participant records its yes before sending it,
 * the outcome before applying it, and a refusal before telling a peer it will never vote yes.
 *
 * <pre>
 *   kind:byte  coordinator:int  number:long  then by kind:
 *   COMMIT     participants: count:int, id:int...
 *   PREPARED   participants: count:int, id:int...   part: length:int, bytes
 *   DECIDED    commit:flag
 *   REFUSED    (nothing)
 * </pre>
 */
final class TwoPhaseRecord {

    /** The kinds, in their order on disk. */
    enum Kind implements TransactionRecord.Layout {
        COMMIT(Fields.PARTICIPANTS), PREPARED(Fields.PARTICIPANTS_AND_PART), DECIDED(Fields.DECISION), REFUSED(Fields.NONE);

        private final Fields fields;

        Kind(Fields fields) {
            this.fields = fields;
        }

        @Override
        public Fields fields() {
            return fields;
        }
    }

    private TwoPhaseRecord() {
    }

    static TransactionRecord<Kind> commit(TransactionId t, int[] participants) {
        return new TransactionRecord<>(Kind.COMMIT, t, participants, null, true);
    }

    static TransactionRecord<Kind> prepared(TransactionId t, int[] participants, byte[] part) {
        return new TransactionRecord<>(Kind.PREPARED, t, participants, part, false);
    }

    static TransactionRecord<Kind> decided(TransactionId t, boolean commit) {
        return new TransactionRecord<>(Kind.DECIDED, t, null, null, commit);
    }

    static TransactionRecord<Kind> refused(TransactionId t) {
        return TransactionRecord.of(Kind.REFUSED, t);
    }

    /** Decodes a record; a record that does not parse stops the node (its disk cannot be trusted). */
    static TransactionRecord<Kind> decode(long index, byte[] data) {
        return TransactionRecord.decode("two-phase commit", Kind.values(), index, data);
    }
}
