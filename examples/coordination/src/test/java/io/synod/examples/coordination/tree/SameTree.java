package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import java.util.TreeSet;

/** Two trees hold the same state: every node with every persisted field, and every index. */
public final class SameTree {

    private SameTree() {
    }

    /**
     * The whole state of a tree as text, one line per node in path order and then its indexes:
     * equal exactly when {@link #assertSame} would pass, and cheap for small trees, so that a
     * check can keep one replica's state and compare another's when it reaches the same index.
     */
    public static String canonical(DataTree tree) {
        StringBuilder out = new StringBuilder();
        for (String path : new TreeSet<>(tree.nodes.keySet())) {
            Znode n = tree.nodes.get(path);
            out.append(path).append(' ').append(n.stat()).append(" creations=").append(n.cversion).append(" owner=")
                    .append(n.ephemeralOwner).append(" data=").append(n.data == null ? "null" : java.util.HexFormat.of().formatHex(n.data))
                    .append(" acl=").append(n.acl).append(" children=").append(n.sortedChildren()).append('\n');
        }
        out.append("ephemerals ").append(new java.util.TreeMap<>(tree.ephemerals)).append('\n');
        out.append("containers ").append(tree.containers).append('\n');
        out.append("ttls ").append(tree.ttls).append('\n');
        return out.toString();
    }

    /**
     * A 64-bit digest of everything {@link #canonical} shows, independent of map order: cheap enough
     * to take at every applied index of every replica. Equal trees have equal digests.
     */
    public static long digest(DataTree tree) {
        long sum = 0;
        for (Map.Entry<String, Znode> entry : tree.nodes.entrySet()) {
            Znode n = entry.getValue();
            long h = entry.getKey().hashCode();
            h = h * 31 + n.stat().hashCode();
            h = h * 31 + n.cversion;
            h = h * 31 + Long.hashCode(n.ephemeralOwner);
            h = h * 31 + java.util.Arrays.hashCode(n.data);
            h = h * 31 + n.acl.hashCode();
            sum += mix(h);
        }
        sum += mix(tree.ephemerals.hashCode()) * 3 + mix(tree.containers.hashCode()) * 5 + mix(tree.ttls.hashCode()) * 7;
        return sum;
    }

    /** SplitMix64's finaliser: spreads the bits, so that a sum of node digests stays a good digest. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static void assertSame(DataTree expected, DataTree actual) {
        assertEquals(new TreeSet<>(expected.nodes.keySet()), new TreeSet<>(actual.nodes.keySet()), "paths");
        for (Map.Entry<String, Znode> entry : expected.nodes.entrySet()) {
            String path = entry.getKey();
            Znode a = entry.getValue();
            Znode b = actual.nodes.get(path);
            assertNotNull(b, path);
            assertEquals(a.stat(), b.stat(), "stat of " + path);
            assertEquals(a.cversion, b.cversion, "child creations of " + path);
            assertEquals(a.ephemeralOwner, b.ephemeralOwner, "owner of " + path);
            assertArrayEquals(a.data, b.data, "data of " + path);
            assertEquals(a.acl, b.acl, "acl of " + path);
            assertEquals(a.sortedChildren(), b.sortedChildren(), "children of " + path);
        }
        assertEquals(expected.ephemerals, actual.ephemerals, "ephemerals by session");
        assertEquals(expected.containers, actual.containers, "containers");
        assertEquals(expected.ttls, actual.ttls, "ttl nodes");
    }
}
