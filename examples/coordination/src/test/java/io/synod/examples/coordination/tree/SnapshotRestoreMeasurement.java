package io.synod.examples.coordination.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.synod.examples.coordination.acl.Acl;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long restoring a tree of one million znodes takes: a measurement, not a test (nothing about
 * time is asserted). Run it with
 * {@code mvn -B -pl examples/coordination -am test -Dtest=SnapshotRestoreMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsynod.measureRestore=true}.
 */
@EnabledIfSystemProperty(named = "synod.measureRestore", matches = "true")
class SnapshotRestoreMeasurement {

    private static final int PARENTS = 1000;
    private static final int CHILDREN = 999;
    private static final int RUNS = 5;

    @Test
    void restoreOneMillionZnodes() throws IOException {
        DataTree tree = new DataTree();
        long zxid = 0;
        byte[] data = new byte[32];
        for (int p = 0; p < PARENTS; p++) {
            String parent = String.format("/service-%04d", p);
            tree.apply(Command.of(new Op.Create(parent, data, Acl.OPEN, CreateMode.PERSISTENT, Op.NO_TTL)), ++zxid, zxid, 1);
            for (int c = 0; c < CHILDREN; c++) {
                CreateMode mode = c % 10 == 0 ? CreateMode.EPHEMERAL : CreateMode.PERSISTENT;
                tree.apply(Command.of(new Op.Create(parent + "/member-" + c, data, Acl.OPEN, mode, Op.NO_TTL)),
                        ++zxid, zxid, 1 + c % 100);
            }
        }
        int nodes = tree.nodeCount();
        Path file = Files.createTempFile("tree", ".snap");
        try {
            long writeStart = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                TreeSnapshot.write(tree, out);
            }
            long writeMillis = (System.nanoTime() - writeStart) / 1_000_000;
            tree = null;
            List<Long> millis = new ArrayList<>();
            long heapPerNode = 0;
            for (int run = 0; run < RUNS; run++) {
                System.gc();
                long start = System.nanoTime();
                DataTree restored;
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    restored = TreeSnapshot.read(in, TreeConfig.DEFAULT);
                }
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertEquals(nodes, restored.nodeCount());
                if (run == RUNS - 1) {
                    long withTree = usedHeap();
                    long size = restored.nodeCount();
                    restored = null;
                    heapPerNode = (withTree - usedHeap()) / size;
                }
            }
            Collections.sort(millis);
            System.out.printf("tree snapshot: %,d znodes, %,d bytes, write %d ms; restore over %d runs: "
                            + "min %d ms, median %d ms, max %d ms; %d heap bytes per znode (32-byte data, open ACL) "
                            + "(heap max %d MiB, %d cpus)%n",
                    nodes, Files.size(file), writeMillis, RUNS, millis.get(0), millis.get(RUNS / 2),
                    millis.get(RUNS - 1), heapPerNode, Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
