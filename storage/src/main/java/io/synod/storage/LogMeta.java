package io.synod.storage;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The log's first index, kept beside the segments so that it survives a restart even when the
 * log is empty after a compaction or a reset. Written atomically ({@link AtomicFile}).
 *
 * <pre>
 * +---------------------------------------------------------------+
 * |                      magic "SYNM" (int)                       |  MAGIC_OFFSET
 * |                         version (int)                         |  VERSION_OFFSET
 * |                      first index (long)                       |  FIRST_INDEX_OFFSET
 * |                CRC32C of the bytes above (int)                |  CRC_OFFSET
 * +---------------------------------------------------------------+
 * </pre>
 * Without the file the log starts at index 1.
 */
final class LogMeta {

    static final String FILE_NAME = "log.meta";
    static final int MAGIC = 0x53594E4D; // "SYNM"
    static final int VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int FIRST_INDEX_OFFSET = 8;
    static final int CRC_OFFSET = 16;
    static final int LENGTH = 20;

    private LogMeta() {
    }

    /** The first index recorded in {@code dir}, or 1 when there is no meta file. */
    static long readFirstIndex(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return 1;
        }
        ByteBuffer meta = AtomicFile.read(file);
        if (meta.limit() != LENGTH) {
            throw new CorruptLogException(file, 0, CorruptLogException.Check.LENGTH, "log meta file has the wrong size", LENGTH, meta.limit());
        }
        if (meta.getInt(MAGIC_OFFSET) != MAGIC) {
            throw new CorruptLogException(file, MAGIC_OFFSET, CorruptLogException.Check.HEADER, "not a log meta file: bad magic number", MAGIC, meta.getInt(MAGIC_OFFSET));
        }
        int crc = checksum(meta);
        if (meta.getInt(CRC_OFFSET) != crc) {
            throw new CorruptLogException(file, CRC_OFFSET, CorruptLogException.Check.CHECKSUM, "log meta checksum mismatch",
                Integer.toUnsignedLong(meta.getInt(CRC_OFFSET)), Integer.toUnsignedLong(crc));
        }
        if (meta.getInt(VERSION_OFFSET) != VERSION) {
            throw new CorruptLogException(file, VERSION_OFFSET, CorruptLogException.Check.HEADER, "unsupported log meta version", VERSION, meta.getInt(VERSION_OFFSET));
        }
        return meta.getLong(FIRST_INDEX_OFFSET);
    }

    static void writeFirstIndex(Path dir, long firstIndex, boolean durable) {
        ByteBuffer meta = ByteBuffer.allocate(LENGTH);
        meta.putInt(MAGIC_OFFSET, MAGIC).putInt(VERSION_OFFSET, VERSION).putLong(FIRST_INDEX_OFFSET, firstIndex);
        meta.putInt(CRC_OFFSET, checksum(meta));
        AtomicFile.write(dir.resolve(FILE_NAME), meta, durable);
    }

    private static int checksum(ByteBuffer meta) {
        CRC32C crc = new CRC32C();
        crc.update(meta.slice(0, CRC_OFFSET));
        return (int) crc.getValue();
    }
}
