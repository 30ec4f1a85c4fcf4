package io.synod.examples.coordination.tree;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link TreeView}s of one tree that may still be written, and the lock they share with the
 * replica thread. It exists only while a view is open, so that a tree with none pays one null
 * check per command and no lock. The list itself is the replica thread's alone; views are held
 * weakly, so that one whose writer was dropped unwritten does not keep pre-images forever.
 */
final class OpenViews {

    /**
     * Fair: the writer takes it once a node, and an unfair lock would let it take it again before the
     * replica thread, woken to apply a command, runs; fair, the replica thread waits for one node read.
     */
    private final ReentrantLock lock = new ReentrantLock(true);
    private final List<WeakReference<TreeView>> views = new ArrayList<>(2);

    /** Opens a view of {@code tree} as it is now (replica thread). */
    TreeView open(DataTree tree, int nodes) {
        lock.lock();
        try {
            // Taken under the lock, so that the writer's first lock sees every change made before.
            TreeView view = new TreeView(tree, lock, nodes);
            views.add(new WeakReference<>(view));
            return view;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the lock for one command, forgetting views that were written or collected; false (and
     * the lock released) if none is left.
     */
    boolean begin() {
        lock.lock();
        for (Iterator<WeakReference<TreeView>> it = views.iterator(); it.hasNext(); ) {
            TreeView view = it.next().get();
            if (view == null || view.closed()) {
                it.remove();
            }
        }
        if (views.isEmpty()) {
            lock.unlock();
            return false;
        }
        return true;
    }

    /** Releases the lock taken by {@link #begin}. */
    void end() {
        lock.unlock();
    }

    /** Hands {@code path}'s state before its change to every view (between begin and end). */
    void preserve(String path) {
        for (int i = 0; i < views.size(); i++) {
            TreeView view = views.get(i).get();
            if (view != null) {
                view.preserve(path);
            }
        }
    }

    /** Views not yet forgotten (replica thread). */
    int size() {
        return views.size();
    }
}
