package io.synod.protocol.commit;

import io.synod.api.commit.TransactionId;
import io.synod.protocol.FrameWriter;
import io.synod.protocol.commit.TransactionRecord.Fields;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classic commit records: the bytes the layout promises, back again, and a corrupt one refused by name. */
class TransactionRecordTest {

    /** The kinds of a made-up protocol, one of each layout, in an order unlike any real one. */
    enum Kind implements TransactionRecord.Layout {
        DECIDED(Fields.DECISION), PREPARED(Fields.PARTICIPANTS_AND_PART), COMMIT(Fields.PARTICIPANTS), REFUSED(Fields.NONE);

        private final Fields fields;

        Kind(Fields fields) {
            this.fields = fields;
        }

        @Override
        public Fields fields() {
            return fields;
        }
    }

    private static final TransactionId T = new TransactionId(3, 1L << 33);

    @Test
    void aPreparedRecordIsTheDocumentedBytes() {
        byte[] bytes = new TransactionRecord<>(Kind.PREPARED, T, new int[] {2, 4}, new byte[] {7, 8, 9}, false).encode();
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        FrameWriter w = new FrameWriter(buffer, 0).putByte((byte) 1).putInt(3).putLong(1L << 33).putInt(2).putInt(2).putInt(4)
            .putBytes(new byte[] {7, 8, 9});
        assertArrayEquals(RecordFrame.bytes(buffer, w), bytes);
    }

    @Test
    void everyLayoutComesBack() {
        for (Kind kind : Kind.values()) {
            boolean lists = kind.fields() == Fields.PARTICIPANTS || kind.fields() == Fields.PARTICIPANTS_AND_PART;
            int[] participants = lists ? new int[] {5, 6, 7} : null;
            byte[] part = kind.fields() == Fields.PARTICIPANTS_AND_PART ? new byte[] {1, 2} : null;
            boolean commit = kind.fields() == Fields.DECISION;
            byte[] bytes = new TransactionRecord<>(kind, T, participants, part, commit).encode();
            TransactionRecord<Kind> back = TransactionRecord.decode("toy commit", Kind.values(), 11, bytes);
            assertEquals(kind, back.kind());
            assertEquals(T, back.transaction());
            assertEquals(Arrays.toString(participants), Arrays.toString(back.participants()), kind.name());
            if (part == null) {
                assertNull(back.part());
            } else {
                assertArrayEquals(part, back.part());
            }
            assertEquals(commit, back.commit(), kind.name());
        }
    }

    @Test
    void aCorruptRecordNamesTheProtocolAndTheRecord() {
        byte[] good = TransactionRecord.of(Kind.REFUSED, T).encode();
        byte[] unknownKind = good.clone();
        unknownKind[0] = 9;
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        byte[] truncated = Arrays.copyOf(new TransactionRecord<>(Kind.COMMIT, T, new int[] {1, 2}, null, true).encode(), good.length + 3);
        for (byte[] bad : new byte[][] {unknownKind, trailing, truncated}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TransactionRecord.decode("toy commit", Kind.values(), 42, bad));
            assertTrue(e.getMessage().startsWith("toy commit record 42 is corrupt (" + bad.length + " bytes)"), e.getMessage());
        }
        assertFalse(TransactionRecord.decode("toy commit", Kind.values(), 42, good).commit());
    }
}
