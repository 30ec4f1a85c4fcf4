package io.synod.examples.coordination.sim;

import io.synod.api.ApplyContext;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.examples.coordination.server.CoordinationStateMachine;
import io.synod.examples.coordination.server.Zxid;
import io.synod.examples.coordination.tree.ChildList;
import io.synod.examples.coordination.tree.DataTree;
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.NodeData;
import io.synod.examples.coordination.tree.Stat;
import io.synod.examples.coordination.tree.TreeConfig;
import io.synod.examples.coordination.tree.TreeException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The service's own {@link CoordinationStateMachine} as a simulated replica runs it, with what a
 * test needs around it:
 * <ul>
 *   <li>an update's result carries, after the machine's own bytes, the zxid and time stamp it was
 *       applied with, so that the model can check the zxids and times in stats (the service's
 *       server knows these from the same apply context);</li>
 *   <li>reads ({@link #READ} and a {@link TreeOp.ReadKind}) are answered from the tree, whether
 *       they come as queries (ReadIndex, local reads) or as commands through the log;</li>
 *   <li>the sessions it saw expire, for the check that their ephemerals went with them.</li>
 * </ul>
 * Everything else (snapshots, restore, the tree commands themselves) is the machine's.
 */
class ObservedCoordination implements StateMachine {

    /** The tag of a read; the machine's own commands are tagged 1 and 2. */
    static final byte READ = 'R';

    private final CoordinationStateMachine machine = new CoordinationStateMachine(TreeConfig.DEFAULT);
    private final List<long[]> expiries = new ArrayList<>();

    @Override
    public byte[] apply(ApplyContext ctx, byte[] command) {
        if (command.length > 0 && command[0] == READ) {
            return read(command);
        }
        byte[] result = applyTree(ctx, command);
        return ByteBuffer.allocate(result.length + 2 * Long.BYTES).put(result)
            .putLong(Zxid.of(ctx.index(), ctx.position())).putLong(ctx.timestamp()).array();
    }

    /** Applies one of the machine's own commands. */
    protected byte[] applyTree(ApplyContext ctx, byte[] command) {
        return machine.apply(ctx, command);
    }

    @Override
    public void onSessionExpired(ApplyContext ctx, long sessionId) {
        expire(ctx, sessionId);
        expiries.add(new long[] {sessionId, ctx.index()});
    }

    protected void expire(ApplyContext ctx, long sessionId) {
        machine.onSessionExpired(ctx, sessionId);
    }

    @Override
    public SnapshotWriter snapshot() {
        return machine.snapshot();
    }

    @Override
    public void restore(InputStream in) throws IOException {
        machine.restore(in);
    }

    @Override
    public byte[] query(byte[] query) {
        return read(query);
    }

    /** The replica's tree, for checks (read only). */
    DataTree tree() {
        return machine.tree();
    }

    /** The sessions that expired here since the last call, each as (session, log index); forgotten once taken. */
    List<long[]> takeExpiries() {
        List<long[]> taken = List.copyOf(expiries);
        expiries.clear();
        return taken;
    }

    static byte[] encodeRead(TreeOp.Read read) {
        byte[] path = read.path().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + path.length).put(READ).put((byte) read.kind().ordinal()).put(path).array();
    }

    private byte[] read(byte[] query) {
        if (query.length < 2 || query[0] != READ) {
            throw new IllegalArgumentException("not a read: " + query.length + " bytes, tag " + (query.length > 0 ? query[0] : -1));
        }
        TreeOp.ReadKind kind = TreeOp.ReadKind.values()[query[1]];
        String path = new String(query, 2, query.length - 2, StandardCharsets.UTF_8);
        return encodeAnswer(answer(new TreeOp.Read(kind, path)));
    }

    /** Answers a read from this replica's tree, as the server would. */
    protected TreeResult.Read answer(TreeOp.Read read) {
        DataTree tree = machine.tree();
        try {
            return switch (read.kind()) {
                case GET_DATA -> {
                    NodeData d = tree.getData(read.path(), List.of());
                    yield new TreeResult.Read(ErrorCode.OK, text(d.data()), d.stat(), null);
                }
                case EXISTS -> {
                    Stat stat = tree.exists(read.path());
                    yield stat == null ? new TreeResult.Read(ErrorCode.NO_NODE, null, null, null)
                        : new TreeResult.Read(ErrorCode.OK, null, stat, null);
                }
                case GET_CHILDREN -> {
                    ChildList c = tree.getChildren(read.path(), List.of());
                    yield new TreeResult.Read(ErrorCode.OK, null, c.stat(), c.children());
                }
            };
        } catch (TreeException e) {
            return new TreeResult.Read(e.code(), null, null, null);
        }
    }

    static String text(byte[] data) {
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    private static byte[] encodeAnswer(TreeResult.Read r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(r.code().name());
            if (r.stat() != null) {
                Stat s = r.stat();
                out.writeBoolean(true);
                for (long v : new long[] {s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version(), s.cversion(), s.aversion(),
                    s.ephemeralOwner(), s.dataLength(), s.numChildren(), s.pzxid()}) {
                    out.writeLong(v);
                }
            } else {
                out.writeBoolean(false);
            }
            out.writeBoolean(r.data() != null);
            if (r.data() != null) {
                out.writeUTF(r.data());
            }
            out.writeInt(r.children() == null ? -1 : r.children().size());
            if (r.children() != null) {
                for (String child : r.children()) {
                    out.writeUTF(child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
