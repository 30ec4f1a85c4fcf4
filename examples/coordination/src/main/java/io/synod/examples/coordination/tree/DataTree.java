package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.AccessControl;
import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.acl.Perms;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The replicated znode tree: ZooKeeper's {@code DataTree}, deterministic and single-threaded.
 *
 * <p><b>Writes</b> go through {@link #apply(Command, long, long, long)} only, with the values the
 * log gives: the zxid of the command, the leader's time stamp and the issuing session. Every check
 * ZooKeeper's {@code PrepRequestProcessor} makes is made here, at apply time, in its order, so an
 * error is a result, identical on every replica. <b>Reads</b> are plain methods that the server
 * holding the connection calls on the replica thread, with that connection's authenticated ids.
 *
 * <p>A new tree holds ZooKeeper's system nodes: {@code /zookeeper}, {@code /zookeeper/quota} and
 * {@code /zookeeper/config} (readable by anyone, writable by no one but a super user), all with
 * zero stats, so that {@code ls /} shows what ZooKeeper shows.
 *
 * <pre>{@code
 * DataTree tree = new DataTree(TreeConfig.DEFAULT);
 * Applied a = tree.apply(Command.of(new Op.Create("/app", new byte[0], Acl.OPEN, CreateMode.PERSISTENT, Op.NO_TTL)),
 *                        zxid, leaderTime, sessionId);
 * Stat stat = tree.exists("/app");
 * }</pre>
 */
public final class DataTree {

    /** No session: the ephemeral owner of a non-ephemeral node. */
    public static final long NO_SESSION = 0;
    /** ZooKeeper's ephemeral owner of a container node. */
    public static final long CONTAINER_OWNER = Long.MIN_VALUE;
    /** ZooKeeper's marker of a TTL node's ephemeral owner; the low 40 bits hold the TTL in ms. */
    public static final long TTL_MARKER = 0xFF00000000000000L;
    /** The largest TTL ZooKeeper accepts, in milliseconds (about 34 years). */
    public static final long MAX_TTL = 0x000000FFFFFFFFFFL;

    private static final List<Acl> READ_ONLY = List.of(new Acl(Perms.READ, Id.ANYONE));

    final TreeConfig config;
    final Map<String, Znode> nodes;
    final Map<Long, NavigableSet<String>> ephemerals = new HashMap<>();
    final NavigableSet<String> containers = new TreeSet<>();
    final NavigableSet<String> ttls = new TreeSet<>();
    /**
     * ZooKeeper's approximate data size and ephemeral count, kept as the tree changes (every change goes
     * through {@link #link}, {@link #unlink}, {@link #replaceData} or {@link #putRoot}, a snapshot's reading
     * included) so that monitoring reads them without walking the tree on the replica thread.
     */
    private long dataSize;
    private int ephemeralCount;
    /** The snapshot views that may still be written; null while there is none (the common case: no lock). */
    private OpenViews views;

    public DataTree(TreeConfig config) {
        this.config = config;
        this.nodes = new HashMap<>();
        putRoot(new Znode(new byte[0], Acl.OPEN, 0, 0, NO_SESSION));
        systemNode("/zookeeper", Acl.OPEN);
        systemNode("/zookeeper/quota", Acl.OPEN);
        // ZooKeeper sets this ACL with setACL(path, acl, -1), which stores the version given: -1.
        systemNode("/zookeeper/config", READ_ONLY).aversion = -1;
    }

    public DataTree() {
        this(TreeConfig.DEFAULT);
    }

    /** An empty tree, not even a root, sized for a snapshot about to be read into it. */
    DataTree(TreeConfig config, int expectedNodes) {
        this.config = config;
        this.nodes = new HashMap<>(Math.max(16, (int) (expectedNodes / 0.75f) + 1));
    }

    private Znode systemNode(String path, List<Acl> acl) {
        Znode node = new Znode(new byte[0], acl, 0, 0, NO_SESSION);
        String parentPath = ZnodePath.parent(path);
        link(path, parentPath, nodes.get(parentPath), node);
        return node;
    }

    public TreeConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- writes

    /**
     * Apply a logged command: the only way the tree changes.
     *
     * @param zxid    the command's transaction id (from its log position), growing along the log (a
     *                parent's pzxid only moves forward); all ops of a multi share it
     * @param time    the leader's time stamp for the command, in ms
     * @param session the issuing session ({@link #NO_SESSION} for system commands): owner of its
     *                ephemerals, and the session a {@link Op.CloseSession} ends
     */
    public Applied apply(Command command, long zxid, long time, long session) {
        OpenViews open = views;
        if (open != null && !open.begin()) {
            views = open = null;
        }
        try {
            Transaction txn = new Transaction(this, zxid, time, session, command.auth());
            OpResult result = txn.run(command.op());
            return new Applied(result, txn.events());
        } finally {
            if (open != null) {
                open.end();
            }
        }
    }

    /**
     * A view of the tree as it is now, to be written later on another thread while commands go on
     * applying (see {@link TreeView}): O(1) here; each path changed afterwards costs one copy of
     * its node, once per open view.
     */
    public TreeView openView() {
        if (views == null) {
            views = new OpenViews();
        }
        return views.open(this, nodes.size());
    }

    /** Views this tree still keeps pre-images for, written or dropped ones included until its next command. */
    public int openViews() {
        return views == null ? 0 : views.size();
    }

    /** Decode and apply; a malformed command changes nothing and is refused, naming the offset. */
    public Applied apply(byte[] command, long zxid, long time, long session) throws MalformedCommandException {
        return apply(CommandCodec.decode(command), zxid, time, session);
    }

    /**
     * Containers whose last child is gone (they had one: cversion > 0) and TTL nodes with no
     * children unchanged for longer than their TTL at {@code now}, in path order: what the leader
     * asks on its tick, then proposes an {@link Op.RemoveExpired} for each.
     */
    public List<String> dueForRemoval(long now) {
        List<String> due = new ArrayList<>();
        for (String path : containers) {
            if (isDue(nodes.get(path), now)) {
                due.add(path);
            }
        }
        for (String path : ttls) {
            if (isDue(nodes.get(path), now)) {
                due.add(path);
            }
        }
        Collections.sort(due);
        return due;
    }

    static boolean isDue(Znode node, long now) {
        if (node.childCount() > 0) {
            return false;
        }
        if (node.ephemeralOwner == CONTAINER_OWNER) {
            return node.cversion > 0;
        }
        if (isTtl(node.ephemeralOwner)) {
            long ttl = node.ephemeralOwner & MAX_TTL;
            return ttl != 0 && now - node.mtime > ttl;
        }
        return false;
    }

    static boolean isTtl(long owner) {
        return (owner & TTL_MARKER) == TTL_MARKER;
    }

    /** An ephemeral owned by a session (not a container or TTL node, which may have children). */
    static boolean isSessionOwned(long owner) {
        return owner != NO_SESSION && owner != CONTAINER_OWNER && !isTtl(owner);
    }

    // ---------------------------------------------------------------- reads

    /** The node's stat, or {@code null} if there is none. Needs no permission, as in ZooKeeper. */
    public Stat exists(String path) {
        Znode node = nodes.get(valid(path));
        return node == null ? null : node.stat();
    }

    /** @throws TreeException BadArguments, NoNode, or NoAuth without READ */
    public NodeData getData(String path, List<Id> auth) {
        Znode node = readable(path, Perms.READ, auth);
        return new NodeData(node.data, node.stat());
    }

    /** getChildren and getChildren2: names sorted, and the node's stat. */
    public ChildList getChildren(String path, List<Id> auth) {
        Znode node = readable(path, Perms.READ, auth);
        return new ChildList(node.sortedChildren(), node.stat());
    }

    /** How many nodes lie below {@code path}, at any depth (the system nodes included under /). */
    public int getAllChildrenNumber(String path, List<Id> auth) {
        readable(path, Perms.READ, auth);
        int count = 0;
        Deque<String> pending = new ArrayDeque<>();
        pending.push(path);
        while (!pending.isEmpty()) {
            String at = pending.pop();
            for (String name : nodes.get(at).children()) {
                count++;
                pending.push(ZnodePath.child(at, name));
            }
        }
        return count;
    }

    /**
     * The ephemerals the session owns whose path starts with {@code prefix} (all of them for an
     * empty prefix or {@code /}), sorted. Needs no permission: a session sees its own.
     */
    public List<String> getEphemerals(long session, String prefix) {
        NavigableSet<String> owned = ephemerals.get(session);
        if (owned == null) {
            return List.of();
        }
        String trimmed = prefix == null ? "" : prefix.trim();
        if (trimmed.isEmpty() || ZnodePath.ROOT.equals(trimmed)) {
            return List.copyOf(owned);
        }
        List<String> matching = new ArrayList<>();
        for (String path : owned) {
            if (path.startsWith(prefix)) {
                matching.add(path);
            }
        }
        return matching;
    }

    /** getACL: needs READ or ADMIN; without ADMIN, digest ids come back as {@code user:x}. */
    public NodeAcl getAcl(String path, List<Id> auth) {
        Znode node = readable(path, Perms.READ | Perms.ADMIN, auth);
        List<Acl> acl = AccessControl.permits(node.acl, Perms.ADMIN, auth) ? node.acl : AccessControl.redacted(node.acl);
        return new NodeAcl(acl, node.stat());
    }

    /** ZooKeeper's multiRead: each read answered on its own, an error in one stops none. */
    public List<ReadResult> multiRead(List<ReadOp> ops, List<Id> auth) {
        List<ReadResult> results = new ArrayList<>(ops.size());
        for (ReadOp op : ops) {
            try {
                results.add(op instanceof ReadOp.GetData
                        ? getData(op.path(), auth)
                        : new ChildList(getChildren(op.path(), auth).children(), Stat.NONE));
            } catch (TreeException e) {
                results.add(new ReadResult.Error(e.code()));
            }
        }
        return results;
    }

    /** The number of znodes, the root and the system nodes included. */
    public int nodeCount() {
        return nodes.size();
    }

    /** Ephemeral znodes, as ZooKeeper's {@code zk_ephemerals_count} counts them. */
    public int ephemeralsCount() {
        return ephemeralCount;
    }

    /** Each session's ephemerals, by session id then path (for ZooKeeper's {@code dump}). */
    public java.util.SortedMap<Long, List<String>> ephemeralsBySession() {
        java.util.SortedMap<Long, List<String>> out = new java.util.TreeMap<>();
        ephemerals.forEach((session, paths) -> out.put(session, List.copyOf(paths)));
        return out;
    }

    /**
     * ZooKeeper's {@code zk_approximate_data_size}: the length of every path plus its data, summed (kept as the
     * tree changes: no walk).
     */
    public long approximateDataSize() {
        return dataSize;
    }

    /** Sessions that own at least one ephemeral, in id order. */
    public List<Long> sessionsWithEphemerals() {
        List<Long> sessions = new ArrayList<>(ephemerals.keySet());
        Collections.sort(sessions);
        return sessions;
    }

    private Znode readable(String path, int perm, List<Id> auth) {
        Znode node = nodes.get(valid(path));
        if (node == null) {
            throw new TreeException(ErrorCode.NO_NODE, path);
        }
        if (!AccessControl.permits(node.acl, perm, auth)) {
            throw new TreeException(ErrorCode.NO_AUTH, path);
        }
        return node;
    }

    private static String valid(String path) {
        if (!ZnodePath.isValid(path)) {
            throw new TreeException(ErrorCode.BAD_ARGUMENTS, String.valueOf(path));
        }
        return path;
    }

    // ---------------------------------------------------------------- structure, for Transaction and snapshots

    Znode node(String path) {
        return nodes.get(path);
    }

    /**
     * Called before {@code path} changes in any way (its node's fields or children, or its link):
     * open views keep its state first. A no-op with no view open.
     */
    void willChange(String path) {
        if (views != null) {
            views.preserve(path);
        }
    }

    /** The root, into an empty tree (a new one, or one a snapshot is read into). */
    void putRoot(Znode root) {
        nodes.put(ZnodePath.ROOT, root);
        dataSize += ZnodePath.ROOT.length() + length(root.data);
    }

    /**
     * Links a node read from a snapshot under its parent, already found; false (and nothing linked)
     * if the path is taken. {@code slash} is where the path's last '/' is.
     */
    boolean adopt(String path, int slash, Znode parent, Znode node) {
        if (nodes.putIfAbsent(path, node) != null) {
            return false;
        }
        dataSize += path.length() + length(node.data);
        parent.addChild(path.substring(slash + 1));
        index(path, node);
        return true;
    }

    /** Link a node into the tree and its indexes (the parent's child version is the caller's). */
    void link(String path, String parentPath, Znode parent, Znode node) {
        willChange(path);
        willChange(parentPath);
        nodes.put(path, node);
        dataSize += path.length() + length(node.data);
        parent.addChild(path.substring(path.lastIndexOf('/') + 1));
        index(path, node);
    }

    void index(String path, Znode node) {
        long owner = node.ephemeralOwner;
        if (owner == CONTAINER_OWNER) {
            containers.add(path);
        } else if (isTtl(owner)) {
            ttls.add(path);
        } else if (owner != NO_SESSION) {
            if (ephemerals.computeIfAbsent(owner, k -> new TreeSet<>()).add(path)) {
                ephemeralCount++;
            }
        }
    }

    /** Sets a node's data (a setData, or its undo). */
    void replaceData(Znode node, byte[] data) {
        dataSize += length(data) - length(node.data);
        node.data = data;
    }

    private static int length(byte[] data) {
        return data == null ? 0 : data.length;
    }

    void unlink(String path, String parentPath, Znode parent, Znode node) {
        willChange(path);
        willChange(parentPath);
        nodes.remove(path);
        dataSize -= path.length() + length(node.data);
        parent.removeChild(path.substring(path.lastIndexOf('/') + 1));
        long owner = node.ephemeralOwner;
        if (owner == CONTAINER_OWNER) {
            containers.remove(path);
        } else if (isTtl(owner)) {
            ttls.remove(path);
        } else if (owner != NO_SESSION) {
            NavigableSet<String> owned = ephemerals.get(owner);
            if (owned != null && owned.remove(path)) {
                ephemeralCount--;
                if (owned.isEmpty()) {
                    ephemerals.remove(owner);
                }
            }
        }
    }
}
