package io.synod.storage;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * What the log keeps beside its segments: its first index, so that it survives a restart even
 * when the log is empty after a compaction or a reset; the range of indexes it may have lost to
 * damage ({@link io.synod.spi.LogStore#suspectFrom()}), so that a restart cannot forget it; and a
 * truncation in progress, so that a crash while its zeros are written cannot leave holes that
 * pass for damage. Written atomically ({@link AtomicFile}). Big-endian.
 *
 * <pre>
 * +---------------------------------------------------------------+
 * |                      magic "SYNM" (int)                       |  MAGIC_OFFSET
 * |                         version (int)                         |  VERSION_OFFSET
 * |                      first index (long)                       |  FIRST_INDEX_OFFSET
 * |            suspect from: first index maybe lost, or 0 (long)  |  SUSPECT_FROM_OFFSET
 * |           suspect through: last index maybe lost (long)       |  SUSPECT_THROUGH_OFFSET
 * |     truncate from: a truncation not yet synced, or 0 (long)   |  TRUNCATE_FROM_OFFSET
 * |                CRC32C of the bytes above (int)                |  CRC_OFFSET
 * +---------------------------------------------------------------+
 * </pre>
 * Without the file the log starts at index 1 and nothing is suspect.
 *
 * @param firstIndex     the lowest index the log holds or would hold next
 * @param suspectFrom    0, or the first index the log may have lost after it was durable
 * @param suspectThrough the last index it may have lost (meaningful when {@code suspectFrom > 0})
 * @param truncateFrom   0, or the lowest index a truncation dropped since the last force: on
 *                       open, everything from there on is dropped ({@link Recovery})
 */
record LogMeta(long firstIndex, long suspectFrom, long suspectThrough, long truncateFrom) {

    static final String FILE_NAME = "log.meta";
    static final int MAGIC = 0x53594E4D; // "SYNM"
    /** 2: adds the suspect range and the truncation in progress. */
    static final int VERSION = 2;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int FIRST_INDEX_OFFSET = 8;
    static final int SUSPECT_FROM_OFFSET = 16;
    static final int SUSPECT_THROUGH_OFFSET = 24;
    static final int TRUNCATE_FROM_OFFSET = 32;
    static final int CRC_OFFSET = 40;
    static final int LENGTH = 44;

    /** A log that starts at 1, has lost nothing and truncates nothing. */
    static final LogMeta INITIAL = new LogMeta(1, 0, 0, 0);

    boolean suspect() {
        return suspectFrom > 0;
    }

    LogMeta withFirstIndex(long first) {
        // Once the log starts past every index that may have been lost, a snapshot covers them all.
        return suspect() && first > suspectThrough ? new LogMeta(first, 0, 0, truncateFrom)
            : new LogMeta(first, suspectFrom, suspectThrough, truncateFrom);
    }

    /** This meta with a truncation from {@code index} in progress (the lowest one wins). */
    LogMeta truncating(long index) {
        return new LogMeta(firstIndex, suspectFrom, suspectThrough, truncateFrom == 0 ? index : Math.min(truncateFrom, index));
    }

    /** This meta once the truncation's zeros are durable. */
    LogMeta truncated() {
        return new LogMeta(firstIndex, suspectFrom, suspectThrough, 0);
    }

    /** This meta with {@code from..through} added to the suspect range. */
    LogMeta withSuspect(long from, long through) {
        if (!suspect()) {
            return new LogMeta(firstIndex, from, Math.max(from, through), truncateFrom);
        }
        return new LogMeta(firstIndex, Math.min(suspectFrom, from), Math.max(suspectThrough, through), truncateFrom);
    }

    /** What {@code dir} records, or {@link #INITIAL} when there is no meta file. */
    static LogMeta read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return INITIAL;
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
        return new LogMeta(meta.getLong(FIRST_INDEX_OFFSET), meta.getLong(SUSPECT_FROM_OFFSET), meta.getLong(SUSPECT_THROUGH_OFFSET),
            meta.getLong(TRUNCATE_FROM_OFFSET));
    }

    void write(Path dir, boolean durable) {
        ByteBuffer meta = ByteBuffer.allocate(LENGTH);
        meta.putInt(MAGIC_OFFSET, MAGIC).putInt(VERSION_OFFSET, VERSION).putLong(FIRST_INDEX_OFFSET, firstIndex)
            .putLong(SUSPECT_FROM_OFFSET, suspectFrom).putLong(SUSPECT_THROUGH_OFFSET, suspectThrough)
            .putLong(TRUNCATE_FROM_OFFSET, truncateFrom);
        meta.putInt(CRC_OFFSET, checksum(meta));
        AtomicFile.write(dir.resolve(FILE_NAME), meta, durable);
    }

    private static int checksum(ByteBuffer meta) {
        CRC32C crc = new CRC32C();
        crc.update(meta.slice(0, CRC_OFFSET));
        return (int) crc.getValue();
    }
}
