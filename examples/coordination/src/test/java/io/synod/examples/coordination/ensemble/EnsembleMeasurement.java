package io.synod.examples.coordination.ensemble;

import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Figures for operators, measured on server processes (run only with {@code -Dsynod.measure=true}):
 * the time from SIGKILL of the leader to the first acknowledged write begun after it (median and
 * spread over {@code -Dsynod.cycles} failovers, 7 by default, per protocol), and the time to restart a
 * server holding {@code -Dsynod.znodes} znodes (1,000,000 by default): from the process's start to
 * its client port, and to the first read that sees the last znode written before the SIGKILL
 * ({@code -Dsynod.restarts} restarts, 3 by default; {@code -Dsynod.protocol}, multi-paxos by default).
 * Nothing is asserted beyond the figures being taken.
 */
@EnabledIfSystemProperty(named = "synod.measure", matches = "true")
class EnsembleMeasurement {

    @TempDir
    Path dir;

    @Test
    void sigkillOfTheLeaderToFirstWrite() throws Exception {
        int cycles = Integer.getInteger("synod.cycles", 7);
        for (String protocol : List.of(ProcessEnsemble.ZAB, ProcessEnsemble.MULTI_PAXOS)) {
            Path root = dir.resolve(protocol);
            try (ProcessEnsemble ensemble = ProcessEnsemble.start(Files.createDirectories(root), 3, protocol);
                 CuratorWorkload workload = CuratorWorkload.start(ensemble.connectString(), 3)) {
                List<Long> ms = FailoverCycles.run(ensemble, workload, cycles, protocol);
                workload.stop();
                System.out.printf("FIGURE %s: SIGKILL of the leader to the first acknowledged write, %d cycles: %s%n",
                    protocol, cycles, summary(ms));
            }
        }
    }

    @Test
    void restartOfAServerHoldingManyZnodes() throws Exception {
        int znodes = Integer.getInteger("synod.znodes", 1_000_000);
        String protocol = System.getProperty("synod.protocol", ProcessEnsemble.MULTI_PAXOS);
        try (ProcessEnsemble ensemble = ProcessEnsemble.start(dir, 1, protocol, List.of("-Xmx3g", "-XX:+UseParallelGC"))) {
            long fill = System.nanoTime();
            String last = fill(ensemble.connectString(1), znodes, Integer.getInteger("synod.batch", 100));
            System.out.printf("filled %d znodes in %d s%n", znodes, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - fill));
            List<Long> toPort = new ArrayList<>();
            List<Long> toRead = new ArrayList<>();
            for (int r = 0; r < Integer.getInteger("synod.restarts", 3); r++) {
                ensemble.kill(1);
                long started = System.nanoTime();
                ensemble.restart(1);
                toPort.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                awaitRead(ensemble.connectString(1), last);
                toRead.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                System.out.printf("restart %d: client port after %d ms, last znode read after %d ms (%s)%n", r + 1,
                    toPort.get(r), toRead.get(r), ensemble.lastLine(1, "log entries after snapshot"));
            }
            System.out.printf("FIGURE %s: restart (after SIGKILL) of a server holding %d znodes: process start to client "
                + "port %s; to the first read seeing the last znode %s; data dir %s%n", protocol, znodes, summary(toPort),
                summary(toRead), ensemble.dataDir(1));
        }
    }

    /**
     * Creates {@code n} znodes under /m/bNNNN (1,000 a parent), in multis of {@code size}
     * ({@code -Dsynod.batch}, 100 by default), {@code -Dsynod.inflight} in flight (8 by default). The leader
     * batches the commands in flight into log entries; a server writes a snapshot every 10,000 entries, so
     * a restart replays the log alone unless the fill made that many (e.g. batch 50, in flight 1).
     */
    private static String fill(String server, int n, int size) throws Exception {
        ZooKeeper zk = connect(server);
        try {
            zk.create("/m", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            int window = Integer.getInteger("synod.inflight", 8);
            Semaphore inFlight = new Semaphore(window);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            byte[] data = new byte[16];
            String last = null;
            for (int batch = 0; batch * 1000 < n; batch++) {
                String parent = String.format("/m/b%05d", batch);
                zk.create(parent, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                for (int from = 0; from < 1000 && batch * 1000 + from < n; from += size) {
                    List<Op> ops = new ArrayList<>();
                    for (int i = from; i < from + size && i < 1000 && batch * 1000 + i < n; i++) {
                        last = parent + "/n" + i;
                        ops.add(Op.create(last, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
                    }
                    inFlight.acquire();
                    zk.multi(ops, (AsyncCallback.MultiCallback) (rc, path, ctx, results) -> {
                        if (rc != KeeperException.Code.OK.intValue()) {
                            failed.compareAndSet(null, KeeperException.create(KeeperException.Code.get(rc)));
                        }
                        inFlight.release();
                    }, null);
                }
                if (failed.get() != null) {
                    throw new AssertionError("filling failed", failed.get());
                }
            }
            inFlight.acquire(window);
            if (failed.get() != null) {
                throw new AssertionError("filling failed", failed.get());
            }
            return last;
        } finally {
            zk.close();
        }
    }

    private static void awaitRead(String server, String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            ZooKeeper zk = connect(server);
            try {
                if (zk.exists(path, false) != null) {
                    return;
                }
            } catch (KeeperException e) {
                // Not there yet: the server is still recovering.
            } finally {
                zk.close();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " not readable within 10 minutes of the restart");
            }
            Thread.sleep(20);
        }
    }

    private static ZooKeeper connect(String server) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(server, 30_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(10, TimeUnit.MINUTES)) {
            zk.close();
            throw new AssertionError("no connection to " + server);
        }
        return zk;
    }

    /** Median, minimum, maximum and every value, in ms. */
    static String summary(List<Long> ms) {
        List<Long> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
            : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return "median " + median + " ms, min " + sorted.get(0) + " ms, max " + sorted.get(sorted.size() - 1)
            + " ms, all " + ms;
    }
}
