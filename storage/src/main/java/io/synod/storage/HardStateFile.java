package io.synod.storage;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The layout of the hard-state file. Big-endian.
 *
 * <pre>
 * +---------------------------------------------------------------+
 * |                      magic "SYNH" (int)                       |  MAGIC_OFFSET
 * |                         version (int)                         |  VERSION_OFFSET
 * |                      data length (int)                        |  LENGTH_OFFSET
 * |     CRC32C of the header above and the data (int)             |  CRC_OFFSET
 * |                     data (length bytes)                      ...  DATA_OFFSET
 * +---------------------------------------------------------------+
 * </pre>
 */
final class HardStateFile {

    static final String FILE_NAME = "hardstate";
    static final int MAGIC = 0x53594E48; // "SYNH"
    static final int VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int LENGTH_OFFSET = 8;
    static final int CRC_OFFSET = 12;
    static final int DATA_OFFSET = 16;

    private HardStateFile() {
    }

    static ByteBuffer encode(byte[] state) {
        ByteBuffer file = ByteBuffer.allocate(DATA_OFFSET + state.length);
        file.putInt(MAGIC_OFFSET, MAGIC).putInt(VERSION_OFFSET, VERSION).putInt(LENGTH_OFFSET, state.length);
        file.put(DATA_OFFSET, state);
        file.putInt(CRC_OFFSET, checksum(file, state.length));
        return file;
    }

    /**
     * Reads the state in {@code file}, or an empty array when it does not exist.
     *
     * @throws CorruptLogException if the file fails its checks: it is replaced only by rename,
     *                             so a crash cannot explain a bad one
     */
    static byte[] read(Path file) {
        if (!Files.exists(file)) {
            return new byte[0];
        }
        ByteBuffer in = AtomicFile.read(file);
        if (in.limit() < DATA_OFFSET) {
            throw new CorruptLogException(file, 0, CorruptLogException.Check.LENGTH, "hard-state file shorter than its header", DATA_OFFSET, in.limit());
        }
        if (in.getInt(MAGIC_OFFSET) != MAGIC) {
            throw new CorruptLogException(file, MAGIC_OFFSET, CorruptLogException.Check.HEADER, "not a hard-state file: bad magic number", MAGIC, in.getInt(MAGIC_OFFSET));
        }
        int length = in.getInt(LENGTH_OFFSET);
        if (length != in.limit() - DATA_OFFSET) {
            throw new CorruptLogException(file, LENGTH_OFFSET, CorruptLogException.Check.LENGTH, "hard-state length disagrees with the file size", in.limit() - DATA_OFFSET, length);
        }
        int crc = checksum(in, length);
        if (in.getInt(CRC_OFFSET) != crc) {
            throw new CorruptLogException(file, CRC_OFFSET, CorruptLogException.Check.CHECKSUM, "hard-state checksum mismatch",
                Integer.toUnsignedLong(in.getInt(CRC_OFFSET)), Integer.toUnsignedLong(crc));
        }
        if (in.getInt(VERSION_OFFSET) != VERSION) {
            throw new CorruptLogException(file, VERSION_OFFSET, CorruptLogException.Check.HEADER, "unsupported hard-state version", VERSION, in.getInt(VERSION_OFFSET));
        }
        byte[] state = new byte[length];
        in.get(DATA_OFFSET, state);
        return state;
    }

    private static int checksum(ByteBuffer file, int length) {
        CRC32C crc = new CRC32C();
        crc.update(file.slice(0, CRC_OFFSET));
        crc.update(file.slice(DATA_OFFSET, length));
        return (int) crc.getValue();
    }
}
