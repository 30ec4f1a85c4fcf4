package io.synod.protocol.commit;

import io.synod.api.commit.TransactionId;
import io.synod.protocol.FrameReader;
import io.synod.protocol.FrameWriter;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The frame every commit protocol's durable record shares: a kind, the transaction it speaks of,
 * then fields by kind, among them often the list of participants ({@link TransactionFrame}).
 *
 * <pre>
 *   kind:byte  coordinator:int  number:long  fields by kind...
 *   participants (where a kind has them): count:int, id:int...
 * </pre>
 *
 * A record that does not parse stops the node: {@link #decode} names the protocol, the record's
 * index and its length, because a disk that returned it cannot be trusted.
 */
public final class RecordFrame {

    private RecordFrame() {
    }

    /** A writer positioned after the header of a record of {@code kind} about {@code transaction}. */
    public static FrameWriter begin(ExpandableArrayBuffer buffer, Enum<?> kind, TransactionId transaction) {
        return TransactionFrame.head(new FrameWriter(buffer, 0), kind.ordinal(), transaction);
    }

    /** The bytes {@code w} wrote into {@code buffer}. */
    public static byte[] bytes(ExpandableArrayBuffer buffer, FrameWriter w) {
        byte[] out = new byte[w.length()];
        buffer.getBytes(0, out);
        return out;
    }

    /**
     * Decodes record {@code index}: reads the header, hands the rest to {@code body} with the kind
     * and the transaction, and requires that nothing is left.
     *
     * @throws IllegalStateException naming {@code protocol}, the index and the length if the record does not parse
     */
    public static <K extends Enum<K>, R> R decode(String protocol, K[] kinds, long index, byte[] data, Body<K, R> body) {
        try {
            FrameReader r = new FrameReader(new UnsafeBuffer(data), 0, data.length);
            int k = r.getByte();
            if (k < 0 || k >= kinds.length) {
                throw new IllegalStateException("unknown record kind " + k);
            }
            TransactionId t = TransactionFrame.transaction(r);
            R record = body.read(kinds[k], t, r);
            r.requireEnd("record " + index);
            return record;
        } catch (RuntimeException e) {
            throw new IllegalStateException(protocol + " record " + index + " is corrupt (" + data.length + " bytes): "
                + e.getMessage(), e);
        }
    }

    /** Reads a record's fields after its header. */
    @FunctionalInterface
    public interface Body<K, R> {
        R read(K kind, TransactionId transaction, FrameReader reader);
    }
}
