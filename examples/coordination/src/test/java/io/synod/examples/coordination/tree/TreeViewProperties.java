package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A {@link TreeView} writes the tree as it was when it was opened, whatever was applied since
 * (creates of every mode, deletes, setData, setACL, multis that fail and are undone, sessions
 * closing with their ephemerals): the very bytes {@link TreeSnapshot#write} gave at that moment,
 * which restore to the same tree. Views overlap: several are open at once, opened and written at
 * random points of one history, and some are never written.
 */
class TreeViewProperties {

    @Provide
    Arbitrary<List<Step>> histories() {
        return Histories.histories(60);
    }

    @Provide
    Arbitrary<Set<Integer>> points() {
        return Arbitraries.integers().between(0, 60).set().ofMaxSize(6);
    }

    @Property(tries = 300)
    void aViewWritesTheTreeAsItWasWhenOpened(@ForAll("histories") List<Step> before,
                                            @ForAll("histories") List<Step> after) throws IOException {
        DataTree tree = new DataTree();
        long zxid = TreeSnapshotProperties.apply(tree, before, 1);
        byte[] expected = TreeSnapshotProperties.snapshot(tree);
        DataTree copy = TreeSnapshot.read(new ByteArrayInputStream(expected), TreeConfig.DEFAULT);
        TreeView view = tree.openView();
        TreeSnapshotProperties.apply(tree, after, zxid);

        byte[] written = write(view);
        assertArrayEquals(expected, written, "the view's bytes are the snapshot's at its moment");
        SameTree.assertSame(copy, TreeSnapshot.read(new ByteArrayInputStream(written), TreeConfig.DEFAULT));
    }

    /**
     * Views opened at some points of a history and written at others (the oldest open one each
     * time), the rest written at the end, one of them never: each gives its own moment's bytes, and
     * once all are written or dropped the tree forgets them at its next command.
     */
    @Property(tries = 300)
    void overlappingViewsEachWriteTheirOwnMoment(@ForAll("histories") List<Step> before,
                                                 @ForAll("histories") List<Step> after,
                                                 @ForAll("points") Set<Integer> opens,
                                                 @ForAll("points") Set<Integer> writes) throws IOException {
        DataTree tree = new DataTree();
        long zxid = TreeSnapshotProperties.apply(tree, before, 1);
        Deque<TreeView> open = new ArrayDeque<>();
        Deque<byte[]> expected = new ArrayDeque<>();
        TreeView dropped = tree.openView();
        for (int i = 0; i <= after.size(); i++) {
            if (opens.contains(i)) {
                expected.addLast(TreeSnapshotProperties.snapshot(tree));
                open.addLast(tree.openView());
            }
            if (writes.contains(i) && !open.isEmpty()) {
                assertArrayEquals(expected.removeFirst(), write(open.removeFirst()), "a view written at step " + i);
            }
            if (i < after.size()) {
                zxid = TreeSnapshotProperties.apply(tree, List.of(after.get(i)), zxid);
            }
        }
        while (!open.isEmpty()) {
            assertArrayEquals(expected.removeFirst(), write(open.removeFirst()), "a view written at the end");
        }
        tree.apply(Command.of(new Op.Check("/", Op.ANY_VERSION)), zxid + 1, 0, 0);
        assertEquals(1, tree.openViews(), "written views are forgotten; the unwritten one is still referenced");
        java.lang.ref.Reference.reachabilityFence(dropped);
    }

    static byte[] write(TreeView view) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        view.writeTo(out);
        return out.toByteArray();
    }
}
