package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synod.examples.coordination.acl.Acl;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * How a snapshot's nodes are linked when it is read: parents are found on the path from the root
 * (nodes come in pre-order), deep trees and large records between small ones come back whole, and
 * records that are intact (checksums hold) but out of place are refused or, where the tree they
 * describe is still sound, accepted. The records are rearranged here and their checksums made anew.
 */
class TreeSnapshotLinksTest {

    private static final int HEADER = 16;

    @Test
    void aDeepTreeWithLargeAndSmallRecordsComesBackWhole() throws IOException {
        DataTree tree = new DataTree();
        long zxid = 0;
        StringBuilder path = new StringBuilder();
        for (int depth = 0; depth < 40; depth++) {
            path.append("/d").append(depth);
            byte[] data = depth == 3 ? new byte[200_000] : new byte[] {(byte) depth};
            Arrays.fill(data, (byte) depth);
            create(tree, path.toString(), data, ++zxid);
            create(tree, path + "-sibling", new byte[] {1}, ++zxid);
            if (depth % 5 == 0) {
                create(tree, path + "-sibling/leaf", new byte[] {2}, ++zxid);
            }
        }
        DataTree restored = TreeSnapshot.read(new ByteArrayInputStream(snapshot(tree)), TreeConfig.DEFAULT);
        SameTree.assertSame(tree, restored);
    }

    @Test
    void aSubtreeAfterItsParentsSiblingIsStillLinkedToItsParent() throws IOException {
        DataTree tree = tree("/a", "/a/x", "/a/x/y", "/b");
        List<byte[]> records = records(snapshot(tree));
        // Pre-order is /, /a, /a/x, /a/x/y, /b, ...: move /b before /a/x. Parents still come first.
        byte[] b = records.remove(indexOf(records, "/b"));
        records.add(indexOf(records, "/a/x"), b);
        DataTree restored = TreeSnapshot.read(new ByteArrayInputStream(assemble(snapshot(tree), records)), TreeConfig.DEFAULT);
        SameTree.assertSame(tree, restored);
    }

    @Test
    void aChildBeforeItsParentIsRefusedWithItsOffset() throws IOException {
        DataTree tree = tree("/a", "/a/x");
        byte[] original = snapshot(tree);
        List<byte[]> records = records(original);
        byte[] child = records.remove(indexOf(records, "/a/x"));
        records.add(indexOf(records, "/a"), child);
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
            () -> TreeSnapshot.read(new ByteArrayInputStream(assemble(original, records)), TreeConfig.DEFAULT));
        assertTrue(e.getMessage().contains("/a/x before its parent"), e.getMessage());
        assertEquals(offsetOf(records, indexOf(records, "/a/x")), e.offset());
    }

    @Test
    void aRepeatedNodeIsRefusedAsADuplicate() throws IOException {
        DataTree tree = tree("/a", "/a/x");
        byte[] original = snapshot(tree);
        List<byte[]> records = records(original);
        int at = indexOf(records, "/a/x");
        records.add(at + 1, records.get(at));
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
            () -> TreeSnapshot.read(new ByteArrayInputStream(assemble(original, records)), TreeConfig.DEFAULT));
        assertTrue(e.getMessage().contains("duplicate node /a/x"), e.getMessage());
        assertEquals(offsetOf(records, at + 1), e.offset());
    }

    private static DataTree tree(String... paths) {
        DataTree tree = new DataTree();
        long zxid = 0;
        for (String path : paths) {
            create(tree, path, new byte[] {7}, ++zxid);
        }
        return tree;
    }

    private static void create(DataTree tree, String path, byte[] data, long zxid) {
        OpResult result = tree.apply(Command.of(new Op.Create(path, data, Acl.OPEN, CreateMode.PERSISTENT, Op.NO_TTL)),
            zxid, zxid, 1).result();
        assertTrue(result instanceof OpResult.Created, path + ": " + result);
    }

    private static byte[] snapshot(DataTree tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TreeSnapshot.write(tree, out);
        return out.toByteArray();
    }

    /** The payloads of every record after the header. */
    private static List<byte[]> records(byte[] snapshot) {
        List<byte[]> records = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(snapshot, HEADER, snapshot.length - HEADER);
        while (in.hasRemaining()) {
            byte[] payload = new byte[in.getInt()];
            in.get(payload);
            in.getInt();
            records.add(payload);
        }
        return records;
    }

    /** The original header before the given payloads, each framed with its length and a fresh checksum. */
    private static byte[] assemble(byte[] original, List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(original, 0, HEADER);
        for (byte[] payload : records) {
            CRC32C crc = new CRC32C();
            crc.update(payload);
            out.writeBytes(ByteBuffer.allocate(4).putInt(payload.length).array());
            out.writeBytes(payload);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        }
        return out.toByteArray();
    }

    private static int indexOf(List<byte[]> records, String path) {
        for (int i = 0; i < records.size(); i++) {
            BinaryReader reader = new BinaryReader(records.get(i));
            try {
                if (reader.u8() == 1 && reader.string("path").equals(path)) {
                    return i;
                }
            } catch (MalformedCommandException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no record of " + path);
    }

    private static long offsetOf(List<byte[]> records, int index) {
        long offset = HEADER;
        for (int i = 0; i < index; i++) {
            offset += 8 + records.get(i).length;
        }
        return offset;
    }
}
