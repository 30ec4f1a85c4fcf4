package io.synod.examples.coordination.service;

import io.synod.api.Protocol;
import io.synod.api.SnapshotMeta;
import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.server.CoordinationNode;
import io.synod.examples.coordination.server.CoordinationStateMachine;
import io.synod.examples.coordination.tree.Command;
import io.synod.examples.coordination.tree.CreateMode;
import io.synod.examples.coordination.tree.Op;
import io.synod.examples.coordination.tree.TreeConfig;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.ReplicaConfig;
import io.synod.runtime.ReplicatedState;
import io.synod.storage.FileStorage;
import io.synod.storage.StorageOptions;
import io.synod.transport.InJvmNetwork;
import io.synod.zab.Zab;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Where the time of a restart with many znodes goes: a measurement, not a test (nothing about time is
 * asserted). A one-server ensemble on file storage is filled with {@code /m/p-i/c-j} (1,000 children a
 * parent, 16-byte values, as the process-level RestartWithZnodes), closed, and started again; each
 * restart times opening the data directory (log recovery), starting the node (snapshot read and tree
 * rebuild, the core's recovery), and the first read of the last znode served (the log above the
 * snapshot replayed). Then the snapshot alone: its bytes read, and read and decoded into a state.
 * With {@code -Dsynod.jfr=/tmp/restart} the restarts are recorded by JFR (/tmp/restart-zab.jfr...).
 * Run it with
 * {@code mvn -B -pl examples/coordination -am test -Dtest=RestartMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsynod.measure=true [-Dsynod.znodes=1000000]}.
 */
@EnabledIfSystemProperty(named = "synod.measure", matches = "true")
class RestartMeasurement {

    private static final int CHILDREN = 1000;
    private static final int WINDOW = 2000;
    private static final int RESTARTS = 3;

    /** {@code -Dsynod.snapshotEveryBytes=N} compares another snapshot cadence in the same session. */
    private static final ReplicaConfig CONFIG = ReplicaConfig.defaults().withSnapshotEveryBytes(
        Long.getLong("synod.snapshotEveryBytes", ReplicaConfig.defaults().snapshotEveryBytes()));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"zab", "multi-paxos"})
    void restartWithZnodes(String protocolName) throws Exception {
        int znodes = Integer.getInteger("synod.znodes", 1_000_000);
        Protocol protocol = protocolName.equals("zab") ? Zab.builder().build() : MultiPaxos.builder().build();
        long fillStart = System.nanoTime();
        String last = fill(protocol, znodes);
        long fillMillis = millis(System.nanoTime() - fillStart);
        List<long[]> runs = new ArrayList<>();
        String jfr = System.getProperty("synod.jfr");
        Recording recording = jfr == null ? null : new Recording(Configuration.getConfiguration("profile"));
        if (recording != null) {
            recording.start();
        }
        for (int run = 0; run < RESTARTS; run++) {
            System.gc();
            long start = System.nanoTime();
            FileStorage storage = open();
            long opened = System.nanoTime();
            try (CoordinationNode node = start(protocol, storage)) {
                long started = System.nanoTime();
                awaitRead(node, last);
                long served = System.nanoTime();
                runs.add(new long[] {millis(opened - start), millis(started - opened), millis(served - started),
                    millis(served - start)});
            }
        }
        if (recording != null) {
            recording.dump(Path.of(jfr + "-" + protocolName + ".jfr"));
            recording.close();
        }
        long[] snapshot = snapshotAlone();
        StringBuilder line = new StringBuilder(String.format("restart %s, %,d znodes filled in %,d ms (open / start / first read / total ms):",
            protocolName, znodes, fillMillis));
        for (long[] run : runs) {
            line.append(String.format(" [%d / %d / %d / %d]", run[0], run[1], run[2], run[3]));
        }
        List<Long> totals = new ArrayList<>();
        runs.forEach(r -> totals.add(r[3]));
        Collections.sort(totals);
        line.append(String.format("; total min %d median %d max %d ms; snapshot %,d bytes at index %d, %,d log entries: read %d ms, read+restore %d ms"
                + " (heap max %d MiB, %d cpus)", totals.get(0), totals.get(totals.size() / 2), totals.get(totals.size() - 1),
            snapshot[0], snapshot[3], snapshot[4], snapshot[1], snapshot[2], Runtime.getRuntime().maxMemory() >> 20,
            Runtime.getRuntime().availableProcessors()));
        System.out.println(line);
    }

    /** Creates the znodes through the replica in a window of asynchronous submits; returns the last path. */
    private String fill(Protocol protocol, int znodes) throws Exception {
        String last = null;
        try (CoordinationNode node = start(protocol, open())) {
            Semaphore window = new Semaphore(WINDOW);
            byte[] value = new byte[16];
            submit(node, window, "/m", value).get(60, TimeUnit.SECONDS);
            for (int created = 1, p = 0; created < znodes; p++) {
                String parent = "/m/p-" + p;
                submit(node, window, parent, value).get(60, TimeUnit.SECONDS);
                created++;
                for (int c = 0; c < CHILDREN && created < znodes; c++, created++) {
                    last = parent + "/c-" + c;
                    submit(node, window, last, value);
                }
            }
            window.acquire(WINDOW);
            awaitRead(node, last);
        }
        return last;
    }

    private static CompletableFuture<byte[]> submit(CoordinationNode node, Semaphore window, String path, byte[] value)
            throws InterruptedException {
        window.acquire();
        byte[] command = CoordinationStateMachine.treeCommand(Command.of(
            new Op.Create(path, value, Acl.OPEN, CreateMode.PERSISTENT, Op.NO_TTL)));
        CompletableFuture<byte[]> done = node.replica().submit(command);
        done.whenComplete((r, e) -> window.release());
        return done;
    }

    private FileStorage open() {
        return FileStorage.open(dir, StorageOptions.builder().build());
    }

    private static CoordinationNode start(Protocol protocol, FileStorage storage) {
        return CoordinationNode.start(new CoordinationNode.Settings(1, new int[] {1}, protocol, new InJvmNetwork().join(1),
            storage, new InetSocketAddress("127.0.0.1", 0), LocalCluster.TIMEOUTS, "test-secret", TreeConfig.DEFAULT,
            CONFIG));
    }

    private static void awaitRead(CoordinationNode node, String path) throws Exception {
        String connect = node.clientAddress().getHostString() + ":" + node.clientAddress().getPort();
        ZooKeeper zk = Clients.connect(connect, 30_000).zk();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (zk.exists(path, false) == null) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(path + " not readable within 5 minutes");
                }
                Thread.sleep(5);
            }
        } finally {
            zk.close();
        }
    }

    /** The newest snapshot's size, the ms to read its bytes and to read and restore it, its index, the log entries. */
    private long[] snapshotAlone() throws Exception {
        try (FileStorage storage = open()) {
            SnapshotMeta meta = storage.snapshots().latest().orElse(null);
            long entries = storage.recover().log().size();
            if (meta == null) {
                return new long[] {0, 0, 0, 0, entries};
            }
            long start = System.nanoTime();
            long bytes = 0;
            try (InputStream in = storage.snapshots().open(meta)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    bytes += n;
                }
            }
            long read = System.nanoTime();
            ReplicatedState state = new ReplicatedState(new CoordinationStateMachine(TreeConfig.DEFAULT));
            try (InputStream in = storage.snapshots().open(meta)) {
                state.restore(meta, in);
            }
            long restored = System.nanoTime();
            assertNotNull(state);
            return new long[] {bytes, millis(read - start), millis(restored - read), meta.index(), entries};
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
