package io.synod.storage;

import io.synod.spi.NodeIdentity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The layout of a data directory's identity file: which node of which cluster the directory
 * belongs to, written once on first start ({@link FileStorage#claim}). Big-endian.
 *
 * <pre>
 * +---------------------------------------------------------------+
 * |                      magic "SYNI" (int)                       |  MAGIC_OFFSET
 * |                         version (int)                         |  VERSION_OFFSET
 * |                         node id (int)                         |  NODE_ID_OFFSET
 * |              cluster id length in bytes (int)                 |  LENGTH_OFFSET
 * |     CRC32C of the header above and the cluster id (int)       |  CRC_OFFSET
 * |                 cluster id (UTF-8, length bytes)             ...  CLUSTER_ID_OFFSET
 * +---------------------------------------------------------------+
 * </pre>
 */
final class IdentityFile {

    static final String FILE_NAME = "identity";
    static final int MAGIC = 0x53594E49; // "SYNI"
    static final int VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int NODE_ID_OFFSET = 8;
    static final int LENGTH_OFFSET = 12;
    static final int CRC_OFFSET = 16;
    static final int CLUSTER_ID_OFFSET = 20;

    private IdentityFile() {
    }

    static ByteBuffer encode(NodeIdentity identity) {
        byte[] cluster = identity.clusterId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(CLUSTER_ID_OFFSET + cluster.length);
        file.putInt(MAGIC_OFFSET, MAGIC).putInt(VERSION_OFFSET, VERSION).putInt(NODE_ID_OFFSET, identity.nodeId())
            .putInt(LENGTH_OFFSET, cluster.length);
        file.put(CLUSTER_ID_OFFSET, cluster);
        file.putInt(CRC_OFFSET, checksum(file, cluster.length));
        return file;
    }

    /**
     * The identity recorded in {@code file}, or {@code null} when there is none yet.
     *
     * @throws CorruptLogException if the file fails its checks: it is replaced only by rename, so
     *                             a crash cannot explain a bad one
     */
    static NodeIdentity read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        ByteBuffer in = AtomicFile.read(file);
        if (in.limit() < CLUSTER_ID_OFFSET) {
            throw new CorruptLogException(file, 0, CorruptLogException.Check.LENGTH, "identity file shorter than its header", CLUSTER_ID_OFFSET, in.limit());
        }
        if (in.getInt(MAGIC_OFFSET) != MAGIC) {
            throw new CorruptLogException(file, MAGIC_OFFSET, CorruptLogException.Check.HEADER, "not an identity file: bad magic number", MAGIC, in.getInt(MAGIC_OFFSET));
        }
        int length = in.getInt(LENGTH_OFFSET);
        if (length != in.limit() - CLUSTER_ID_OFFSET) {
            throw new CorruptLogException(file, LENGTH_OFFSET, CorruptLogException.Check.LENGTH, "cluster id length disagrees with the file size", in.limit() - CLUSTER_ID_OFFSET, length);
        }
        int crc = checksum(in, length);
        if (in.getInt(CRC_OFFSET) != crc) {
            throw new CorruptLogException(file, CRC_OFFSET, CorruptLogException.Check.CHECKSUM, "identity checksum mismatch",
                Integer.toUnsignedLong(in.getInt(CRC_OFFSET)), Integer.toUnsignedLong(crc));
        }
        if (in.getInt(VERSION_OFFSET) != VERSION) {
            throw new CorruptLogException(file, VERSION_OFFSET, CorruptLogException.Check.HEADER, "unsupported identity version", VERSION, in.getInt(VERSION_OFFSET));
        }
        byte[] cluster = new byte[length];
        in.get(CLUSTER_ID_OFFSET, cluster);
        try {
            return new NodeIdentity(new String(cluster, StandardCharsets.UTF_8), in.getInt(NODE_ID_OFFSET));
        } catch (IllegalArgumentException e) {
            throw new CorruptLogException(file, NODE_ID_OFFSET, CorruptLogException.Check.HEADER, "identity out of range: " + e.getMessage(), 0, in.getInt(NODE_ID_OFFSET));
        }
    }

    private static int checksum(ByteBuffer file, int length) {
        CRC32C crc = new CRC32C();
        crc.update(file.slice(0, CRC_OFFSET));
        crc.update(file.slice(CLUSTER_ID_OFFSET, length));
        return (int) crc.getValue();
    }
}
