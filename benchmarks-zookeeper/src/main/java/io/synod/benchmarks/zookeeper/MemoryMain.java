package io.synod.benchmarks.zookeeper;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Heap retained per idle session and per watch, Synod against Apache ZooKeeper in the same run:
 * {@code java -cp <class path> io.synod.benchmarks.zookeeper.MemoryMain --out target/memory [--sessions N]
 * [--watches-per-session W] [--znodes Z] [--repeats R] [--systems synod-zab,zookeeper] [--heap 2g]}.
 *
 * <p>Each repeat starts one standalone server of each system in turn (the order reversed every other
 * repeat), each its own JVM with the same heap, creates {@code Z} znodes, and reads the server's live heap
 * ({@link LiveHeap}: a full collection, then the bytes of reachable objects) three times: before the
 * sessions, once {@code N} idle sessions are open ({@link IdleSessions}: a socket each, no pings), and once
 * each session left {@code W} data watches spread over the znodes. Per session is the second step's growth
 * over N, per watch the third's over N x W. Every server is stopped by its PID afterwards.
 */
public final class MemoryMain {

    /** Longer than a measurement: the idle sessions never ping. */
    private static final int SESSION_TIMEOUT_MILLIS = 600_000;
    private static final String PREFIX = "/w-";

    /** One repeat's figures for one system. */
    record Sample(SystemKind system, int repeat, long baseline, long withSessions, long withWatches, int sessions,
                  long watches) {
        double perSession() {
            return (withSessions - baseline) / (double) sessions;
        }

        double perWatch() {
            return (withWatches - withSessions) / (double) watches;
        }
    }

    private MemoryMain() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of("target/memory");
        int sessions = 10_000;
        int perSession = 10;
        int znodes = 1_000;
        int repeats = 3;
        String heap = "2g";
        List<SystemKind> systems = List.of(SystemKind.SYNOD_ZAB, SystemKind.ZOOKEEPER);
        Args a = new Args(args, MemoryMain::usage);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(a.value(++i));
                case "--sessions" -> sessions = a.number(++i);
                case "--watches-per-session" -> perSession = a.number(++i);
                case "--znodes" -> znodes = a.number(++i);
                case "--repeats" -> repeats = a.number(++i);
                case "--heap" -> heap = a.value(++i);
                case "--systems" -> systems = Arrays.stream(a.value(++i).split(",")).map(a::system).toList();
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (sessions < 1 || znodes < 1 || perSession < 1 || repeats < 1) {
            usage("--sessions, --watches-per-session, --znodes and --repeats must be positive");
        }
        String classPath = System.getProperty("java.class.path");
        List<Sample> samples = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            List<SystemKind> order = new ArrayList<>(systems);
            if (r % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (SystemKind kind : order) {
                Sample s = measure(kind, r, out.resolve("repeat-" + r).resolve(kind.label()), classPath, heap, sessions,
                    perSession, znodes);
                System.out.printf(Locale.ROOT, "repeat %d %s: baseline %,d B, +%,d sessions %,d B, +%,d watches %,d B:"
                        + " %,.0f B a session, %,.0f B a watch%n", r, kind.label(), s.baseline, sessions, s.withSessions,
                    s.watches, s.withWatches, s.perSession(), s.perWatch());
                samples.add(s);
            }
        }
        String command = "java -cp \"$(cat benchmarks-zookeeper/target/classpath.txt):benchmarks-zookeeper/target/classes\" "
            + "io.synod.benchmarks.zookeeper.MemoryMain " + String.join(" ", args);
        String table = markdown(samples, systems, command);
        Files.createDirectories(out);
        Files.writeString(out.resolve("memory.md"), table);
        System.out.print(table);
    }

    static Sample measure(SystemKind kind, int repeat, Path dir, String classPath, String heap, int sessions,
                          int perSession, int znodes) {
        List<String> config = List.of("maxSessionTimeout=" + SESSION_TIMEOUT_MILLIS, "maxClientCnxns=0");
        try (Ensemble e = Ensemble.start(kind, 1, dir, classPath, heap, false, config)) {
            create(e.connectString(), znodes);
            long pid = e.pid(1);
            long baseline = LiveHeap.bytes(pid, 2);
            InetSocketAddress address = new InetSocketAddress("127.0.0.1",
                Integer.parseInt(e.connectString(1).substring(e.connectString(1).lastIndexOf(':') + 1)));
            try (IdleSessions idle = new IdleSessions(address, SESSION_TIMEOUT_MILLIS)) {
                idle.open(sessions);
                long withSessions = LiveHeap.bytes(pid, 2);
                idle.watch(PREFIX, znodes, perSession);
                long withWatches = LiveHeap.bytes(pid, 2);
                return new Sample(kind, repeat, baseline, withSessions, withWatches, sessions, (long) sessions * perSession);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("the memory measurement of " + kind.label() + " failed", ex);
        }
    }

    /** Creates the znodes to watch with asynchronous creates (one fsync for many, on either system). */
    private static void create(String connect, int znodes) throws IOException {
        ZooKeeper zk = null;
        try {
            zk = Sessions.open(connect, System.nanoTime() + TimeUnit.MINUTES.toNanos(3));
            CountDownLatch done = new CountDownLatch(znodes);
            AtomicReference<String> failure = new AtomicReference<>();
            for (int i = 0; i < znodes; i++) {
                zk.create(PREFIX + i, new byte[16], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, (rc, path, ctx, name) -> {
                    if (rc != KeeperException.Code.OK.intValue() && rc != KeeperException.Code.NODEEXISTS.intValue()) {
                        failure.compareAndSet(null, path + ": " + KeeperException.Code.get(rc));
                    }
                    done.countDown();
                }, null);
            }
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the znodes to watch were not created within 10 minutes");
            }
            if (failure.get() != null) {
                throw new IllegalStateException("cannot create the znodes to watch: " + failure.get());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        } finally {
            Sessions.close(zk);
        }
    }

    static String markdown(List<Sample> samples, List<SystemKind> systems, String command) {
        StringBuilder b = new StringBuilder();
        b.append("`").append(command).append("`\n\n");
        b.append("| system | bytes a session, per repeat | median | bytes a watch, per repeat | median |\n");
        b.append("|---|---|---|---|---|\n");
        Map<SystemKind, double[]> medians = new LinkedHashMap<>();
        for (SystemKind kind : systems) {
            List<Sample> mine = samples.stream().filter(s -> s.system == kind).toList();
            double[] session = mine.stream().mapToDouble(Sample::perSession).toArray();
            double[] watch = mine.stream().mapToDouble(Sample::perWatch).toArray();
            medians.put(kind, new double[] {median(session), median(watch)});
            b.append("| ").append(kind.label()).append(" | ").append(list(session)).append(" | ")
                .append(String.format(Locale.ROOT, "%,.0f", median(session))).append(" | ").append(list(watch))
                .append(" | ").append(String.format(Locale.ROOT, "%,.0f", median(watch))).append(" |\n");
        }
        double[] zk = medians.get(SystemKind.ZOOKEEPER);
        if (zk != null) {
            b.append('\n');
            for (Map.Entry<SystemKind, double[]> m : medians.entrySet()) {
                if (m.getKey() != SystemKind.ZOOKEEPER) {
                    b.append(String.format(Locale.ROOT, "%s/ZooKeeper: %.2fx a session, %.2fx a watch (medians)%n",
                        m.getKey().label(), m.getValue()[0] / zk[0], m.getValue()[1] / zk[1]));
                }
            }
        }
        return b.toString();
    }

    private static String list(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", v));
        }
        return b.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }




    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: MemoryMain [--out DIR] [--sessions N] [--watches-per-session W] [--znodes Z]"
            + " [--repeats R] [--systems synod-zab,synod-multi-paxos,zookeeper] [--heap 2g]");
        System.exit(2);
    }
}
