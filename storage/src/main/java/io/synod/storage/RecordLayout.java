package io.synod.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The layout of one log record inside a segment. Big-endian, records packed back to back.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      data length (int)                        |  LENGTH_OFFSET
 * +---------------------------------------------------------------+
 * |                   CRC32C of all but itself                    |  CRC_OFFSET
 * +---------------------------------------------------------------+
 * |                         index (long)                          |  INDEX_OFFSET
 * |                                                               |
 * +---------------------------------------------------------------+
 * |                          term (long)                          |  TERM_OFFSET
 * |                                                               |
 * +---------------------------------------------------------------+
 * |     synced: highest index known durable when this record      |  SYNCED_OFFSET
 * |              was written, 0 if none (long)                    |
 * +---------------------------------------------------------------+
 * |                       data (length bytes)                    ...  DATA_OFFSET
 * +---------------------------------------------------------------+
 * </pre>
 *
 * The checksum covers the length too, so a torn length field cannot send a reader into the
 * middle of the next record unnoticed. Segments are preallocated with zeros, and index 0 never
 * occurs, so an all-zero header marks the end of the written part.
 *
 * <p>The {@code synced} field is a durable watermark carried for free: the log fills it in only
 * after an fsync covering that index returned, so a record that survives proves that every index
 * up to its {@code synced} value had been durable. Recovery uses it to tell a torn write (never
 * durable) from damage to a record that had been synced ({@link SegmentScan}).
 */
final class RecordLayout {

    static final int LENGTH_OFFSET = 0;
    static final int CRC_OFFSET = 4;
    static final int INDEX_OFFSET = 8;
    static final int TERM_OFFSET = 16;
    static final int SYNCED_OFFSET = 24;
    static final int DATA_OFFSET = 32;
    static final int HEADER_LENGTH = DATA_OFFSET;

    private RecordLayout() {
    }

    /** Bytes a record with {@code dataLength} bytes of data takes. */
    static int recordLength(int dataLength) {
        return HEADER_LENGTH + dataLength;
    }

    /** Writes a record at {@code at} (absolute; the buffer's position is untouched). */
    static void encode(ByteBuffer buffer, int at, long index, long term, long synced, byte[] data) {
        buffer.putInt(at + LENGTH_OFFSET, data.length);
        buffer.putLong(at + INDEX_OFFSET, index);
        buffer.putLong(at + TERM_OFFSET, term);
        buffer.putLong(at + SYNCED_OFFSET, synced);
        buffer.put(at + DATA_OFFSET, data);
        buffer.putInt(at + CRC_OFFSET, checksum(buffer, at, data.length));
    }

    /** The CRC32C a record of {@code dataLength} bytes at {@code at} should carry. */
    static int checksum(ByteBuffer buffer, int at, int dataLength) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(at + LENGTH_OFFSET, CRC_OFFSET - LENGTH_OFFSET));
        crc.update(buffer.slice(at + INDEX_OFFSET, DATA_OFFSET - INDEX_OFFSET + dataLength));
        return (int) crc.getValue();
    }

    /** True when the record header at {@code at} is all zeros: preallocated space. */
    static boolean isBlank(ByteBuffer buffer, int at) {
        for (int i = 0; i < HEADER_LENGTH; i += Long.BYTES) {
            if (buffer.getLong(at + i) != 0) {
                return false;
            }
        }
        return true;
    }
}
