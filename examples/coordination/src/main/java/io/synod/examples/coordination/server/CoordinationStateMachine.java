package io.synod.examples.coordination.server;

import io.synod.api.ApplyContext;
import io.synod.api.CommandRejectedException;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.examples.coordination.session.SessionRegistry;
import io.synod.examples.coordination.tree.Applied;
import io.synod.examples.coordination.tree.Command;
import io.synod.examples.coordination.tree.CommandCodec;
import io.synod.examples.coordination.tree.DataTree;
import io.synod.examples.coordination.tree.MalformedCommandException;
import io.synod.examples.coordination.tree.Op;
import io.synod.examples.coordination.tree.TreeConfig;
import io.synod.examples.coordination.tree.TreeSnapshot;
import io.synod.examples.coordination.watch.ChangeEvent;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordination service's replicated state: the znode tree and the session registry, changed only
 * by applied commands. A command is one tag byte and its body: {@link #TREE} a tree
 * {@link Command} (zxid from the log position, time from the leader, the issuing session as owner),
 * {@link #REGISTER} a new session's timeout. A session's end deletes its ephemerals at that point.
 *
 * <p>The changes each command makes go to the {@link Listener} on the replica thread, where the server
 * fires watches. Reads run on the replica thread too: the server parks a task under a number and asks
 * the runtime to {@link #query} that number once the replica applied far enough.
 */
public final class CoordinationStateMachine implements StateMachine {

    public static final byte TREE = 1;
    public static final byte REGISTER = 2;

    /** What the server hears on the replica thread. */
    public interface Listener {
        void changed(List<ChangeEvent> events);

        void sessionEnded(long sessionId);
    }

    private final TreeConfig config;
    private final Map<Long, Runnable> parkedReads = new ConcurrentHashMap<>();
    private final AtomicLong readIds = new AtomicLong();
    private volatile Listener listener = new Listener() {
        public void changed(List<ChangeEvent> events) {
        }

        public void sessionEnded(long sessionId) {
        }
    };
    private DataTree tree;
    private SessionRegistry sessions = new SessionRegistry();
    private volatile long lastZxid;

    public CoordinationStateMachine(TreeConfig config) {
        this.config = config;
        this.tree = new DataTree(config);
    }

    public void listener(Listener value) {
        listener = value;
    }

    public static byte[] treeCommand(Command command) {
        return tagged(TREE, CommandCodec.encode(command));
    }

    public static byte[] registerCommand(int timeoutMillis) {
        return ByteBuffer.allocate(5).put(REGISTER).putInt(timeoutMillis).array();
    }

    private static byte[] tagged(byte tag, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    @Override
    public byte[] apply(ApplyContext ctx, byte[] command) {
        long zxid = Zxid.of(ctx.index(), ctx.position());
        if (command.length == 0) {
            throw new CommandRejectedException("an empty coordination command");
        }
        byte[] result;
        switch (command[0]) {
            case REGISTER -> {
                if (command.length != 5) {
                    throw new CommandRejectedException("a session registration of " + command.length + " bytes, not 5");
                }
                sessions.register(ctx.sessionId(), ByteBuffer.wrap(command, 1, 4).getInt(), ctx.sequence());
                result = new byte[0];
            }
            case TREE -> {
                Applied applied;
                try {
                    applied = tree.apply(Arrays.copyOfRange(command, 1, command.length), zxid, ctx.timestamp(),
                        ctx.sessionId());
                } catch (MalformedCommandException e) {
                    throw new CommandRejectedException("a malformed tree command: " + e.getMessage());
                }
                sessions.sequenced(ctx.sessionId(), ctx.sequence());
                lastZxid = zxid;
                listener.changed(applied.events());
                result = applied.encodedResult();
            }
            default -> throw new CommandRejectedException("unknown coordination command tag " + command[0]);
        }
        lastZxid = zxid;
        return result;
    }

    @Override
    public void onSessionExpired(ApplyContext ctx, long sessionId) {
        long zxid = Zxid.of(ctx.index(), ctx.position());
        Applied applied = tree.apply(Command.of(new Op.CloseSession()), zxid, ctx.timestamp(), sessionId);
        sessions.remove(sessionId);
        lastZxid = zxid;
        listener.changed(applied.events());
        listener.sessionEnded(sessionId);
    }

    @Override
    public SnapshotWriter snapshot() {
        // A copy taken on the replica thread: the tree is mutable, so the view must not be streamed later.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            sessions.write(out);
            TreeSnapshot.write(tree, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return SnapshotWriter.of(bytes.toByteArray());
    }

    @Override
    public void restore(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in));
        SessionRegistry restoredSessions = SessionRegistry.read(data);
        DataTree restoredTree = TreeSnapshot.read(data, config);
        sessions = restoredSessions;
        tree = restoredTree;
    }

    /** Runs a read parked by {@link #park}; the runtime calls this on the replica thread. */
    @Override
    public byte[] query(byte[] query) {
        if (query.length != Long.BYTES) {
            throw new IllegalArgumentException("a read ticket is 8 bytes, not " + query.length);
        }
        Runnable read = parkedReads.remove(ByteBuffer.wrap(query).getLong());
        if (read != null) {
            read.run();
        }
        return new byte[0];
    }

    /** Parks a task to run on the replica thread; returns the query that runs it. */
    byte[] park(Runnable read) {
        long id = readIds.incrementAndGet();
        parkedReads.put(id, read);
        return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
    }

    /** Drops a parked task whose query failed. */
    void unpark(byte[] query) {
        parkedReads.remove(ByteBuffer.wrap(query).getLong());
    }

    /** The tree, for the replica thread only. */
    public DataTree tree() {
        return tree;
    }

    /** The session registry, for the replica thread only. */
    public SessionRegistry sessions() {
        return sessions;
    }

    /** The zxid of the last change applied here (any thread). */
    public long lastZxid() {
        return lastZxid;
    }
}
