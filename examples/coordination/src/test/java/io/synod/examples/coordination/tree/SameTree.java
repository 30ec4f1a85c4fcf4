package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import java.util.TreeSet;

/** Two trees hold the same state: every node with every persisted field, and every index. */
final class SameTree {

    private SameTree() {
    }

    static void assertSame(DataTree expected, DataTree actual) {
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
