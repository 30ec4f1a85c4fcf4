package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.AccessControl;
import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.acl.InvalidAclException;
import io.synod.examples.coordination.acl.Perms;
import io.synod.examples.coordination.watch.ChangeEvent;
import io.synod.examples.coordination.watch.EventType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One command applied to the tree: ZooKeeper's {@code PrepRequestProcessor} checks, in its order,
 * followed by the {@code DataTree} change, both at apply time. Each change leaves an undo step, so
 * a multi whose k-th op fails is rolled back whole: the ops are tried in order against the state
 * the earlier ones made, exactly as ZooKeeper prepares a multi against its pending changes.
 */
final class Transaction {

    /** Raised inside a multi to stop at the first failure. */
    private static final class Failure extends Exception {
        final ErrorCode code;

        Failure(ErrorCode code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    private final DataTree tree;
    private final long zxid;
    private final long time;
    private final long session;
    private final List<Id> auth;
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private final List<ChangeEvent> events = new ArrayList<>();

    Transaction(DataTree tree, long zxid, long time, long session, List<Id> auth) {
        this.tree = tree;
        this.zxid = zxid;
        this.time = time;
        this.session = session;
        this.auth = auth;
    }

    List<ChangeEvent> events() {
        return events;
    }

    OpResult run(Op op) {
        if (op instanceof Op.Multi multi) {
            return multi(multi.ops());
        }
        try {
            return execute(op);
        } catch (Failure failure) {
            rollback();
            return new OpResult.Error(failure.code);
        }
    }

    private OpResult multi(List<Op> ops) {
        List<OpResult> results = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            try {
                results.add(execute(ops.get(i)));
            } catch (Failure failure) {
                rollback();
                List<OpResult> failed = new ArrayList<>(ops.size());
                for (int j = 0; j < ops.size(); j++) {
                    ErrorCode code = j < i ? ErrorCode.OK : j == i ? failure.code : ErrorCode.RUNTIME_INCONSISTENCY;
                    failed.add(new OpResult.Error(code));
                }
                return new OpResult.MultiResult(failed);
            }
        }
        return new OpResult.MultiResult(results);
    }

    private void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
        events.clear();
    }

    private OpResult execute(Op op) throws Failure {
        if (op instanceof Op.Create c) {
            return create(c);
        } else if (op instanceof Op.Delete d) {
            return delete(d);
        } else if (op instanceof Op.SetData s) {
            return setData(s);
        } else if (op instanceof Op.SetAcl s) {
            return setAcl(s);
        } else if (op instanceof Op.Check c) {
            return check(c);
        } else if (op instanceof Op.CloseSession) {
            return closeSession();
        } else if (op instanceof Op.RemoveExpired r) {
            return removeExpired(r);
        }
        throw new Failure(ErrorCode.UNIMPLEMENTED);
    }

    // ---------------------------------------------------------------- the ops

    private OpResult create(Op.Create c) throws Failure {
        CreateMode mode = c.mode();
        if (mode.isTtl() ? c.ttl() <= 0 || c.ttl() > DataTree.MAX_TTL : c.ttl() >= 0) {
            throw new Failure(ErrorCode.BAD_ARGUMENTS);
        }
        if (mode.isEphemeral() && session == DataTree.NO_SESSION) {
            throw new Failure(ErrorCode.EPHEMERAL_ON_LOCAL_SESSION);
        }
        checkSize(c.data());
        String path = c.path();
        int slash = path.lastIndexOf('/');
        if (slash < 0 || path.indexOf('\0') >= 0) {
            throw new Failure(ErrorCode.BAD_ARGUMENTS);
        }
        List<Acl> acl = fixup(c.acl());
        String parentPath = slash == 0 ? ZnodePath.ROOT : path.substring(0, slash);
        Znode parent = existing(parentPath);
        permit(parent, Perms.CREATE);
        String actual = mode.isSequential() ? ZnodePath.sequential(path, parent.cversion) : path;
        if (!ZnodePath.isValid(actual)) {
            throw new Failure(ErrorCode.BAD_ARGUMENTS);
        }
        if (tree.node(actual) != null) {
            throw new Failure(ErrorCode.NODE_EXISTS);
        }
        if (DataTree.isSessionOwned(parent.ephemeralOwner)) {
            throw new Failure(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS);
        }
        long owner = mode.isEphemeral() ? session
                : mode.isContainer() ? DataTree.CONTAINER_OWNER
                : mode.isTtl() ? DataTree.TTL_MARKER | c.ttl()
                : DataTree.NO_SESSION;
        Znode node = new Znode(c.data(), interned(acl), zxid, time, owner);
        int oldCversion = parent.cversion;
        long oldPzxid = parent.pzxid;
        tree.willChange(parentPath);
        parent.cversion++;
        parent.pzxid = zxid;
        tree.link(actual, parentPath, parent, node);
        undo.push(() -> {
            tree.unlink(actual, parentPath, parent, node);
            parent.cversion = oldCversion;
            parent.pzxid = oldPzxid;
        });
        events.add(new ChangeEvent(EventType.NODE_CREATED, actual, zxid));
        events.add(new ChangeEvent(EventType.NODE_CHILDREN_CHANGED, parentPath, zxid));
        return new OpResult.Created(actual, node.stat());
    }

    private OpResult delete(Op.Delete d) throws Failure {
        String path = valid(d.path());
        String parentPath = ZnodePath.ROOT.equals(path) ? path : ZnodePath.parent(path);
        Znode parent = existing(parentPath);
        permit(parent, Perms.DELETE);
        Znode node = existing(path);
        checkVersion(node.version, d.version());
        if (node.childCount() > 0) {
            throw new Failure(ErrorCode.NOT_EMPTY);
        }
        if (node == parent) {
            throw new Failure(ErrorCode.BAD_ARGUMENTS);
        }
        remove(path, parentPath, parent, node);
        return new OpResult.Deleted();
    }

    private OpResult setData(Op.SetData s) throws Failure {
        String path = valid(s.path());
        checkSize(s.data());
        Znode node = existing(path);
        permit(node, Perms.WRITE);
        checkVersion(node.version, s.version());
        byte[] oldData = node.data;
        long oldMtime = node.mtime;
        long oldMzxid = node.mzxid;
        int oldVersion = node.version;
        tree.willChange(path);
        tree.replaceData(node, s.data());
        node.mtime = time;
        node.mzxid = zxid;
        node.version = oldVersion + 1;
        undo.push(() -> {
            tree.replaceData(node, oldData);
            node.mtime = oldMtime;
            node.mzxid = oldMzxid;
            node.version = oldVersion;
        });
        events.add(new ChangeEvent(EventType.NODE_DATA_CHANGED, path, zxid));
        return new OpResult.DataSet(node.stat());
    }

    private OpResult setAcl(Op.SetAcl s) throws Failure {
        String path = valid(s.path());
        List<Acl> acl = fixup(s.acl());
        Znode node = existing(path);
        permit(node, Perms.ADMIN);
        checkVersion(node.aversion, s.version());
        List<Acl> oldAcl = node.acl;
        int oldAversion = node.aversion;
        tree.willChange(path);
        node.acl = interned(acl);
        node.aversion = oldAversion + 1;
        undo.push(() -> {
            node.acl = oldAcl;
            node.aversion = oldAversion;
        });
        return new OpResult.AclSet(node.stat());
    }

    private OpResult check(Op.Check c) throws Failure {
        Znode node = existing(valid(c.path()));
        permit(node, Perms.READ);
        checkVersion(node.version, c.version());
        return new OpResult.Checked();
    }

    /** ZooKeeper's closeSession: every ephemeral of the session goes, at this zxid, in path order. */
    private OpResult closeSession() {
        List<String> owned = tree.getEphemerals(session, "");
        for (String path : owned) {
            String parentPath = ZnodePath.parent(path);
            remove(path, parentPath, tree.node(parentPath), tree.node(path));
        }
        return new OpResult.SessionClosed(owned);
    }

    /** ZooKeeper's deleteContainer, checked again against the state (and time) it is applied to. */
    private OpResult removeExpired(Op.RemoveExpired r) throws Failure {
        String path = valid(r.path());
        Znode node = existing(path);
        if (node.childCount() > 0) {
            throw new Failure(ErrorCode.NOT_EMPTY);
        }
        if (!DataTree.isDue(node, time)) {
            throw new Failure(ErrorCode.BAD_VERSION);
        }
        String parentPath = ZnodePath.parent(path);
        remove(path, parentPath, tree.node(parentPath), node);
        return new OpResult.Deleted();
    }

    // ---------------------------------------------------------------- pieces

    /** DataTree.deleteNode: a delete moves the parent's pzxid forward, never its cversion. */
    private void remove(String path, String parentPath, Znode parent, Znode node) {
        long oldPzxid = parent.pzxid;
        tree.willChange(parentPath);
        parent.pzxid = Math.max(parent.pzxid, zxid);
        tree.unlink(path, parentPath, parent, node);
        undo.push(() -> {
            tree.link(path, parentPath, parent, node);
            parent.pzxid = oldPzxid;
        });
        events.add(new ChangeEvent(EventType.NODE_DELETED, path, zxid));
        events.add(new ChangeEvent(EventType.NODE_CHILDREN_CHANGED, parentPath, zxid));
    }

    private static String valid(String path) throws Failure {
        if (!ZnodePath.isValid(path)) {
            throw new Failure(ErrorCode.BAD_ARGUMENTS);
        }
        return path;
    }

    private Znode existing(String path) throws Failure {
        Znode node = tree.node(path);
        if (node == null) {
            throw new Failure(ErrorCode.NO_NODE);
        }
        return node;
    }

    private void permit(Znode node, int perm) throws Failure {
        if (!AccessControl.permits(node.acl, perm, auth)) {
            throw new Failure(ErrorCode.NO_AUTH);
        }
    }

    private static void checkVersion(int current, int expected) throws Failure {
        if (expected != Op.ANY_VERSION && expected != current) {
            throw new Failure(ErrorCode.BAD_VERSION);
        }
    }

    private void checkSize(byte[] data) throws Failure {
        if (data != null && data.length > tree.config.maxDataBytes()) {
            throw new Failure(ErrorCode.BAD_ARGUMENTS);
        }
    }

    private List<Acl> fixup(List<Acl> requested) throws Failure {
        try {
            return AccessControl.fixup(requested, auth);
        } catch (InvalidAclException e) {
            throw new Failure(ErrorCode.INVALID_ACL);
        }
    }

    /** Most nodes carry the open ACL: share one list rather than a copy per node. */
    static List<Acl> interned(List<Acl> acl) {
        return Acl.OPEN.equals(acl) ? Acl.OPEN : List.copyOf(acl);
    }
}
