package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.acl.Perms;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately plain reference model of the tree: a sorted map from path to node, children found
 * by scanning, a multi tried on a copy of the whole map, the child-change count kept as a count
 * rather than derived. Slow and obvious; the real tree must agree with it on every result and stat.
 * It knows only the ACLs and ids {@link Histories} generates.
 */
public final class TreeModel {

    static final class Node {
        byte[] data;
        List<Acl> acl;
        long czxid;
        long mzxid;
        long pzxid;
        long ctime;
        long mtime;
        int version;
        int aversion;
        int creations;
        int childChanges;
        long session;
        boolean container;
        long ttl = -1;

        Node copy() {
            Node n = new Node();
            n.data = data;
            n.acl = acl;
            n.czxid = czxid;
            n.mzxid = mzxid;
            n.pzxid = pzxid;
            n.ctime = ctime;
            n.mtime = mtime;
            n.version = version;
            n.aversion = aversion;
            n.creations = creations;
            n.childChanges = childChanges;
            n.session = session;
            n.container = container;
            n.ttl = ttl;
            return n;
        }
    }

    private TreeMap<String, Node> nodes = new TreeMap<>();

    public TreeModel() {
        nodes.put("/", system(Acl.OPEN));
        nodes.put("/zookeeper", system(Acl.OPEN));
        nodes.put("/zookeeper/quota", system(Acl.OPEN));
        Node config = system(List.of(new Acl(Perms.READ, Id.ANYONE)));
        config.aversion = -1;
        nodes.put("/zookeeper/config", config);
        // ZooKeeper links its system nodes without counting creations, and shows 2 × creations − children
        nodes.get("/").childChanges = -1;
        nodes.get("/zookeeper").childChanges = -2;
    }

    private static Node system(List<Acl> acl) {
        Node n = new Node();
        n.data = new byte[0];
        n.acl = acl;
        return n;
    }

    Map<String, Node> nodes() {
        return nodes;
    }

    public List<String> children(String path) {
        String prefix = path.equals("/") ? "/" : path + "/";
        List<String> names = new ArrayList<>();
        for (String candidate : nodes.keySet()) {
            if (!candidate.equals("/") && candidate.startsWith(prefix) && candidate.indexOf('/', prefix.length()) < 0) {
                names.add(candidate.substring(prefix.length()));
            }
        }
        return names;
    }

    /** An independent copy, for a checker that tries an operation and may take it back. */
    public TreeModel copy() {
        TreeModel c = new TreeModel();
        c.nodes = deepCopy();
        return c;
    }

    /** The node's data, or {@code null} if there is no such node (or it holds null). */
    public byte[] data(String path) {
        Node n = nodes.get(path);
        return n == null ? null : n.data;
    }

    /** A digest of every node with every field: equal for models with {@link #sameContent}. Cheap: no strings are built. */
    public long contentHash() {
        long h = 1;
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            Node n = e.getValue();
            long x = e.getKey().hashCode();
            x = x * 31 + java.util.Arrays.hashCode(n.data);
            x = x * 31 + n.acl.hashCode();
            x = x * 31 + n.czxid;
            x = x * 31 + n.mzxid;
            x = x * 31 + n.pzxid;
            x = x * 31 + n.ctime;
            x = x * 31 + n.mtime;
            x = x * 31 + n.version;
            x = x * 31 + n.aversion;
            x = x * 31 + n.creations;
            x = x * 31 + n.childChanges;
            x = x * 31 + n.session;
            x = x * 31 + (n.container ? 1 : 0);
            x = x * 31 + n.ttl;
            h = h * 1_000_003 + x;
        }
        return h;
    }

    /** Whether both models hold the same nodes with the same fields (a checker memoises states by it). */
    public boolean sameContent(TreeModel other) {
        if (other.nodes.size() != nodes.size()) {
            return false;
        }
        var mine = nodes.entrySet().iterator();
        var theirs = other.nodes.entrySet().iterator();
        while (mine.hasNext()) {
            Map.Entry<String, Node> a = mine.next();
            Map.Entry<String, Node> b = theirs.next();
            Node x = a.getValue();
            Node y = b.getValue();
            if (!a.getKey().equals(b.getKey()) || !java.util.Arrays.equals(x.data, y.data) || !x.acl.equals(y.acl)
                    || x.czxid != y.czxid || x.mzxid != y.mzxid || x.pzxid != y.pzxid || x.ctime != y.ctime || x.mtime != y.mtime
                    || x.version != y.version || x.aversion != y.aversion || x.creations != y.creations
                    || x.childChanges != y.childChanges || x.session != y.session || x.container != y.container || x.ttl != y.ttl) {
                return false;
            }
        }
        return true;
    }

    /** Every node with every field, one line each in path order, for reports. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            Node n = e.getValue();
            out.append(e.getKey()).append(' ').append(stat(e.getKey())).append(" data=")
                    .append(n.data == null ? "null" : new String(n.data, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .append(" creations=").append(n.creations).append('\n');
        }
        return out.toString();
    }

    public Stat stat(String path) {
        Node n = nodes.get(path);
        if (n == null) {
            return null;
        }
        return new Stat(n.czxid, n.mzxid, n.ctime, n.mtime, n.version, n.childChanges, n.aversion, n.session,
                n.data == null ? 0 : n.data.length, children(path).size(), n.pzxid);
    }

    List<String> due(long now) {
        List<String> due = new ArrayList<>();
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            Node n = e.getValue();
            boolean empty = children(e.getKey()).isEmpty();
            if (empty && n.container && n.creations > 0 || empty && n.ttl > 0 && now - n.mtime > n.ttl) {
                due.add(e.getKey());
            }
        }
        return due;
    }

    public OpResult apply(Step step, long zxid, long time) {
        Op op = step.op();
        if (op instanceof Op.Multi multi) {
            TreeMap<String, Node> saved = deepCopy();
            List<OpResult> results = new ArrayList<>();
            for (int i = 0; i < multi.ops().size(); i++) {
                OpResult r = single(step, multi.ops().get(i), zxid, time);
                if (r.code() != ErrorCode.OK) {
                    nodes = saved;
                    List<OpResult> failed = new ArrayList<>();
                    for (int j = 0; j < multi.ops().size(); j++) {
                        failed.add(new OpResult.Error(j < i ? ErrorCode.OK : j == i ? r.code() : ErrorCode.RUNTIME_INCONSISTENCY));
                    }
                    return new OpResult.MultiResult(failed);
                }
                results.add(r);
            }
            return new OpResult.MultiResult(results);
        }
        return single(step, op, zxid, time);
    }

    private TreeMap<String, Node> deepCopy() {
        TreeMap<String, Node> copy = new TreeMap<>();
        nodes.forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    private OpResult single(Step step, Op op, long zxid, long time) {
        List<Id> auth = step.auth();
        if (op instanceof Op.Create c) {
            boolean ttlMode = c.mode().isTtl();
            if (ttlMode ? c.ttl() <= 0 || c.ttl() > DataTree.MAX_TTL : c.ttl() != -1) {
                return error(ErrorCode.BAD_ARGUMENTS);
            }
            if (c.mode().isEphemeral() && step.session() == 0) {
                return error(ErrorCode.EPHEMERAL_ON_LOCAL_SESSION);
            }
            int slash = c.path().lastIndexOf('/');
            if (slash < 0) {
                return error(ErrorCode.BAD_ARGUMENTS);
            }
            List<Acl> acl = fixup(c.acl(), auth);
            if (acl == null) {
                return error(ErrorCode.INVALID_ACL);
            }
            String parentPath = slash == 0 ? "/" : c.path().substring(0, slash);
            Node parent = nodes.get(parentPath);
            if (parent == null) {
                return error(ErrorCode.NO_NODE);
            }
            if (!permits(parent.acl, Perms.CREATE, auth)) {
                return error(ErrorCode.NO_AUTH);
            }
            String path = c.mode().isSequential() ? c.path() + String.format("%010d", parent.creations) : c.path();
            if (!ZnodePath.isValid(path)) {
                return error(ErrorCode.BAD_ARGUMENTS);
            }
            if (nodes.containsKey(path)) {
                return error(ErrorCode.NODE_EXISTS);
            }
            if (parent.session != 0) {
                return error(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS);
            }
            Node n = new Node();
            n.data = c.data();
            n.acl = acl;
            n.czxid = n.mzxid = n.pzxid = zxid;
            n.ctime = n.mtime = time;
            n.session = c.mode().isEphemeral() ? step.session() : 0;
            n.container = c.mode().isContainer();
            n.ttl = ttlMode ? c.ttl() : -1;
            nodes.put(path, n);
            parent.creations++;
            parent.childChanges++;
            parent.pzxid = zxid;
            return new OpResult.Created(path, stat(path));
        } else if (op instanceof Op.Delete d) {
            if (!ZnodePath.isValid(d.path())) {
                return error(ErrorCode.BAD_ARGUMENTS);
            }
            String parentPath = d.path().equals("/") ? "/" : ZnodePath.parent(d.path());
            Node parent = nodes.get(parentPath);
            if (parent == null) {
                return error(ErrorCode.NO_NODE);
            }
            if (!permits(parent.acl, Perms.DELETE, auth)) {
                return error(ErrorCode.NO_AUTH);
            }
            Node n = nodes.get(d.path());
            if (n == null) {
                return error(ErrorCode.NO_NODE);
            }
            if (d.version() != -1 && d.version() != n.version) {
                return error(ErrorCode.BAD_VERSION);
            }
            if (!children(d.path()).isEmpty()) {
                return error(ErrorCode.NOT_EMPTY);
            }
            remove(d.path(), zxid);
            return new OpResult.Deleted();
        } else if (op instanceof Op.SetData s) {
            if (!ZnodePath.isValid(s.path())) {
                return error(ErrorCode.BAD_ARGUMENTS);
            }
            Node n = nodes.get(s.path());
            if (n == null) {
                return error(ErrorCode.NO_NODE);
            }
            if (!permits(n.acl, Perms.WRITE, auth)) {
                return error(ErrorCode.NO_AUTH);
            }
            if (s.version() != -1 && s.version() != n.version) {
                return error(ErrorCode.BAD_VERSION);
            }
            n.data = s.data();
            n.version++;
            n.mzxid = zxid;
            n.mtime = time;
            return new OpResult.DataSet(stat(s.path()));
        } else if (op instanceof Op.SetAcl s) {
            if (!ZnodePath.isValid(s.path())) {
                return error(ErrorCode.BAD_ARGUMENTS);
            }
            List<Acl> acl = fixup(s.acl(), auth);
            if (acl == null) {
                return error(ErrorCode.INVALID_ACL);
            }
            Node n = nodes.get(s.path());
            if (n == null) {
                return error(ErrorCode.NO_NODE);
            }
            if (!permits(n.acl, Perms.ADMIN, auth)) {
                return error(ErrorCode.NO_AUTH);
            }
            if (s.version() != -1 && s.version() != n.aversion) {
                return error(ErrorCode.BAD_VERSION);
            }
            n.acl = acl;
            n.aversion++;
            return new OpResult.AclSet(stat(s.path()));
        } else if (op instanceof Op.Check c) {
            if (!ZnodePath.isValid(c.path())) {
                return error(ErrorCode.BAD_ARGUMENTS);
            }
            Node n = nodes.get(c.path());
            if (n == null) {
                return error(ErrorCode.NO_NODE);
            }
            if (!permits(n.acl, Perms.READ, auth)) {
                return error(ErrorCode.NO_AUTH);
            }
            if (c.version() != -1 && c.version() != n.version) {
                return error(ErrorCode.BAD_VERSION);
            }
            return new OpResult.Checked();
        } else if (op instanceof Op.CloseSession) {
            List<String> owned = new ArrayList<>();
            for (Map.Entry<String, Node> e : nodes.entrySet()) {
                if (step.session() != 0 && e.getValue().session == step.session()) {
                    owned.add(e.getKey());
                }
            }
            for (String path : owned) {
                remove(path, zxid);
            }
            return new OpResult.SessionClosed(owned);
        } else if (op instanceof Op.RemoveExpired r) {
            Node n = nodes.get(r.path());
            if (n == null) {
                return error(ErrorCode.NO_NODE);
            }
            if (!children(r.path()).isEmpty()) {
                return error(ErrorCode.NOT_EMPTY);
            }
            if (!due(time).contains(r.path())) {
                return error(ErrorCode.BAD_VERSION);
            }
            remove(r.path(), zxid);
            return new OpResult.Deleted();
        }
        throw new IllegalArgumentException(op.toString());
    }

    private void remove(String path, long zxid) {
        nodes.remove(path);
        Node parent = nodes.get(ZnodePath.parent(path));
        parent.childChanges++;
        parent.pzxid = Math.max(parent.pzxid, zxid);
    }

    private static OpResult error(ErrorCode code) {
        return new OpResult.Error(code);
    }

    /** fixupACL for the ACLs the generator makes; null means InvalidACL. */
    private static List<Acl> fixup(List<Acl> requested, List<Id> auth) {
        List<Acl> out = new ArrayList<>();
        for (Acl a : new LinkedHashSet<>(requested)) {
            String scheme = a.id().scheme();
            if (a.id().equals(Id.ANYONE)) {
                out.add(a);
            } else if (scheme.equals("auth")) {
                List<Id> digests = auth.stream().filter(id -> id.scheme().equals("digest")).toList();
                if (digests.isEmpty()) {
                    return null;
                }
                digests.forEach(id -> out.add(new Acl(a.perms(), id)));
            } else if (scheme.equals("digest") || scheme.equals("ip") && a.id().id().equals("10.0.0.0/8")) {
                out.add(a);
            } else {
                return null;
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static boolean permits(List<Acl> acl, int perm, List<Id> auth) {
        if (auth.stream().anyMatch(id -> id.scheme().equals("super"))) {
            return true;
        }
        for (Acl a : acl) {
            if ((a.perms() & perm) == 0) {
                continue;
            }
            if (a.id().equals(Id.ANYONE) || auth.contains(a.id())) {
                return true;
            }
            if (a.id().scheme().equals("ip") && auth.stream().anyMatch(id -> id.scheme().equals("ip") && id.id().startsWith("10."))) {
                return true;
            }
        }
        return false;
    }
}
