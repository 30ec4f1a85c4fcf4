package io.synod.storage;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The header at the start of every log segment. Big-endian.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      magic "SYNL" (int)                       |  MAGIC_OFFSET
 * +---------------------------------------------------------------+
 * |                         version (int)                         |  VERSION_OFFSET
 * +---------------------------------------------------------------+
 * |          base index: the index of the first record            |  BASE_INDEX_OFFSET
 * |                            (long)                             |
 * +---------------------------------------------------------------+
 * |                  CRC32C of the bytes above                    |  CRC_OFFSET
 * +---------------------------------------------------------------+
 * |                    reserved, zero (12 bytes)                 ...
 * +---------------------------------------------------------------+
 * |                 records ({@link RecordLayout})               ...  LENGTH
 * </pre>
 *
 * The base index lets an empty segment say where the log resumes.
 */
final class SegmentHeader {

    static final int MAGIC = 0x53594E4C; // "SYNL"
    /** 2: records carry the synced watermark ({@link RecordLayout#SYNCED_OFFSET}). */
    static final int VERSION = 2;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int BASE_INDEX_OFFSET = 8;
    static final int CRC_OFFSET = 16;
    static final int LENGTH = 32;

    private SegmentHeader() {
    }

    static ByteBuffer encode(long baseIndex) {
        ByteBuffer header = ByteBuffer.allocate(LENGTH);
        header.putInt(MAGIC_OFFSET, MAGIC).putInt(VERSION_OFFSET, VERSION).putLong(BASE_INDEX_OFFSET, baseIndex);
        header.putInt(CRC_OFFSET, checksum(header));
        return header;
    }

    /**
     * Checks the header at the start of {@code segment} and returns its base index.
     *
     * @throws CorruptLogException if the magic, version or checksum is wrong
     */
    static long decode(Path file, ByteBuffer segment) {
        if (segment.limit() < LENGTH) {
            throw new CorruptLogException(file, 0, CorruptLogException.Check.LENGTH,
                "segment shorter than its header", LENGTH, segment.limit());
        }
        int magic = segment.getInt(MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new CorruptLogException(file, MAGIC_OFFSET, CorruptLogException.Check.HEADER,
                "not a log segment: bad magic number", MAGIC, magic);
        }
        int crc = checksum(segment);
        if (segment.getInt(CRC_OFFSET) != crc) {
            throw new CorruptLogException(file, CRC_OFFSET, CorruptLogException.Check.CHECKSUM,
                "segment header checksum mismatch", Integer.toUnsignedLong(segment.getInt(CRC_OFFSET)), Integer.toUnsignedLong(crc));
        }
        int version = segment.getInt(VERSION_OFFSET);
        if (version != VERSION) {
            throw new CorruptLogException(file, VERSION_OFFSET, CorruptLogException.Check.HEADER,
                "unsupported segment format version", VERSION, version);
        }
        return segment.getLong(BASE_INDEX_OFFSET);
    }

    private static int checksum(ByteBuffer header) {
        CRC32C crc = new CRC32C();
        crc.update(header.slice(0, CRC_OFFSET));
        return (int) crc.getValue();
    }
}
