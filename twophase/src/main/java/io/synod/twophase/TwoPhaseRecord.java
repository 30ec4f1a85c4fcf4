package io.synod.twophase;

import io.synod.api.commit.TransactionId;
import io.synod.protocol.FrameReader;
import io.synod.protocol.FrameWriter;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

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
record TwoPhaseRecord(Kind kind, TransactionId transaction, int[] participants, byte[] part, boolean commit) {

    enum Kind { COMMIT, PREPARED, DECIDED, REFUSED }

    static TwoPhaseRecord commit(TransactionId t, int[] participants) {
        return new TwoPhaseRecord(Kind.COMMIT, t, participants, null, true);
    }

    static TwoPhaseRecord prepared(TransactionId t, int[] participants, byte[] part) {
        return new TwoPhaseRecord(Kind.PREPARED, t, participants, part, false);
    }

    static TwoPhaseRecord decided(TransactionId t, boolean commit) {
        return new TwoPhaseRecord(Kind.DECIDED, t, null, null, commit);
    }

    static TwoPhaseRecord refused(TransactionId t) {
        return new TwoPhaseRecord(Kind.REFUSED, t, null, null, false);
    }

    byte[] encode() {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 + (part == null ? 0 : part.length) + 4 * length(participants));
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

    /** Decodes a record; a record that does not parse stops the node (its disk cannot be trusted). */
    static TwoPhaseRecord decode(long index, byte[] data) {
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
            return new TwoPhaseRecord(kind, t, participants, part, commit);
        } catch (RuntimeException e) {
            throw new IllegalStateException("two-phase commit record " + index + " is corrupt (" + data.length + " bytes): "
                + e.getMessage(), e);
        }
    }

    private static int length(int[] a) {
        return a == null ? 0 : a.length;
    }
}
