package io.synod.examples.coordination.tree;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.NavigableSet;
import java.util.zip.CRC32C;

/**
 * The whole tree as a stream, written and read one record at a time, so that neither side holds
 * more than the tree itself plus one record.
 *
 * <pre>
 * snapshot = "SYNZTREE" | i32 FORMAT(1) | i32 nodes (a sizing hint) | record*
 * record   = i32 length | payload | i32 crc32c(payload)
 * payload  = u8 kind | fields
 *   1 node      str path | len(children) | i64 czxid, mzxid, ctime, mtime, pzxid | i32 version, cversion, aversion
 *               | i64 ephemeralOwner | data | acl              (pre-order: a parent before its children)
 *   2 sessions  i64 session | len(n) | n × str path            (the session→ephemerals index, in chunks)
 *   3 end       i64 nodes | i64 indexed ephemerals
 * </pre>
 *
 * Data lengths are not stored and child counts only as sizing hints: both follow from the nodes. Reading checks
 * every record's checksum and every link (a known parent, no duplicate, a valid path, an index that
 * agrees with the nodes' owners, the counts at the end, nothing after it); the first failure
 * refuses the whole snapshot with a {@link CorruptSnapshotException} naming its byte offset.
 */
public final class TreeSnapshot {

    private static final byte[] MAGIC = "SYNZTREE".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    private static final int NODE = 1;
    private static final int SESSIONS = 2;
    private static final int END = 3;
    private static final int PATHS_PER_RECORD = 1024;
    /** Room for a node's path and ACL beside its data. */
    private static final int RECORD_SLACK = 16 * 1024 * 1024;
    /** Sizing hints are trusted only this far: a damaged one must not allocate the heap away. */
    private static final int MAX_HINT = 1 << 22;

    private TreeSnapshot() {
    }

    public static void write(DataTree tree, OutputStream sink) throws IOException {
        Output out = new Output(sink, tree.nodes.size());
        Deque<String> pending = new ArrayDeque<>();
        pending.push(ZnodePath.ROOT);
        while (!pending.isEmpty()) {
            String path = pending.pop();
            Znode node = tree.nodes.get(path);
            out.node(path, node, node.childCount());
            List<String> children = node.sortedChildren();
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(ZnodePath.child(path, children.get(i)));
            }
        }
        for (long session : tree.sessionsWithEphemerals()) {
            out.sessions(session, tree.ephemerals.get(session).toArray(new String[0]));
        }
        out.end();
    }

    /**
     * The records of one snapshot, in the order the caller gives them: nodes in pre-order, then each
     * session's ephemerals (sessions in id order, paths sorted), then {@link #end}. Shared by
     * {@link #write} and {@link TreeView}, so that both give the same bytes for the same state.
     */
    static final class Output {
        private final DataOutputStream out;
        private final BinaryWriter record = new BinaryWriter();
        private final CRC32C crc = new CRC32C();
        private long written;
        private long indexed;

        Output(OutputStream sink, int nodes) throws IOException {
            out = new DataOutputStream(new BufferedOutputStream(sink, 1 << 16));
            out.write(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(nodes);
        }

        void node(String path, Znode node, int children) throws IOException {
            record.clear();
            TreeSnapshot.node(record, path, node, children);
            record(out, record, crc);
            written++;
        }

        void sessions(long session, String[] paths) throws IOException {
            for (int from = 0; from < paths.length; from += PATHS_PER_RECORD) {
                BinaryWriter payload = new BinaryWriter();
                payload.u8(SESSIONS);
                payload.i64(session);
                int to = Math.min(paths.length, from + PATHS_PER_RECORD);
                payload.varint(to - from);
                for (int i = from; i < to; i++) {
                    payload.string(paths[i]);
                }
                record(out, payload);
            }
            indexed += paths.length;
        }

        void end() throws IOException {
            BinaryWriter end = new BinaryWriter();
            end.u8(END);
            end.i64(written);
            end.i64(indexed);
            record(out, end);
            out.flush();
        }
    }

    private static void node(BinaryWriter payload, String path, Znode node, int children) {
        payload.u8(NODE);
        payload.string(path);
        payload.varint(children);
        payload.i64(node.czxid);
        payload.i64(node.mzxid);
        payload.i64(node.ctime);
        payload.i64(node.mtime);
        payload.i64(node.pzxid);
        payload.i32(node.version);
        payload.i32(node.cversion);
        payload.i32(node.aversion);
        payload.i64(node.ephemeralOwner);
        payload.data(node.data);
        payload.acl(node.acl);
    }

    private static void record(DataOutputStream out, BinaryWriter payload) throws IOException {
        record(out, payload, new CRC32C());
    }

    private static void record(DataOutputStream out, BinaryWriter payload, CRC32C crc) throws IOException {
        crc.reset();
        out.writeInt(payload.length());
        payload.writeTo(out, crc);
        out.writeInt((int) crc.getValue());
    }

    /** Rebuild a tree from a snapshot; anything untrustworthy is refused whole, naming the offset. */
    public static DataTree read(InputStream source, TreeConfig config) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(source, 1 << 16));
        long offset = 0;
        byte[] magic = new byte[MAGIC.length];
        readFully(in, magic, offset);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new CorruptSnapshotException("not a tree snapshot (bad magic)", 0);
        }
        offset += MAGIC.length;
        int format = readInt(in, offset);
        if (format != FORMAT) {
            throw new CorruptSnapshotException("unknown format " + format, offset);
        }
        offset += 4;
        int expected = readInt(in, offset);
        offset += 4;
        DataTree tree = new DataTree(config, Math.min(Math.max(expected, 0), MAX_HINT));
        Ancestors ancestors = new Ancestors();
        byte[] payload = new byte[256];
        long nodes = 0;
        long indexed = 0;
        int maxRecord = config.maxDataBytes() + RECORD_SLACK;
        while (true) {
            long recordAt = offset;
            int length = readInt(in, offset);
            if (length < 1 || length > maxRecord) {
                throw new CorruptSnapshotException("record length " + length, recordAt);
            }
            if (payload.length < length) {
                payload = new byte[Math.max(length, payload.length * 2)];
            }
            readFully(in, payload, length, recordAt);
            int stored = readInt(in, recordAt);
            CRC32C crc = new CRC32C();
            crc.update(payload, 0, length);
            if ((int) crc.getValue() != stored) {
                throw new CorruptSnapshotException("checksum mismatch", recordAt);
            }
            offset += 8L + length;
            BinaryReader reader = new BinaryReader(payload, length);
            try {
                int kind = reader.u8();
                if (kind == NODE) {
                    restoreNode(tree, ancestors, reader, nodes == 0, recordAt);
                    nodes++;
                } else if (kind == SESSIONS) {
                    indexed += checkSessions(tree, reader, recordAt);
                } else if (kind == END) {
                    long expectedNodes = reader.i64();
                    long expectedIndexed = reader.i64();
                    reader.end();
                    long owned = 0;
                    for (NavigableSet<String> paths : tree.ephemerals.values()) {
                        owned += paths.size();
                    }
                    if (expectedNodes != nodes || expectedIndexed != indexed || indexed != owned) {
                        throw new CorruptSnapshotException("end record says " + expectedNodes + " nodes and "
                                + expectedIndexed + " indexed ephemerals; read " + nodes + " nodes, "
                                + indexed + " indexed, " + owned + " owned", recordAt);
                    }
                    if (expected != nodes) {
                        throw new CorruptSnapshotException("header says " + expected + " nodes; read " + nodes, 12);
                    }
                    if (in.read() != -1) {
                        throw new CorruptSnapshotException("bytes after the end record", offset);
                    }
                    return tree;
                } else {
                    throw new CorruptSnapshotException("unknown record kind " + kind, recordAt);
                }
            } catch (MalformedCommandException e) {
                throw new CorruptSnapshotException("record payload: " + e.getMessage(), recordAt);
            }
        }
    }

    private static void restoreNode(DataTree tree, Ancestors ancestors, BinaryReader in, boolean first, long at)
            throws MalformedCommandException, CorruptSnapshotException {
        String path = in.string("path");
        int children = in.varint();
        long czxid = in.i64();
        long mzxid = in.i64();
        long ctime = in.i64();
        long mtime = in.i64();
        long pzxid = in.i64();
        int version = in.i32();
        int cversion = in.i32();
        int aversion = in.i32();
        long owner = in.i64();
        byte[] data = in.data();
        var acl = in.acl();
        in.end();
        Znode node = new Znode(data, Transaction.interned(acl), czxid, ctime, owner);
        node.mzxid = mzxid;
        node.mtime = mtime;
        node.pzxid = pzxid;
        node.version = version;
        node.cversion = cversion;
        node.aversion = aversion;
        node.expectChildren(Math.min(children, MAX_HINT));
        if (first) {
            if (!ZnodePath.ROOT.equals(path)) {
                throw new CorruptSnapshotException("first node is " + path + ", not the root", at);
            }
            tree.putRoot(node);
            ancestors.push(path, node);
            return;
        }
        if (ZnodePath.ROOT.equals(path) || !ZnodePath.isValid(path)) {
            throw new CorruptSnapshotException("bad path " + path, at);
        }
        int slash = path.lastIndexOf('/');
        Znode parent = ancestors.parentOf(path, slash);
        if (parent == null) {
            // Not where pre-order puts it: look the parent up by its path (and refuse if it is unknown).
            parent = tree.nodes.get(ZnodePath.parent(path));
        }
        if (parent == null) {
            throw new CorruptSnapshotException(tree.nodes.containsKey(path) ? "duplicate node " + path
                : "node " + path + " before its parent", at);
        }
        if (DataTree.isSessionOwned(parent.ephemeralOwner)) {
            throw new CorruptSnapshotException("node " + path + " under an ephemeral", at);
        }
        if (!tree.adopt(path, slash, parent, node)) {
            throw new CorruptSnapshotException("duplicate node " + path, at);
        }
        ancestors.push(path, node);
    }

    /**
     * The path from the root to the node read last. Nodes come in pre-order, so a node's parent is on
     * it: finding the parent there costs no hash of the parent's path, nor the parent's path itself.
     */
    private static final class Ancestors {
        private String[] paths = new String[16];
        private Znode[] nodes = new Znode[16];
        private int depth;

        /** The parent of {@code path} (whose last '/' is at {@code slash}) if it is on the path; else null. */
        Znode parentOf(String path, int slash) {
            int parentLength = slash == 0 ? 1 : slash;
            while (depth > 0) {
                String candidate = paths[depth - 1];
                if (candidate.length() == parentLength && path.startsWith(candidate)) {
                    return nodes[depth - 1];
                }
                depth--;
            }
            return null;
        }

        void push(String path, Znode node) {
            if (depth == paths.length) {
                paths = Arrays.copyOf(paths, depth * 2);
                nodes = Arrays.copyOf(nodes, depth * 2);
            }
            paths[depth] = path;
            nodes[depth] = node;
            depth++;
        }
    }

    private static int checkSessions(DataTree tree, BinaryReader in, long at)
            throws MalformedCommandException, CorruptSnapshotException {
        long session = in.i64();
        int count = in.count(1, "path");
        for (int i = 0; i < count; i++) {
            String path = in.string("path");
            Znode node = tree.nodes.get(path);
            if (node == null || node.ephemeralOwner != session || !DataTree.isSessionOwned(session)) {
                throw new CorruptSnapshotException("session index names " + path + " for session 0x"
                        + Long.toHexString(session) + ", which owns no such node", at);
            }
        }
        in.end();
        return count;
    }

    private static int readInt(DataInputStream in, long offset) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new CorruptSnapshotException("truncated", offset);
        }
    }

    private static void readFully(DataInputStream in, byte[] into, long offset) throws IOException {
        readFully(in, into, into.length, offset);
    }

    private static void readFully(DataInputStream in, byte[] into, int length, long offset) throws IOException {
        try {
            in.readFully(into, 0, length);
        } catch (EOFException e) {
            throw new CorruptSnapshotException("truncated", offset);
        }
    }
}
