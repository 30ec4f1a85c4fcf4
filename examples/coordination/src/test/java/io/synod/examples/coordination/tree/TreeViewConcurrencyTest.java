package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.acl.Perms;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A view written on another thread while this one, the replica thread, applies thousands of commands
 * to the same tree: what it writes is still the tree as of the view. Each round is seeded (the seed is
 * in the failure message) and starts both threads together, so that they overlap; the interleaving is
 * the machine's.
 */
class TreeViewConcurrencyTest {

    private static final int ROUNDS = 200;
    private static final int FILL = 5_000;
    private static final int CHANGES = 3_000;
    private static final int FANOUT = 20;
    private static final List<Acl> READ_ONLY = List.of(new Acl(Perms.READ, Id.ANYONE));

    @Test
    void aViewWrittenWhileTheTreeChangesIsTheTreeAtItsMoment() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            int overlapped = 0;
            long nodes = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long seed = 0x7EE0_0000L + round;
                Random random = new Random(seed);
                DataTree tree = new DataTree();
                long zxid = 1;
                for (int i = 0; i < FILL; i++) {
                    apply(tree, random, ++zxid, 40);
                }
                nodes += tree.nodeCount();
                byte[] expected = TreeSnapshotProperties.snapshot(tree);
                TreeView view = tree.openView();
                CountDownLatch go = new CountDownLatch(1);
                Future<byte[]> written = writer.submit(() -> {
                    go.await();
                    return TreeViewProperties.write(view);
                });
                go.countDown();
                int whileWriting = 0;
                for (int i = 0; i < CHANGES; i++) {
                    apply(tree, random, ++zxid, 100);
                    if (!written.isDone()) {
                        whileWriting++;
                    }
                }
                byte[] actual;
                try {
                    actual = written.get(2, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    throw new AssertionError("round " + round + ", seed 0x" + Long.toHexString(seed) + ": the writer failed", e.getCause());
                }
                if (whileWriting > 0) {
                    overlapped++;
                }
                assertArrayEquals(expected, actual, "round " + round + ", seed 0x" + Long.toHexString(seed)
                        + ": the view's bytes differ from the tree's at its moment");
                apply(tree, random, ++zxid, 100);
                assertEquals(0, tree.openViews(), "a written view is forgotten at the next command");
            }
            System.out.printf("TreeViewConcurrencyTest: %d of %d rounds applied commands while the view was written"
                    + " (%d znodes a view on average)%n", overlapped, ROUNDS, nodes / ROUNDS);
        } finally {
            writer.shutdownNow();
        }
    }

    /**
     * One random command over a three-level path space dense enough that most commands change something:
     * creates only with {@code kinds} 40, every kind of change with 100.
     */
    static void apply(DataTree tree, Random random, long zxid, int kinds) {
        long session = 1 + random.nextInt(4);
        tree.apply(Command.of(op(random, kinds)), zxid, 1_000 + zxid, session);
    }

    private static Op op(Random random, int kinds) {
        String path = path(random);
        int kind = random.nextInt(kinds);
        if (kind < 40) {
            CreateMode mode = CreateMode.values()[random.nextInt(CreateMode.values().length)];
            long ttl = mode.isTtl() ? 1 + random.nextInt(10_000) : Op.NO_TTL;
            return new Op.Create(path, data(random), random.nextInt(10) == 0 ? READ_ONLY : Acl.OPEN, mode, ttl);
        } else if (kind < 60) {
            return new Op.Delete(path, Op.ANY_VERSION);
        } else if (kind < 80) {
            return new Op.SetData(path, data(random), Op.ANY_VERSION);
        } else if (kind < 85) {
            return new Op.SetAcl(path, random.nextBoolean() ? READ_ONLY : Acl.OPEN, Op.ANY_VERSION);
        } else if (kind < 97) {
            // Often fails part-way (a missing parent, a version that misses), and is undone.
            return new Op.Multi(List.of(
                    new Op.Create(path(random), data(random), Acl.OPEN, CreateMode.PERSISTENT, Op.NO_TTL),
                    new Op.SetData(path(random), data(random), Op.ANY_VERSION),
                    new Op.Delete(path(random), Op.ANY_VERSION),
                    new Op.Check(path(random), random.nextInt(3) - 1)));
        }
        return new Op.CloseSession();
    }

    private static String path(Random random) {
        StringBuilder path = new StringBuilder();
        int depth = 1 + random.nextInt(3);
        for (int i = 0; i < depth; i++) {
            path.append("/n").append(random.nextInt(FANOUT));
        }
        return path.toString();
    }

    private static byte[] data(Random random) {
        byte[] data = new byte[random.nextInt(8)];
        random.nextBytes(data);
        return data;
    }
}
