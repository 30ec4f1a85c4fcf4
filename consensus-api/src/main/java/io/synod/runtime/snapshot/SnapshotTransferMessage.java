package io.synod.runtime.snapshot;

import io.synod.api.Message;

import java.util.Arrays;

/**
 * The runtime's own messages, beside a protocol's on the same transport: a snapshot streamed
 * to a peer in chunks ({@link SnapshotTransfers}). A byte transport carries them on a channel of
 * their own with {@link SnapshotTransferCodec}.
 */
public sealed interface SnapshotTransferMessage extends Message {

    /** The transfer this message belongs to: a sender numbers its transfers. */
    long transfer();

    /**
     * A piece of a snapshot's stream. The chunk at offset 0 starts a transfer (dropping any the
     * receiver had from this sender); the last one carries the CRC32C of the whole stream.
     *
     * @param transfer the sender's number for this transfer
     * @param index    the snapshot's last index
     * @param term     the term of that entry
     * @param offset   where {@code data} lies in the stream
     * @param data     the bytes, at most the sender's chunk size
     * @param last     true on the final chunk
     * @param crc      the CRC32C of the whole stream when {@code last}, else 0
     */
    record SnapshotChunk(long transfer, long index, long term, long offset, byte[] data, boolean last, int crc)
        implements SnapshotTransferMessage {

        public SnapshotChunk {
            if (index < 0 || offset < 0) {
                throw new IllegalArgumentException("index and offset must be >= 0, were " + index + " and " + offset);
            }
            if (data == null) {
                throw new IllegalArgumentException("data must not be null");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SnapshotChunk c && c.transfer == transfer && c.index == index && c.term == term
                && c.offset == offset && c.last == last && c.crc == crc && Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(transfer) * 31 + Long.hashCode(offset) * 17 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "SnapshotChunk[" + transfer + ", " + index + "@" + term + ", offset " + offset + ", " + data.length
                + " bytes" + (last ? ", last, crc " + Integer.toHexString(crc) : "") + "]";
        }
    }

    /**
     * The receiver's answer to every chunk: how far it has the stream.
     *
     * @param transfer the transfer answered
     * @param received the offset the receiver expects next; 0 asks the sender to start over (it
     *                 lost the transfer, or the stream failed its checksum)
     * @param done     true once the receiver holds the snapshot's state (installed now, or it had
     *                 it or newer already): the sender stops
     */
    record ChunkAck(long transfer, long received, boolean done) implements SnapshotTransferMessage {

        public ChunkAck {
            if (received < 0) {
                throw new IllegalArgumentException("received must be >= 0, was " + received);
            }
        }
    }
}
