package io.synod.threephase;

import io.synod.api.commit.TransactionId;
import io.synod.protocol.FrameReader;
import io.synod.protocol.FrameWriter;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

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
record ThreePhaseRecord(Kind kind, TransactionId transaction, int[] participants, byte[] part, boolean commit) {

    enum Kind { COMMIT, PREPARED, PRECOMMITTED, DECIDED, REFUSED }

    static ThreePhaseRecord of(Kind kind, TransactionId t) {
        return new ThreePhaseRecord(kind, t, null, null, false);
    }

    static ThreePhaseRecord commit(TransactionId t, int[] participants) {
        return new ThreePhaseRecord(Kind.COMMIT, t, participants, null, true);
    }

    static ThreePhaseRecord prepared(TransactionId t, int[] participants, byte[] part) {
        return new ThreePhaseRecord(Kind.PREPARED, t, participants, part, false);
    }

    static ThreePhaseRecord decided(TransactionId t, boolean commit) {
        return new ThreePhaseRecord(Kind.DECIDED, t, null, null, commit);
    }

    byte[] encode() {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 + (part == null ? 0 : part.length)
            + 4 * (participants == null ? 0 : participants.length));
        FrameWriter w = new FrameWriter(buffer, 0).putByte((byte) kind.ordinal()).putInt(transaction.coordinator())
            .putLong(transaction.number());
        if (kind == Kind.COMMIT || kind == Kind.PREPARED) {
            w.putInt(participants.length);
            for (int p : participants) {
                w.putInt(p);
            }
        }
        if (kind == Kind.PREPARED) {
            w.putBytes(part);
        }
        if (kind == Kind.DECIDED) {
            w.putFlag(commit);
        }
        byte[] out = new byte[w.length()];
        buffer.getBytes(0, out);
        return out;
    }

    /** Decodes a record; one that does not parse stops the node, naming the record. */
    static ThreePhaseRecord decode(long index, byte[] data) {
        try {
            FrameReader r = new FrameReader(new UnsafeBuffer(data), 0, data.length);
            int k = r.getByte();
            if (k < 0 || k >= Kind.values().length) {
                throw new IllegalStateException("unknown record kind " + k);
            }
            Kind kind = Kind.values()[k];
            TransactionId t = new TransactionId(r.getInt(), r.getLong());
            int[] participants = null;
            byte[] part = null;
            boolean commit = false;
            if (kind == Kind.COMMIT || kind == Kind.PREPARED) {
                participants = new int[r.getCount(4)];
                for (int i = 0; i < participants.length; i++) {
                    participants[i] = r.getInt();
                }
            }
            if (kind == Kind.PREPARED) {
                part = r.getBytes();
            }
            if (kind == Kind.DECIDED) {
                commit = r.getFlag();
            }
            r.requireEnd("record " + index);
            return new ThreePhaseRecord(kind, t, participants, part, commit);
        } catch (RuntimeException e) {
            throw new IllegalStateException("three-phase commit record " + index + " is corrupt (" + data.length + " bytes): "
                + e.getMessage(), e);
        }
    }
}
