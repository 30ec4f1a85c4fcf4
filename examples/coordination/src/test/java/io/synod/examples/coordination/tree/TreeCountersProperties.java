package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The figures monitoring reads without walking the tree (ZooKeeper's approximate data size and ephemeral
 * count) equal a walk of the tree after every write of a random history — failed multis rolled back, sessions
 * closing with their ephemerals — and after the tree is restored from a snapshot and written again.
 */
class TreeCountersProperties {

    @Provide
    Arbitrary<List<Step>> histories() {
        return Histories.histories(60);
    }

    @Property(tries = 300)
    void countersEqualAWalkAfterEveryWriteAndARestore(@ForAll("histories") List<Step> before,
                                                     @ForAll("histories") List<Step> after) throws IOException {
        DataTree tree = new DataTree();
        assertCountsMatchWalk(tree, "a new tree");
        long zxid = 1;
        for (Step step : before) {
            zxid++;
            tree.apply(step.command(), zxid, 1_000 + zxid, step.session());
            assertCountsMatchWalk(tree, "after " + step);
        }
        DataTree restored = TreeSnapshot.read(new ByteArrayInputStream(TreeSnapshotProperties.snapshot(tree)),
                TreeConfig.DEFAULT);
        assertCountsMatchWalk(restored, "restored from a snapshot");
        for (Step step : after) {
            zxid++;
            restored.apply(step.command(), zxid, 1_000 + zxid, step.session());
            assertCountsMatchWalk(restored, "after restore, after " + step);
        }
    }

    private static void assertCountsMatchWalk(DataTree tree, String when) {
        long size = 0;
        for (Map.Entry<String, Znode> e : tree.nodes.entrySet()) {
            size += e.getKey().length() + (e.getValue().data == null ? 0 : e.getValue().data.length);
        }
        int ephemerals = 0;
        for (NavigableSet<String> owned : tree.ephemerals.values()) {
            ephemerals += owned.size();
        }
        int sessionOwned = 0;
        for (Znode node : tree.nodes.values()) {
            if (DataTree.isSessionOwned(node.ephemeralOwner)) {
                sessionOwned++;
            }
        }
        assertEquals(size, tree.approximateDataSize(), "approximate data size " + when);
        assertEquals(ephemerals, tree.ephemeralsCount(), "ephemerals count vs the index " + when);
        assertEquals(sessionOwned, tree.ephemeralsCount(), "ephemerals count vs the nodes " + when);
    }
}
