package io.synod.examples.coordination.tree;

import io.synod.examples.coordination.acl.Acl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What a snapshot of one million znodes costs the replica thread, before (the whole tree serialised
 * into memory there, as the state machine did) and after (a {@link TreeView} opened), and what a
 * write costs while a view is open against none, in the same run. A measurement, not a test:
 * nothing about time is asserted. Run it with
 * {@code mvn -B -pl examples/coordination -am test -Dtest=TreeViewMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsynod.measure=true}.
 */
@EnabledIfSystemProperty(named = "synod.measure", matches = "true")
class TreeViewMeasurement {

    private static final int PARENTS = 1000;
    private static final int CHILDREN = 999;
    private static final int RUNS = 5;
    private static final int WRITES = 50_000;
    /** Pairs of write batches, alternating no view and a view: many short ones, as the machine's noise is wide. */
    private static final int PAIRS = 21;

    private long zxid;

    @Test
    void snapshotOfOneMillionZnodes() throws Exception {
        DataTree tree = new DataTree();
        byte[] data = new byte[32];
        List<String> leaves = new ArrayList<>();
        for (int p = 0; p < PARENTS; p++) {
            String parent = String.format("/service-%04d", p);
            create(tree, parent, data, CreateMode.PERSISTENT, 1);
            for (int c = 0; c < CHILDREN; c++) {
                String path = parent + "/member-" + c;
                create(tree, path, data, c % 10 == 0 ? CreateMode.EPHEMERAL : CreateMode.PERSISTENT, 1 + c % 100);
                leaves.add(path);
            }
        }
        int nodes = tree.nodeCount();
        List<Long> copyMillis = new ArrayList<>();
        List<Long> openMicros = new ArrayList<>();
        List<Long> writeMillis = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            System.gc();
            long start = System.nanoTime();
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            TreeSnapshot.write(tree, copy);
            copyMillis.add((System.nanoTime() - start) / 1_000_000);
            copy = null;

            start = System.nanoTime();
            TreeView view = tree.openView();
            openMicros.add((System.nanoTime() - start) / 1_000);
            start = System.nanoTime();
            view.writeTo(OutputStream.nullOutputStream());
            writeMillis.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.printf("tree view: %,d znodes; on the replica thread over %d runs: serialise to memory (before) %s ms,"
                + " open a view (after) %s us; the view written on its own thread %s ms (min / median / max)%n",
            nodes, RUNS, spread(copyMillis), spread(openMicros), spread(writeMillis));

        Random random = new Random(42);
        List<Long> none = new ArrayList<>();
        List<Long> open = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int pair = 0; pair < PAIRS; pair++) {
            none.add(writes(tree, leaves, random, false));
            open.add(writes(tree, leaves, random, true));
            ratios.add((double) open.get(pair) / none.get(pair));
        }
        Collections.sort(ratios);
        System.out.printf("tree view: setData of %,d random znodes, ns a write over %d alternating pairs: no view %s, a view"
                + " open (each first change copies its node) %s; ratio open/none %.2f / %.2f / %.2f, quartiles %.2f - %.2f%n",
            WRITES, PAIRS, spread(none), spread(open), ratios.get(0), ratios.get(PAIRS / 2), ratios.get(PAIRS - 1),
            ratios.get(PAIRS / 4), ratios.get(3 * PAIRS / 4));

        List<Long> stalls = new ArrayList<>();
        List<Long> controls = new ArrayList<>();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            for (int run = 0; run < RUNS; run++) {
                TreeView view = tree.openView();
                Future<?> written = writer.submit(() -> {
                    view.writeTo(OutputStream.nullOutputStream());
                    return null;
                });
                long[] during = new long[4_000_000];
                int applied = 0;
                long start = System.nanoTime();
                while (!written.isDone() && applied < during.length) {
                    long t = System.nanoTime();
                    setData(tree, leaves.get(random.nextInt(leaves.size())));
                    during[applied++] = System.nanoTime() - t;
                }
                long writing = System.nanoTime() - start;
                written.get(5, TimeUnit.MINUTES);
                // The control: as long again with no view open, so that GC and the machine's own stalls show.
                long[] control = new long[during.length];
                int controlled = 0;
                start = System.nanoTime();
                while (System.nanoTime() - start < writing && controlled < control.length) {
                    long t = System.nanoTime();
                    setData(tree, leaves.get(random.nextInt(leaves.size())));
                    control[controlled++] = System.nanoTime() - t;
                }
                stalls.add(longest(during, applied) / 1_000);
                controls.add(longest(control, controlled) / 1_000);
                System.out.printf("tree view: run %d: %,d writes in %,d ms while the view was written, us p99 %d p99.9 %d max %d;"
                        + " no view: %,d writes, us p99 %d p99.9 %d max %d%n", run, applied, writing / 1_000_000,
                    percentile(during, applied, 0.99), percentile(during, applied, 0.999), longest(during, applied) / 1_000,
                    controlled, percentile(control, controlled, 0.99), percentile(control, controlled, 0.999),
                    longest(control, controlled) / 1_000);
            }
        } finally {
            writer.shutdownNow();
        }
        System.out.printf("tree view: the longest single write while a view of %,d znodes was written on another thread,"
                + " over %d runs: %s us; as long with no view: %s us (heap max %d MiB, %d cpus)%n", nodes, RUNS, spread(stalls),
            spread(controls), Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    }

    private static long longest(long[] nanos, int count) {
        long max = 0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, nanos[i]);
        }
        return max;
    }

    /** The q-quantile of the first count values, in us. */
    private static long percentile(long[] nanos, int count, double q) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return count == 0 ? 0 : sorted[(int) Math.min(count - 1, Math.floor(q * count))] / 1_000;
    }

    /** ns per setData over {@link #WRITES} random leaves, with a view opened at the start and written after, or none. */
    private long writes(DataTree tree, List<String> leaves, Random random, boolean withView) throws IOException {
        String[] targets = new String[WRITES];
        for (int i = 0; i < WRITES; i++) {
            targets[i] = leaves.get(random.nextInt(leaves.size()));
        }
        TreeView view = withView ? tree.openView() : null;
        long start = System.nanoTime();
        for (String path : targets) {
            setData(tree, path);
        }
        long nanos = System.nanoTime() - start;
        if (view != null) {
            view.writeTo(OutputStream.nullOutputStream());
        }
        return nanos / WRITES;
    }

    private void create(DataTree tree, String path, byte[] data, CreateMode mode, long session) {
        tree.apply(Command.of(new Op.Create(path, data, Acl.OPEN, mode, Op.NO_TTL)), ++zxid, zxid, session);
    }

    private void setData(DataTree tree, String path) {
        tree.apply(Command.of(new Op.SetData(path, new byte[16], Op.ANY_VERSION)), ++zxid, zxid, 0);
    }

    private static String spread(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[0] + " / " + sorted[sorted.length / 2] + " / " + sorted[sorted.length - 1];
    }
}
