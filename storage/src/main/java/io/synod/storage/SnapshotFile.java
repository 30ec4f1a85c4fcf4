package io.synod.storage;

import io.synod.api.SnapshotMeta;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The layout of one snapshot file, named by its index so that names sort by age. Big-endian. The
 * data is a stream of any length, written after the header; the length and the data's checksum
 * are filled in when the stream ends, and the header has a checksum of its own.
 *
 * <pre>
 * +---------------------------------------------------------------+
 * |                      magic "SYNS" (int)                       |  MAGIC_OFFSET
 * |                       version (int) = 2                       |  VERSION_OFFSET
 * |                         index (long)                          |  INDEX_OFFSET
 * |                          term (long)                          |  TERM_OFFSET
 * |                      data length (long)                       |  LENGTH_OFFSET
 * |                   CRC32C of the data (int)                    |  DATA_CRC_OFFSET
 * |            CRC32C of the 36 header bytes above (int)          |  HEADER_CRC_OFFSET
 * |                     data (length bytes)                      ...  DATA_OFFSET
 * +---------------------------------------------------------------+
 * </pre>
 * Version 1 (whole snapshots as one array, an int length and one CRC) is refused as unsupported.
 */
final class SnapshotFile {

    static final String SUFFIX = ".snap";
    static final int MAGIC = 0x53594E53; // "SYNS"
    static final int VERSION = 2;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int INDEX_OFFSET = 8;
    static final int TERM_OFFSET = 16;
    static final int LENGTH_OFFSET = 24;
    static final int DATA_CRC_OFFSET = 32;
    static final int HEADER_CRC_OFFSET = 36;
    static final int DATA_OFFSET = 40;

    /** Bytes read at a time when a file is checked. */
    private static final int READ_CHUNK = 1 << 16;

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

    /** The header of a finished snapshot of {@code length} data bytes whose CRC32C is {@code dataCrc}. */
    static ByteBuffer header(long index, long term, long length, int dataCrc) {
        ByteBuffer header = ByteBuffer.allocate(DATA_OFFSET);
        header.putInt(MAGIC_OFFSET, MAGIC).putInt(VERSION_OFFSET, VERSION).putLong(INDEX_OFFSET, index)
            .putLong(TERM_OFFSET, term).putLong(LENGTH_OFFSET, length).putInt(DATA_CRC_OFFSET, dataCrc);
        header.putInt(HEADER_CRC_OFFSET, headerCrc(header));
        return header;
    }

    /** What a file's header says, checked; the data is not read. */
    record Header(SnapshotMeta meta, long length, int dataCrc) {
    }

    /**
     * Reads and checks a snapshot file's header.
     *
     * @throws CorruptLogException naming the file and what failed
     */
    static Header readHeader(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Header readHeader(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < DATA_OFFSET) {
            throw new CorruptLogException(file, 0, CorruptLogException.Check.LENGTH, "snapshot shorter than its header", DATA_OFFSET, size);
        }
        ByteBuffer in = ByteBuffer.allocate(DATA_OFFSET);
        while (in.hasRemaining() && channel.read(in, in.position()) >= 0) {
            // reads the header whole
        }
        if (in.getInt(MAGIC_OFFSET) != MAGIC) {
            throw new CorruptLogException(file, MAGIC_OFFSET, CorruptLogException.Check.HEADER, "not a snapshot: bad magic number", MAGIC,
                in.getInt(MAGIC_OFFSET));
        }
        if (in.getInt(VERSION_OFFSET) != VERSION) {
            throw new CorruptLogException(file, VERSION_OFFSET, CorruptLogException.Check.HEADER, "unsupported snapshot version", VERSION,
                in.getInt(VERSION_OFFSET));
        }
        int crc = headerCrc(in);
        if (in.getInt(HEADER_CRC_OFFSET) != crc) {
            throw new CorruptLogException(file, HEADER_CRC_OFFSET, CorruptLogException.Check.CHECKSUM, "snapshot header checksum mismatch",
                Integer.toUnsignedLong(in.getInt(HEADER_CRC_OFFSET)), Integer.toUnsignedLong(crc));
        }
        long length = in.getLong(LENGTH_OFFSET);
        if (length != size - DATA_OFFSET) {
            throw new CorruptLogException(file, LENGTH_OFFSET, CorruptLogException.Check.LENGTH, "snapshot length disagrees with the file size",
                size - DATA_OFFSET, length);
        }
        long index = in.getLong(INDEX_OFFSET);
        long named = indexOf(file);
        if (index != named) {
            throw new CorruptLogException(file, INDEX_OFFSET, CorruptLogException.Check.INDEX, "snapshot index disagrees with the file name",
                named, index);
        }
        return new Header(new SnapshotMeta(index, in.getLong(TERM_OFFSET)), length, in.getInt(DATA_CRC_OFFSET));
    }

    /**
     * Reads a whole file and checks its header and its data's checksum, holding a small buffer only.
     *
     * @throws CorruptLogException naming the file and what failed
     */
    static Header verify(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(file, channel);
            CRC32C crc = new CRC32C();
            ByteBuffer chunk = ByteBuffer.allocate(READ_CHUNK);
            long position = DATA_OFFSET;
            while (position < DATA_OFFSET + header.length()) {
                chunk.clear();
                int n = channel.read(chunk, position);
                if (n < 0) {
                    break;
                }
                chunk.flip();
                crc.update(chunk);
                position += n;
            }
            if ((int) crc.getValue() != header.dataCrc()) {
                throw new CorruptLogException(file, DATA_OFFSET, CorruptLogException.Check.CHECKSUM,
                    "snapshot data checksum mismatch (" + header.length() + " bytes from offset " + DATA_OFFSET + ")",
                    Integer.toUnsignedLong(header.dataCrc()), Integer.toUnsignedLong((int) crc.getValue()));
            }
            return header;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The data of a file whose header has been checked: a stream from {@link #DATA_OFFSET} to the end. */
    static InputStream data(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(DATA_OFFSET);
        return new BufferedInputStream(Channels.newInputStream(channel), READ_CHUNK);
    }

    private static int headerCrc(ByteBuffer header) {
        CRC32C crc = new CRC32C();
        crc.update(header.slice(0, HEADER_CRC_OFFSET));
        return (int) crc.getValue();
    }
}
