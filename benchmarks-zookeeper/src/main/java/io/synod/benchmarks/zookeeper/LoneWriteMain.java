package io.synod.benchmarks.zookeeper;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where a lone write's time goes, Synod against Apache ZooKeeper in the same run:
 * {@code java -cp <class path> io.synod.benchmarks.zookeeper.LoneWriteMain --out target/lone [--ops N]
 * [--repeats R] [--systems synod-zab,synod-multi-paxos,zookeeper] [--data-root DIR]}.
 *
 * <p>The comparison's {@code setData 1x1} connects its one session to any server, so a round mixes the
 * leader's path with a follower's, which forwards the write and waits for the commit to come back. Here each
 * system's 3-server ensemble gets a session on each server; once every server has served {@code N/2} lone
 * setData and getData calls unmeasured, each is asked in turn, one call at a time: {@code N} lone setData
 * calls, then {@code N} lone getData calls (one client round trip and no replication, the floor under every
 * request). With {@code --data-root} on a memory file system
 * ({@code /dev/shm}) every fsync returns at once, so a run there against one on the disk splits a write into
 * its fsync share and the rest: hops, thread hand-offs and processing. Every server is stopped by its PID.
 */
public final class LoneWriteMain {

    private static final String PATH = "/lone";

    /** One server's lone-call latencies, in microseconds. */
    record Sample(SystemKind system, int repeat, int server, boolean leader, long[] writeMicros, long[] readMicros) {

        long write(double quantile) {
            return at(writeMicros, quantile);
        }

        long read(double quantile) {
            return at(readMicros, quantile);
        }

        private static long at(long[] sorted, double quantile) {
            return sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))];
        }
    }

    private LoneWriteMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path out = Path.of("target/lone");
        Path dataRoot = null;
        int ops = 3_000;
        int repeats = 2;
        List<SystemKind> systems = List.of(SystemKind.SYNOD_ZAB, SystemKind.SYNOD_MULTI_PAXOS, SystemKind.ZOOKEEPER);
        Args a = new Args(args, LoneWriteMain::usage);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(a.value(++i));
                case "--data-root" -> dataRoot = Path.of(a.value(++i));
                case "--ops" -> ops = a.number(++i);
                case "--repeats" -> repeats = a.number(++i);
                case "--systems" -> systems = Arrays.stream(a.value(++i).split(",")).map(a::system).toList();
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (ops < 10 || repeats < 1) {
            usage("--ops must be at least 10 and --repeats positive");
        }
        Files.createDirectories(out);
        Path data = out;
        if (dataRoot != null) {
            Files.createDirectories(dataRoot);
            data = Files.createTempDirectory(dataRoot, "synod-lone-");
        }
        String classPath = System.getProperty("java.class.path");
        List<Sample> samples = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (SystemKind system : systems) {
                Path dir = data.resolve(system.label() + "-" + repeat);
                try (Ensemble e = Ensemble.start(system, 3, dir, classPath, "1g")) {
                    samples.addAll(measure(e, repeat, ops));
                }
                if (dataRoot != null) {
                    deleteTree(dir); // a memory file system holds it in RAM
                }
            }
        }
        if (dataRoot != null) {
            deleteTree(data);
        }
        String table = table(samples, dataRoot, args);
        Files.writeString(out.resolve("lone-writes.md"), table);
        System.out.print(table);
    }

    static List<Sample> measure(Ensemble e, int repeat, int ops) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        ZooKeeper setup = Sessions.open(e.connectString(), deadline);
        try {
            setup.create(PATH, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException ignored) {
            // a restarted run's node
        } catch (KeeperException ex) {
            throw new IllegalStateException("cannot create " + PATH + " on " + e.kind().label(), ex);
        } finally {
            Sessions.close(setup);
        }
        int leader = e.leader().orElse(-1);
        byte[] value = new byte[100];
        List<ZooKeeper> sessions = new ArrayList<>();
        try {
            for (int id = 1; id <= e.size(); id++) {
                sessions.add(Sessions.open(e.connectString(id), deadline));
            }
            // Every server's path warms before any is measured: the first server asked would otherwise
            // also pay for the leader's and its own compiler still at work.
            for (int id = 1; id <= e.size(); id++) {
                for (int i = 0; i < ops / 2; i++) {
                    call(sessions.get(id - 1), e, id, true, value);
                    call(sessions.get(id - 1), e, id, false, value);
                }
            }
            List<Sample> found = new ArrayList<>();
            for (int id = 1; id <= e.size(); id++) {
                long[] writes = timed(sessions.get(id - 1), e, id, true, value, ops);
                long[] reads = timed(sessions.get(id - 1), e, id, false, value, ops);
                Sample s = new Sample(e.kind(), repeat, id, id == leader, writes, reads);
                found.add(s);
                System.out.printf(Locale.ROOT, "repeat %d %-18s server %d %-8s write p50 %5d us  read p50 %5d us%n",
                    repeat, e.kind().label(), id, s.leader() ? "leader" : "follower", s.write(0.5), s.read(0.5));
            }
            return found;
        } finally {
            sessions.forEach(Sessions::close);
        }
    }

    /** {@code ops} lone calls through {@code zk}, each one's microseconds, sorted. */
    private static long[] timed(ZooKeeper zk, Ensemble e, int id, boolean write, byte[] value, int ops)
        throws InterruptedException {
        long[] micros = new long[ops];
        for (int i = 0; i < ops; i++) {
            long start = System.nanoTime();
            call(zk, e, id, write, value);
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(micros);
        return micros;
    }

    private static void call(ZooKeeper zk, Ensemble e, int id, boolean write, byte[] value) throws InterruptedException {
        try {
            if (write) {
                zk.setData(PATH, value, -1);
            } else {
                zk.getData(PATH, false, null);
            }
        } catch (KeeperException ex) {
            throw new IllegalStateException("a lone call failed on " + e.kind().label() + " server " + id, ex);
        }
    }

    static String table(List<Sample> samples, Path dataRoot, String[] args) {
        StringBuilder b = new StringBuilder();
        b.append("Command: `java -cp \"$(cat benchmarks-zookeeper/target/classpath.txt):benchmarks-zookeeper/target/classes\""
            + " io.synod.benchmarks.zookeeper.LoneWriteMain ").append(String.join(" ", args)).append("`\n\n");
        b.append(dataRoot == null ? "Data on the disk of --out (fsync on).\n\n"
            : "Data under " + dataRoot + " (its fsync cost, whatever that file system gives).\n\n");
        b.append("| system | repeat | server | role | write p10 | write p50 | write p90 | write p99 | read p50 |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Sample s : samples) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %d | %d | %d | %d |%n", s.system().label(),
                s.repeat(), s.server(), s.leader() ? "leader" : "follower", s.write(0.1), s.write(0.5), s.write(0.9),
                s.write(0.99), s.read(0.5)));
        }
        b.append("\nMicroseconds, one session at a time; the lowest and highest of the per-server p50s, by role:\n\n");
        b.append("| system | leader write p50 | follower write p50 | read p50 |\n|---|---|---|---|\n");
        for (SystemKind k : samples.stream().map(Sample::system).distinct().toList()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", k.label(),
                range(samples, k, Boolean.TRUE, true), range(samples, k, Boolean.FALSE, true), range(samples, k, null, false)));
        }
        return b.toString();
    }

    /** The lowest and highest write or read p50 of {@code system}'s servers in one role ({@code null}: any). */
    private static String range(List<Sample> samples, SystemKind system, Boolean leader, boolean write) {
        long[] p50s = samples.stream().filter(s -> s.system() == system && (leader == null || s.leader() == leader))
            .mapToLong(s -> write ? s.write(0.5) : s.read(0.5)).sorted().toArray();
        if (p50s.length == 0) {
            return "-";
        }
        return p50s[0] == p50s[p50s.length - 1] ? Long.toString(p50s[0]) : p50s[0] + "-" + p50s[p50s.length - 1];
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: LoneWriteMain [--out DIR] [--ops N] [--repeats R]"
            + " [--systems synod-zab,synod-multi-paxos,zookeeper] [--data-root DIR]");
        System.exit(2);
    }
}
