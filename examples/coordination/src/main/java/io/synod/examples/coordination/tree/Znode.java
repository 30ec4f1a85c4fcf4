package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.Acl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of the tree: its data, ACL, the persisted part of its {@link Stat} and its children,
 * by name. Mutable, and changed only by {@link DataTree} on the replica thread; a {@link TreeView}'s
 * writer reads it from another thread under the views' lock. A leaf keeps no child set, which is most
 * of the nodes of a large tree.
 *
 * <p>The children are kept in the order of creation. A snapshot writes children sorted, and
 * sequential children, created in the order of their names, then arrive sorted: the sort checks
 * them in one pass instead of sorting a hash set's scramble, which was a quarter of the snapshot
 * thread's time under sequential creates. The links cost 8 bytes a child. Each name leads to its
 * node, so that a snapshot's walk goes from a parent to its children without looking each one up
 * by its path in the tree's map, which was most of the rest of that thread's time.
 */
final class Znode {
    byte[] data;
    List<Acl> acl;
    long czxid;
    long mzxid;
    long pzxid;
    long ctime;
    long mtime;
    int version;
    /** Child creations (ZooKeeper's persisted cversion), not what {@link #stat()} shows. */
    int cversion;
    int aversion;
    long ephemeralOwner;
    private Map<String, Znode> children;

    Znode(byte[] data, List<Acl> acl, long zxid, long time, long ephemeralOwner) {
        this.data = data;
        this.acl = acl;
        this.czxid = zxid;
        this.mzxid = zxid;
        this.pzxid = zxid;
        this.ctime = time;
        this.mtime = time;
        this.ephemeralOwner = ephemeralOwner;
    }

    /**
     * The stat a client sees. {@link #cversion} counts child creations (it numbers sequential
     * children); ZooKeeper shows the count of child changes, creations and deletions, which is
     * {@code 2 × creations − children still present}. So does this. The ephemeral owner shows only
     * a session: containers and TTL nodes, marked in the same field, show 0, as in ZooKeeper.
     */
    Stat stat() {
        int children = childCount();
        long owner = DataTree.isSessionOwned(ephemeralOwner) ? ephemeralOwner : DataTree.NO_SESSION;
        return new Stat(czxid, mzxid, ctime, mtime, version, cversion * 2 - children, aversion, owner,
                data == null ? 0 : data.length, children, pzxid);
    }

    int childCount() {
        return children == null ? 0 : children.size();
    }

    boolean hasChild(String name) {
        return children != null && children.containsKey(name);
    }

    /** Room for this many children, known when a snapshot is read: no rehashing while they arrive. */
    void expectChildren(int count) {
        if (count > 0 && children == null) {
            children = new LinkedHashMap<>((int) (count / 0.75f) + 1);
        }
    }

    void addChild(String name, Znode child) {
        if (children == null) {
            children = new LinkedHashMap<>(4);
        }
        children.put(name, child);
    }

    void removeChild(String name) {
        if (children != null) {
            children.remove(name);
            if (children.isEmpty()) {
                children = null;
            }
        }
    }

    /** A copy of the fields, without the children: a pre-image kept for a snapshot view. */
    Znode fields() {
        Znode copy = new Znode(data, acl, czxid, ctime, ephemeralOwner);
        copy.mzxid = mzxid;
        copy.mtime = mtime;
        copy.pzxid = pzxid;
        copy.version = version;
        copy.cversion = cversion;
        copy.aversion = aversion;
        return copy;
    }

    /**
     * Copies the children, in the order of their creation, into {@code names} and {@code nodes}, each
     * {@link #childCount()} long: two arrays, not an object a child, since a view's pre-image of a
     * parent is taken on the replica thread.
     */
    void copyChildren(String[] names, Znode[] nodes) {
        if (children == null) {
            return;
        }
        int i = 0;
        for (Map.Entry<String, Znode> child : children.entrySet()) {
            names[i] = child.getKey();
            nodes[i++] = child.getValue();
        }
    }

    /** The children's names in the order of their creation. */
    Iterable<String> children() {
        return children == null ? List.of() : children.keySet();
    }

    /** The children's names in lexicographic order, so that every replica answers alike. */
    List<String> sortedChildren() {
        if (children == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(children.keySet());
        Collections.sort(names);
        return names;
    }
}
