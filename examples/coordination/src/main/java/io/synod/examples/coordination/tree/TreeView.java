package io.synod.examples.coordination.tree;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;

/**
 * The tree as it was when {@link DataTree#openView()} was called, written later, on another thread,
 * while the replica thread goes on applying: a snapshot that costs the replica thread O(1) to take,
 * where copying a million znodes would stop it for seconds.
 *
 * <p><b>Copy-on-write per node.</b> Before the replica thread first changes a path after the view
 * was opened (a node's fields or its child set, or the path's link or unlink), the tree hands the
 * view the path's pre-image: a copy of the node's fields and child names, or "absent" for a path
 * that did not exist. The writer walks the tree in {@link TreeSnapshot}'s order, taking the
 * pre-image where there is one and the live node otherwise, so it writes the bytes
 * {@link TreeSnapshot#write} would have written at the view's moment. The ephemerals index it
 * writes is gathered from the nodes it visits, which is what the live index holds.
 *
 * <p><b>Threads.</b> While a view is open the replica thread applies each command holding the
 * views' lock ({@link OpenViews}), and the writer holds it while it reads one node: so it reads a
 * node either before its first change (live and unchanged) or after (its pre-image), never during
 * a command, and never reads the tree's hash map while it is restructured. Sorting and encoding
 * happen outside the lock. With no view open the tree takes no lock.
 *
 * <p><b>Lifetime.</b> {@link #writeTo} runs once; the view closes when it returns or fails, and
 * the replica thread forgets it at its next command. A view dropped without being written is
 * forgotten once the collector clears it (the tree holds views weakly).
 */
public final class TreeView {

    /** A path's state at the view's moment: a node's fields and child names, or absent. */
    record Image(Znode fields, String[] children) {
        static final Image ABSENT = new Image(null, null);

        static Image of(Znode node) {
            return node == null ? ABSENT : new Image(node.fields(), node.childNames());
        }
    }

    private final DataTree tree;
    private final Lock lock;
    private final int nodes;
    /** Pre-images by path; touched under {@link #lock} only. */
    private final Map<String, Image> images = new HashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    /** Set under {@link #lock} once the writer is done: no more pre-images are kept. */
    private boolean closed;

    TreeView(DataTree tree, Lock lock, int nodes) {
        this.tree = tree;
        this.lock = lock;
        this.nodes = nodes;
    }

    /**
     * Replica thread, under the lock: keeps {@code path}'s state before its first change since the
     * view opened. The node is looked up only then: a parent changed by every create under it is
     * looked up once a view, not once a create.
     */
    void preserve(String path) {
        if (!closed && !images.containsKey(path)) {
            images.put(path, Image.of(tree.node(path)));
        }
    }

    /** Replica thread, under the lock. */
    boolean closed() {
        return closed;
    }

    /** Pre-images kept so far (tests and figures; any thread). */
    public int preserved() {
        lock.lock();
        try {
            return images.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the tree as it was when the view was opened, in {@link TreeSnapshot}'s format, then
     * closes the view. Called once, on any thread.
     *
     * @throws IllegalStateException if called a second time
     */
    public void writeTo(OutputStream sink) throws IOException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a tree view is written once");
        }
        try {
            TreeSnapshot.Output out = new TreeSnapshot.Output(sink, nodes);
            SortedMap<Long, List<String>> ephemerals = new TreeMap<>();
            Deque<String> pending = new ArrayDeque<>();
            pending.push(ZnodePath.ROOT);
            while (!pending.isEmpty()) {
                String path = pending.pop();
                Image image = read(path);
                if (image.fields() == null) {
                    throw new IllegalStateException("the view lost " + path + ", a child its parent had when the view opened");
                }
                String[] children = image.children();
                out.node(path, image.fields(), children.length);
                long owner = image.fields().ephemeralOwner;
                if (DataTree.isSessionOwned(owner)) {
                    ephemerals.computeIfAbsent(owner, k -> new ArrayList<>()).add(path);
                }
                Arrays.sort(children);
                for (int i = children.length - 1; i >= 0; i--) {
                    pending.push(ZnodePath.child(path, children[i]));
                }
            }
            for (Map.Entry<Long, List<String>> owned : ephemerals.entrySet()) {
                String[] paths = owned.getValue().toArray(new String[0]);
                Arrays.sort(paths);
                out.sessions(owned.getKey(), paths);
            }
            out.end();
        } finally {
            close();
        }
    }

    /** The path's pre-image, or a copy of its live node read under the lock. */
    private Image read(String path) {
        lock.lock();
        try {
            Image kept = images.get(path);
            return kept != null ? kept : Image.of(tree.node(path));
        } finally {
            lock.unlock();
        }
    }

    private void close() {
        lock.lock();
        try {
            closed = true;
            images.clear();
        } finally {
            lock.unlock();
        }
    }
}
