package io.synod.benchmarks.zookeeper;

import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What an idle ensemble costs, Synod against Apache ZooKeeper in the same run:
 * {@code java -cp <class path> io.synod.benchmarks.zookeeper.IdleCpuMain --out target/idle [--seconds S]
 * [--sessions K] [--repeats R] [--systems synod-zab,synod-multi-paxos,zookeeper]}.
 *
 * <p>Each system's 3-server ensemble is started, given {@code K} idle sessions spread over its servers
 * (their clients ping, as an application's do), left to settle for 10 s (start-up, the compilers), and
 * then the processor time of each server process, user and system, is read over {@code S} seconds: an
 * operator's bill for a coordination service that mostly waits. Every server is stopped by its PID.
 */
public final class IdleCpuMain {

    private static final long SETTLE_MILLIS = 10_000;

    /** One system's servers' processor time over one idle window. */
    record Sample(SystemKind system, int repeat, long windowNanos, long[] serverNanos) {

        /** A server's share of one core, in percent. */
        double percentOfACore(int server) {
            return 100.0 * serverNanos[server] / windowNanos;
        }

        double meanPercentOfACore() {
            return 100.0 * Arrays.stream(serverNanos).sum() / serverNanos.length / windowNanos;
        }
    }

    private IdleCpuMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path out = Path.of("target/idle");
        int seconds = 20;
        int sessions = 0;
        int repeats = 2;
        List<SystemKind> systems = List.of(SystemKind.SYNOD_ZAB, SystemKind.SYNOD_MULTI_PAXOS, SystemKind.ZOOKEEPER);
        Args a = new Args(args, IdleCpuMain::usage);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(a.value(++i));
                case "--seconds" -> seconds = a.number(++i);
                case "--sessions" -> sessions = a.number(++i);
                case "--repeats" -> repeats = a.number(++i);
                case "--systems" -> systems = Arrays.stream(a.value(++i).split(",")).map(a::system).toList();
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (seconds < 1 || sessions < 0 || repeats < 1) {
            usage("--seconds and --repeats must be positive, --sessions not negative");
        }
        Files.createDirectories(out);
        String classPath = System.getProperty("java.class.path");
        List<Sample> samples = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (SystemKind system : systems) {
                try (Ensemble e = Ensemble.start(system, 3, out.resolve(system.label() + "-" + repeat), classPath, "1g")) {
                    Sample s = measure(e, repeat, sessions, SETTLE_MILLIS, seconds * 1_000L);
                    samples.add(s);
                    System.out.printf(Locale.ROOT, "repeat %d %-18s %.2f%% of a core a server%n", repeat,
                        system.label(), s.meanPercentOfACore());
                }
            }
        }
        String table = table(samples, sessions, args);
        Files.writeString(out.resolve("idle-cpu.md"), table);
        System.out.print(table);
    }

    /** Opens {@code sessions} idle sessions, waits {@code settleMillis}, then reads the servers' time over {@code windowMillis}. */
    static Sample measure(Ensemble e, int repeat, int sessions, long settleMillis, long windowMillis)
        throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        List<ZooKeeper> open = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                open.add(Sessions.open(e.connectString(1 + i % e.size()), deadline));
            }
            Thread.sleep(settleMillis);
            long[] before = new long[e.size()];
            for (int id = 1; id <= e.size(); id++) {
                before[id - 1] = CpuUse.nanosOf(List.of(e.pid(id)));
            }
            long start = System.nanoTime();
            Thread.sleep(windowMillis);
            long[] spent = new long[e.size()];
            for (int id = 1; id <= e.size(); id++) {
                spent[id - 1] = CpuUse.nanosOf(List.of(e.pid(id))) - before[id - 1];
            }
            return new Sample(e.kind(), repeat, System.nanoTime() - start, spent);
        } finally {
            open.forEach(Sessions::close);
        }
    }

    static String table(List<Sample> samples, int sessions, String[] args) {
        StringBuilder b = new StringBuilder();
        b.append("Command: `java -cp \"$(cat benchmarks-zookeeper/target/classpath.txt):benchmarks-zookeeper/target/classes\""
            + " io.synod.benchmarks.zookeeper.IdleCpuMain ").append(String.join(" ", args)).append("`\n\n");
        b.append(String.format(Locale.ROOT, "3 servers a system, %d idle session(s), 10 s to settle; processor time"
            + " (user and system) of each server process over the window, in percent of one core.%n%n", sessions));
        b.append("| system | repeat | window s | server 1 | server 2 | server 3 | mean |\n|---|---|---|---|---|---|---|\n");
        for (Sample s : samples) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.2f | %.2f | %.2f | %.2f |%n", s.system().label(),
                s.repeat(), s.windowNanos() / 1e9, s.percentOfACore(0), s.percentOfACore(1), s.percentOfACore(2),
                s.meanPercentOfACore()));
        }
        return b.toString();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: IdleCpuMain [--out DIR] [--seconds S] [--sessions K] [--repeats R]"
            + " [--systems synod-zab,synod-multi-paxos,zookeeper]");
        System.exit(2);
    }
}
