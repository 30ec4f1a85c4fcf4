package io.synod.examples.coordination.watch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The watches a server holds for the clients connected to it, and which of them a change reaches:
 * ZooKeeper's two {@code WatchManager}s (data watches and child watches) and the rules by which
 * its {@code DataTree} triggers them.
 *
 * <ul>
 *   <li>getData and exists leave a one-shot <em>data</em> watch (exists also on a missing node);
 *       getChildren a one-shot <em>child</em> watch; addWatch a persistent watch (in both indexes)
 *       or a persistent recursive one (data index only).</li>
 *   <li>NodeCreated and NodeDataChanged reach the data watches of the path; NodeChildrenChanged
 *       the child watches of the parent; NodeDeleted both, each watcher once. Recursive watches
 *       on any ancestor are reached by NodeCreated, NodeDeleted and NodeDataChanged, never by
 *       NodeChildrenChanged. One-shot watches are used up by what they fire on.</li>
 * </ul>
 *
 * <p>{@code W} is whatever the server names a watcher by (its connection); it needs equals and
 * hashCode. Not thread-safe: the replica thread triggers, so the server registers and removes
 * on that thread too (or guards the table).
 */
public final class WatchTable<W> {
    private final WatchIndex<W> data = new WatchIndex<>();
    private final WatchIndex<W> children = new WatchIndex<>();

    /** A one-shot watch on the node's data and existence (getData, exists). */
    public void addDataWatch(String path, W watcher) {
        data.add(path, watcher, WatchIndex.STANDARD);
    }

    /** A one-shot watch on the node's children (getChildren). */
    public void addChildWatch(String path, W watcher) {
        children.add(path, watcher, WatchIndex.STANDARD);
    }

    /** addWatch: a persistent or persistent recursive watch. */
    public void addWatch(String path, W watcher, AddWatchMode mode) {
        if (mode == AddWatchMode.PERSISTENT) {
            data.add(path, watcher, WatchIndex.PERSISTENT);
            children.add(path, watcher, WatchIndex.PERSISTENT);
        } else {
            data.add(path, watcher, WatchIndex.RECURSIVE);
        }
    }

    /** The watchers an applied change reaches, each once (in no particular order: each connection queues its own). */
    public Set<W> trigger(ChangeEvent event) {
        String path = event.path();
        switch (event.type()) {
            case NODE_CREATED:
            case NODE_DATA_CHANGED:
                return data.trigger(path);
            case NODE_CHILDREN_CHANGED:
                return children.trigger(path);
            case NODE_DELETED:
                Set<W> onData = data.trigger(path);
                Set<W> onChildren = children.trigger(path);
                if (onChildren.isEmpty()) {
                    return onData;
                }
                if (onData.isEmpty()) {
                    return onChildren;
                }
                Set<W> fired = new LinkedHashSet<>(onData);
                fired.addAll(onChildren);
                return fired;
            default:
                throw new IllegalArgumentException("unknown event type " + event.type());
        }
    }

    /**
     * removeWatches: drop the watcher's watches of this type on the path.
     *
     * @return false if it held none (the server answers NoWatcher)
     */
    public boolean remove(String path, W watcher, WatcherType type) {
        switch (type) {
            case CHILDREN:
                return children.remove(path, watcher, WatchIndex.STANDARD);
            case DATA:
                return data.remove(path, watcher, WatchIndex.STANDARD);
            case PERSISTENT: {
                boolean fromChildren = children.remove(path, watcher, WatchIndex.PERSISTENT);
                boolean fromData = data.remove(path, watcher, WatchIndex.PERSISTENT);
                return fromChildren || fromData;
            }
            case PERSISTENT_RECURSIVE:
                return data.remove(path, watcher, WatchIndex.RECURSIVE);
            case ANY: {
                int all = WatchIndex.STANDARD | WatchIndex.PERSISTENT | WatchIndex.RECURSIVE;
                boolean fromChildren = children.remove(path, watcher, all);
                boolean fromData = data.remove(path, watcher, all);
                return fromChildren || fromData;
            }
            default:
                throw new IllegalArgumentException("unknown watcher type " + type);
        }
    }

    /** checkWatches: whether the watcher holds a watch of this type on the path (else NoWatcher). */
    public boolean contains(String path, W watcher, WatcherType type) {
        int all = WatchIndex.STANDARD | WatchIndex.PERSISTENT | WatchIndex.RECURSIVE;
        switch (type) {
            case CHILDREN:
                return children.contains(path, watcher, WatchIndex.STANDARD);
            case DATA:
                return data.contains(path, watcher, WatchIndex.STANDARD);
            case PERSISTENT:
                return data.contains(path, watcher, WatchIndex.PERSISTENT);
            case PERSISTENT_RECURSIVE:
                return data.contains(path, watcher, WatchIndex.RECURSIVE);
            case ANY:
                return children.contains(path, watcher, all) || data.contains(path, watcher, all);
            default:
                throw new IllegalArgumentException("unknown watcher type " + type);
        }
    }

    /**
     * SetWatches: a client that reconnected re-registers its watches, having seen everything up to
     * {@code relativeZxid}. A watch whose event it missed is answered at once instead of being set
     * (ZooKeeper's rules: a data watch gets NodeDeleted or NodeDataChanged, an exists watch
     * NodeCreated, a child watch NodeDeleted or NodeChildrenChanged); the rest are registered;
     * persistent watches are always registered and answer nothing.
     *
     * @param nodes the zxids of a node, or {@code null} if there is none (from the tree, read on the
     *              replica thread at the client's lastZxidSeen or later)
     * @return the events to send to this watcher now, in ZooKeeper's order (zxid -1: no one change caused them)
     */
    public List<ChangeEvent> setWatches(long relativeZxid, List<String> dataWatches, List<String> existWatches,
                                        List<String> childWatches, List<String> persistentWatches,
                                        List<String> recursiveWatches, W watcher, Function<String, NodeZxids> nodes) {
        List<ChangeEvent> missed = new ArrayList<>();
        for (String path : dataWatches) {
            NodeZxids node = nodes.apply(path);
            if (node == null) {
                missed.add(new ChangeEvent(EventType.NODE_DELETED, path, -1));
            } else if (node.mzxid() > relativeZxid) {
                missed.add(new ChangeEvent(EventType.NODE_DATA_CHANGED, path, -1));
            } else {
                addDataWatch(path, watcher);
            }
        }
        for (String path : existWatches) {
            if (nodes.apply(path) != null) {
                missed.add(new ChangeEvent(EventType.NODE_CREATED, path, -1));
            } else {
                addDataWatch(path, watcher);
            }
        }
        for (String path : childWatches) {
            NodeZxids node = nodes.apply(path);
            if (node == null) {
                missed.add(new ChangeEvent(EventType.NODE_DELETED, path, -1));
            } else if (node.pzxid() > relativeZxid) {
                missed.add(new ChangeEvent(EventType.NODE_CHILDREN_CHANGED, path, -1));
            } else {
                addChildWatch(path, watcher);
            }
        }
        for (String path : persistentWatches) {
            addWatch(path, watcher, AddWatchMode.PERSISTENT);
        }
        for (String path : recursiveWatches) {
            addWatch(path, watcher, AddWatchMode.PERSISTENT_RECURSIVE);
        }
        return missed;
    }

    /** Forget every watch of a watcher whose connection closed (a session moving re-sends SetWatches). */
    public void removeAll(W watcher) {
        data.removeAll(watcher);
        children.removeAll(watcher);
    }

    /**
     * Calls {@code each} once per index (data, child), path and watcher holding a watch there: what ZooKeeper's
     * {@code wchc} and {@code wchp} list.
     */
    public void forEachWatch(java.util.function.BiConsumer<String, W> each) {
        data.forEach(each);
        children.forEach(each);
    }

    /** Watches held, counted as ZooKeeper's {@code wchs} does: one per index, path and watcher. */
    public int size() {
        return data.size() + children.size();
    }
}
