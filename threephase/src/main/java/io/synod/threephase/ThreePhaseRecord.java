package io.synod.threephase;

import io.synod.api.commit.TransactionId;
import io.synod.protocol.commit.TransactionRecord;
import io.synod.protocol.commit.TransactionRecord.Fields;

/**
 * The durable records of three-phase commit: the coordinator's COMMIT (before DOCOMMIT leaves),
 * a participant's PREPARED (its yes, before the vote leaves), PRECOMMITTED (before the ack
 * leaves), DECIDED (before the outcome is applied) and REFUSED (before telling a termination
 * leader it will never vote yes).
 * <pre>
 *   kind:byte  coordinator:int  number:long  then by kind:
 *   COMMIT      participants: count:int, id:int...
 *   PREPARED    participants: count:int, id:int...   part: length:int, bytes
 *   DECIDED     commit:flag
 *   PRECOMMITTED, REFUSED  (nothing)
 * </pre>
 */
final class ThreePhaseRecord {

    /** The kinds, in their order on disk. */
    enum Kind implements TransactionRecord.Layout {
        COMMIT(Fields.PARTICIPANTS), PREPARED(Fields.PARTICIPANTS_AND_PART), PRECOMMITTED(Fields.NONE), DECIDED(Fields.DECISION),
        REFUSED(Fields.NONE);

        private final Fields fields;

        Kind(Fields fields) {
            this.fields = fields;
        }

        @Override
        public Fields fields() {
            return fields;
        }
    }

    private ThreePhaseRecord() {
    }

    static TransactionRecord<Kind> of(Kind kind, TransactionId t) {
        return TransactionRecord.of(kind, t);
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

    /** Decodes a record; one that does not parse stops the node, naming the record. */
    static TransactionRecord<Kind> decode(long index, byte[] data) {
        return TransactionRecord.decode("three-phase commit", Kind.values(), index, data);
    }
}
