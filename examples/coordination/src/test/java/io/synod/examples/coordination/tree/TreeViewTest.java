package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synod.examples.coordination.acl.Acl;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/** A view's lifetime: written once, closed when its writer ends however it ends, forgotten when dropped. */
class TreeViewTest {

    private long zxid = 1;

    @Test
    void aViewIsWrittenOnceAndThenForgotten() throws IOException {
        DataTree tree = new DataTree();
        create(tree, "/a");
        byte[] expected = TreeSnapshotProperties.snapshot(tree);
        TreeView view = tree.openView();
        setData(tree, "/a");
        assertEquals(1, view.preserved(), "the changed node's pre-image");
        assertArrayEquals(expected, TreeViewProperties.write(view));
        assertThrows(IllegalStateException.class, () -> TreeViewProperties.write(view));
        assertEquals(0, view.preserved(), "a written view keeps no pre-image");
        setData(tree, "/a");
        assertEquals(0, tree.openViews(), "and the tree forgets it at its next command");
    }

    @Test
    void aWriterThatFailsClosesItsView() {
        DataTree tree = new DataTree();
        create(tree, "/a");
        TreeView view = tree.openView();
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        assertThrows(IOException.class, () -> view.writeTo(broken));
        setData(tree, "/a");
        assertEquals(0, tree.openViews());
        assertEquals(0, view.preserved());
    }

    /** A writer dropped unwritten (its store failed to open, its node crashed) must not keep pre-images forever. */
    @Test
    void aDroppedViewIsForgottenOnceCollected() {
        DataTree tree = new DataTree();
        create(tree, "/a");
        tree.openView();
        TreeView kept = tree.openView();
        for (int attempt = 0; attempt < 200 && tree.openViews() > 1; attempt++) {
            System.gc();
            setData(tree, "/a");
        }
        assertEquals(1, tree.openViews(), "the dropped view is forgotten, the referenced one kept");
        assertTrue(kept.preserved() > 0);
    }

    private void create(DataTree tree, String path) {
        tree.apply(Command.of(new Op.Create(path, new byte[] {1}, Acl.OPEN, CreateMode.PERSISTENT, Op.NO_TTL)), ++zxid, zxid, 0);
    }

    private void setData(DataTree tree, String path) {
        tree.apply(Command.of(new Op.SetData(path, new byte[] {(byte) zxid}, Op.ANY_VERSION)), ++zxid, zxid, 0);
    }
}
