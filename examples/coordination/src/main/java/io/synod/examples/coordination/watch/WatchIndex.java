package io.synod.examples.coordination.watch;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One of the two watch indexes ZooKeeper keeps (data watches, child watches): for each path, the
 * watchers and the modes each holds there, as bits; and the reverse, for removing a connection's
 * watches when it goes. The rules are ZooKeeper's {@code WatchManager}'s.
 */
final class WatchIndex<W> {
    static final int STANDARD = 1;
    static final int PERSISTENT = 2;
    static final int RECURSIVE = 4;

    private final Map<String, Map<W, Integer>> byPath = new HashMap<>();
    private final Map<W, Map<String, Integer>> byWatcher = new HashMap<>();
    private int recursive;
    private int size;

    /** Calls {@code each} once per path and watcher holding a watch there. */
    void forEach(java.util.function.BiConsumer<String, W> each) {
        byPath.forEach((path, watchers) -> watchers.keySet().forEach(w -> each.accept(path, w)));
    }

    void add(String path, W watcher, int mode) {
        Map<W, Integer> watchers = byPath.computeIfAbsent(path, p -> new HashMap<>(2));
        int old = watchers.getOrDefault(watcher, 0);
        if ((old & mode) != 0) {
            return;
        }
        int bits = old | mode;
        watchers.put(watcher, bits);
        byWatcher.computeIfAbsent(watcher, w -> new HashMap<>(4)).put(path, bits);
        if (old == 0) {
            size++;
        }
        if (mode == RECURSIVE) {
            recursive++;
        }
    }

    /**
     * The watchers an event at {@code path} reaches: every watcher on the path itself (one-shot
     * watches are used up) and, above it, those with a recursive watch.
     */
    Set<W> trigger(String path) {
        Set<W> fired = null; // made at the first watcher: most changes reach none
        String at = path;
        while (at != null) {
            Map<W, Integer> watchers = byPath.get(at);
            if (watchers != null) {
                boolean self = at.equals(path);
                Iterator<Map.Entry<W, Integer>> it = watchers.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<W, Integer> entry = it.next();
                    int bits = entry.getValue();
                    if (self) {
                        fired = add(fired, entry.getKey());
                        if ((bits & STANDARD) != 0) {
                            int left = bits & ~STANDARD;
                            if (left == 0) {
                                size--;
                                it.remove();
                                forget(entry.getKey(), at);
                            } else {
                                entry.setValue(left);
                                byWatcher.get(entry.getKey()).put(at, left);
                            }
                        }
                    } else if ((bits & RECURSIVE) != 0) {
                        fired = add(fired, entry.getKey());
                    }
                }
                if (watchers.isEmpty()) {
                    byPath.remove(at);
                }
            }
            at = recursive == 0 || at.equals("/") ? null : parent(at);
        }
        return fired == null ? Set.of() : fired;
    }

    private static <W> Set<W> add(Set<W> fired, W watcher) {
        Set<W> to = fired == null ? new LinkedHashSet<>() : fired;
        to.add(watcher);
        return to;
    }

    /** Remove the given mode bits (all of them for {@code modes == ALL}); true if any was held. */
    boolean remove(String path, W watcher, int modes) {
        Map<String, Integer> paths = byWatcher.get(watcher);
        Integer old = paths == null ? null : paths.get(path);
        if (old == null || (old & modes) == 0) {
            return false;
        }
        int removed = old & modes;
        int left = old & ~modes;
        if ((removed & RECURSIVE) != 0) {
            recursive--;
        }
        Map<W, Integer> watchers = byPath.get(path);
        if (left == 0) {
            size--;
            watchers.remove(watcher);
            if (watchers.isEmpty()) {
                byPath.remove(path);
            }
            forget(watcher, path);
        } else {
            watchers.put(watcher, left);
            paths.put(path, left);
        }
        return true;
    }

    boolean contains(String path, W watcher, int modes) {
        Map<String, Integer> paths = byWatcher.get(watcher);
        Integer bits = paths == null ? null : paths.get(path);
        return bits != null && (bits & modes) != 0;
    }

    /** Drop every watch of a watcher (its connection closed). */
    void removeAll(W watcher) {
        Map<String, Integer> paths = byWatcher.remove(watcher);
        if (paths == null) {
            return;
        }
        for (Map.Entry<String, Integer> entry : paths.entrySet()) {
            int bits = entry.getValue();
            size--;
            if ((bits & RECURSIVE) != 0) {
                recursive--;
            }
            Map<W, Integer> watchers = byPath.get(entry.getKey());
            watchers.remove(watcher);
            if (watchers.isEmpty()) {
                byPath.remove(entry.getKey());
            }
        }
    }

    /** Watches held, one per (path, watcher) whatever its modes, as ZooKeeper counts them. */
    int size() {
        return size;
    }

    private void forget(W watcher, String path) {
        Map<String, Integer> paths = byWatcher.get(watcher);
        paths.remove(path);
        if (paths.isEmpty()) {
            byWatcher.remove(watcher);
        }
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }
}
