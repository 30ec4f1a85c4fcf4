package io.synod.storage;

import io.synod.api.Snapshot;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The layout of one snapshot file, named by its index so that names sort by age. Big-endian.
 *
 * <pre>
 * +---------------------------------------------------------------+
 * |                      magic "SYNS" (int)                       |  MAGIC_OFFSET
 * |                         version (int)                         |  VERSION_OFFSET
 * |                         index (long)                          |  INDEX_OFFSET
 * |                          term (long)                          |  TERM_OFFSET
 * |                      data length (int)                        |  LENGTH_OFFSET
 * |   CRC32C over the whole file but this field (int)             |  CRC_OFFSET
 * |                     data (length bytes)                      ...  DATA_OFFSET
 * +---------------------------------------------------------------+
 * </pre>
 */
final class SnapshotFile {

    static final String SUFFIX = ".snap";
    static final int MAGIC = 0x53594E53; // "SYNS"
    static final int VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int INDEX_OFFSET = 8;
    static final int TERM_OFFSET = 16;
    static final int LENGTH_OFFSET = 24;
    static final int CRC_OFFSET = 28;
    static final int DATA_OFFSET = 32;

    private SnapshotFile() {
    }

    static String fileName(long index) {
        return String.format("%020d%s", index, SUFFIX);
    }

    /** The index a snapshot file's name gives. */
    static long indexOf(Path file) {
        return Long.parseLong(file.getFileName().toString().substring(0, 20));
    }

    static boolean isSnapshotName(String name) {
        return name.length() == 20 + SUFFIX.length() && name.endsWith(SUFFIX) && name.chars().limit(20).allMatch(Character::isDigit);
    }

    static ByteBuffer encode(Snapshot snapshot) {
        byte[] data = snapshot.data();
        ByteBuffer file = ByteBuffer.allocate(DATA_OFFSET + data.length);
        file.putInt(MAGIC_OFFSET, MAGIC).putInt(VERSION_OFFSET, VERSION)
            .putLong(INDEX_OFFSET, snapshot.index()).putLong(TERM_OFFSET, snapshot.term())
            .putInt(LENGTH_OFFSET, data.length);
        file.put(DATA_OFFSET, data);
        file.putInt(CRC_OFFSET, checksum(file));
        return file;
    }

    /**
     * Reads and checks a snapshot file.
     *
     * @throws CorruptLogException naming the file and what failed
     */
    static Snapshot read(Path file) {
        ByteBuffer in = AtomicFile.read(file);
        if (in.limit() < DATA_OFFSET) {
            throw new CorruptLogException(file, 0, CorruptLogException.Check.LENGTH, "snapshot shorter than its header", DATA_OFFSET, in.limit());
        }
        if (in.getInt(MAGIC_OFFSET) != MAGIC) {
            throw new CorruptLogException(file, MAGIC_OFFSET, CorruptLogException.Check.HEADER, "not a snapshot: bad magic number", MAGIC, in.getInt(MAGIC_OFFSET));
        }
        int length = in.getInt(LENGTH_OFFSET);
        if (length != in.limit() - DATA_OFFSET) {
            throw new CorruptLogException(file, LENGTH_OFFSET, CorruptLogException.Check.LENGTH, "snapshot length disagrees with the file size", in.limit() - DATA_OFFSET, length);
        }
        int crc = checksum(in);
        if (in.getInt(CRC_OFFSET) != crc) {
            throw new CorruptLogException(file, CRC_OFFSET, CorruptLogException.Check.CHECKSUM, "snapshot checksum mismatch",
                Integer.toUnsignedLong(in.getInt(CRC_OFFSET)), Integer.toUnsignedLong(crc));
        }
        if (in.getInt(VERSION_OFFSET) != VERSION) {
            throw new CorruptLogException(file, VERSION_OFFSET, CorruptLogException.Check.HEADER, "unsupported snapshot version", VERSION, in.getInt(VERSION_OFFSET));
        }
        long index = in.getLong(INDEX_OFFSET);
        long named = indexOf(file);
        if (index != named) {
            throw new CorruptLogException(file, INDEX_OFFSET, CorruptLogException.Check.INDEX, "snapshot index disagrees with the file name", named, index);
        }
        byte[] data = new byte[length];
        in.get(DATA_OFFSET, data);
        return new Snapshot(index, in.getLong(TERM_OFFSET), data);
    }

    private static int checksum(ByteBuffer file) {
        CRC32C crc = new CRC32C();
        crc.update(file.slice(0, CRC_OFFSET));
        crc.update(file.slice(DATA_OFFSET, file.limit() - DATA_OFFSET));
        return (int) crc.getValue();
    }
}
