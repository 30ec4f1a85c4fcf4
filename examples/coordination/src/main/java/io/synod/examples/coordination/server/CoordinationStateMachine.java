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
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.MalformedCommandException;
import io.synod.examples.coordination.tree.Op;
import io.synod.examples.coordination.tree.OpResult;
import io.synod.examples.coordination.tree.ResultCodec;
import io.synod.examples.coordination.tree.TreeConfig;
import io.synod.examples.coordination.tree.TreeSnapshot;
import io.synod.examples.coordination.tree.TreeView;
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
 * by applied commands. A command is one tag byte and its body: {@link #OWNED_TREE} a tree
 * {@link Command} (zxid from the log position, time from the leader, the issuing session as owner)
 * with the zxid since which its connection owns the session, {@link #REGISTER} a new session's
 * timeout, {@link #OWNER} a session's move to another connection. A session's end deletes its
 * ephemerals at that point.
 *
 * <p>The owner check is ZooKeeper's SESSIONMOVED, made at a point of the log: a tree command issued
 * by a connection that no longer owns its session (the client moved to another server, whose owner
 * change applied first) changes nothing and is answered {@link ErrorCode#SESSION_MOVED}, on every
 * replica alike. {@link #TREE}, a tree command without an owner, is still applied as it was logged.
 *
 * <p>The changes each command makes go to the {@link Listener} on the replica thread, where the server
 * fires watches. Reads run on the replica thread too: the server parks a task under a number and asks
 * the runtime to {@link #query} that number once the replica applied far enough.
 */
public final class CoordinationStateMachine implements StateMachine {

    public static final byte TREE = 1;
    public static final byte REGISTER = 2;
    public static final byte OWNER = 3;
    public static final byte OWNED_TREE = 4;

    /** What the server hears on the replica thread. */
    public interface Listener {
        void changed(List<ChangeEvent> events);

        void sessionEnded(long sessionId);

        /** The session now belongs to the connection whose commands carry {@code ownerSince}. */
        default void ownerChanged(long sessionId, long ownerSince) {
        }
    }

    /** What an applied {@link #OWNER} command answers: the session as its new owner starts with it. */
    public record OwnerChange(long ownerSince, long lastSequence, int timeoutMillis) {
        static final int BYTES = 2 * Long.BYTES + Integer.BYTES;

        byte[] encode() {
            return ByteBuffer.allocate(BYTES).putLong(ownerSince).putLong(lastSequence).putInt(timeoutMillis).array();
        }

        /** The change, or {@code null} if the session was not open when it applied. */
        public static OwnerChange decode(byte[] result) {
            if (result.length == 0) {
                return null;
            }
            if (result.length != BYTES) {
                throw new IllegalArgumentException("an owner change result of " + result.length + " bytes, not " + BYTES);
            }
            ByteBuffer b = ByteBuffer.wrap(result);
            return new OwnerChange(b.getLong(), b.getLong(), b.getInt());
        }
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
    /** Tree commands refused as SESSIONMOVED since this replica started (status, and tests). */
    private volatile long fenced;

    public CoordinationStateMachine(TreeConfig config) {
        this.config = config;
        this.tree = new DataTree(config);
    }

    public void listener(Listener value) {
        listener = value;
    }

    /** A tree command without an owner check (a session's connection uses {@link #ownedTreeCommand}). */
    public static byte[] treeCommand(Command command) {
        return tagged(TREE, CommandCodec.encode(command));
    }

    /** A tree command of the connection that owns its session since {@code ownerSince}. */
    public static byte[] ownedTreeCommand(long ownerSince, Command command) {
        byte[] body = CommandCodec.encode(command);
        return ByteBuffer.allocate(1 + Long.BYTES + body.length).put(OWNED_TREE).putLong(ownerSince).put(body).array();
    }

    /** Registers the issuing session; its result is the zxid since which the registering connection owns it. */
    public static byte[] registerCommand(int timeoutMillis) {
        return ByteBuffer.allocate(5).put(REGISTER).putInt(timeoutMillis).array();
    }

    /** Gives a session to the connection that logs this (submitted outside the session: see {@link OwnerChange}). */
    public static byte[] ownerCommand(long sessionId) {
        return ByteBuffer.allocate(1 + Long.BYTES).put(OWNER).putLong(sessionId).array();
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
                sessions.register(ctx.sessionId(), ByteBuffer.wrap(command, 1, 4).getInt(), ctx.sequence(), zxid);
                result = ByteBuffer.allocate(Long.BYTES).putLong(zxid).array();
            }
            case OWNER -> {
                if (command.length != 1 + Long.BYTES) {
                    throw new CommandRejectedException("an owner change of " + command.length + " bytes, not 9");
                }
                long sessionId = ByteBuffer.wrap(command, 1, Long.BYTES).getLong();
                SessionRegistry.Entry moved = sessions.changeOwner(sessionId, zxid);
                if (moved == null) {
                    result = new byte[0];
                } else {
                    listener.ownerChanged(sessionId, zxid);
                    result = new OwnerChange(zxid, moved.lastSequence(), moved.timeoutMillis()).encode();
                }
            }
            case TREE -> result = applyTree(ctx, command, 1, zxid);
            case OWNED_TREE -> {
                if (command.length < 1 + Long.BYTES) {
                    throw new CommandRejectedException("an owned tree command of " + command.length + " bytes");
                }
                long ownerSince = ByteBuffer.wrap(command, 1, Long.BYTES).getLong();
                SessionRegistry.Entry entry = sessions.get(ctx.sessionId());
                if (entry != null && entry.ownerSince() != ownerSince && entry.ownerSince() != SessionRegistry.NO_OWNER) {
                    fenced++;
                    sessions.sequenced(ctx.sessionId(), ctx.sequence());
                    result = ResultCodec.encode(new OpResult.Error(ErrorCode.SESSION_MOVED));
                } else {
                    result = applyTree(ctx, command, 1 + Long.BYTES, zxid);
                }
            }
            default -> throw new CommandRejectedException("unknown coordination command tag " + command[0]);
        }
        lastZxid = zxid;
        return result;
    }

    private byte[] applyTree(ApplyContext ctx, byte[] command, int from, long zxid) {
        Applied applied;
        try {
            applied = tree.apply(Arrays.copyOfRange(command, from, command.length), zxid, ctx.timestamp(), ctx.sessionId());
        } catch (MalformedCommandException e) {
            throw new CommandRejectedException("a malformed tree command: " + e.getMessage());
        }
        sessions.sequenced(ctx.sessionId(), ctx.sequence());
        lastZxid = zxid;
        listener.changed(applied.events());
        return applied.encodedResult();
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

    /**
     * The session registry (small) is copied now; the tree is a {@link TreeView}, opened now in O(1) and
     * written by the snapshot thread while this thread goes on applying.
     */
    @Override
    public SnapshotWriter snapshot() {
        ByteArrayOutputStream registry = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(registry)) {
            sessions.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        byte[] head = registry.toByteArray();
        TreeView view = tree.openView();
        return out -> {
            out.write(head);
            view.writeTo(out);
        };
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

    /** Tree commands of a moved session's earlier connection refused here since start (any thread). */
    public long fencedCommands() {
        return fenced;
    }

    /** The tree's limits. */
    public TreeConfig config() {
        return config;
    }

    /** The zxid of the last change applied here (any thread). */
    public long lastZxid() {
        return lastZxid;
    }
}
