package io.synod.benchmarks.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ensemble of one system's servers, each a separate JVM on 127.0.0.1 with free ports and the same heap,
 * data under {@code dir/server-N}. Servers can be killed (SIGKILL) and restarted on the same data; every
 * process started is stopped by its handle in {@link #close()} (and by {@link ProcessRegistry}'s hook).
 */
public final class Ensemble implements AutoCloseable {

    /** The lines Synod's CoordinationMain prints when its replica starts or stops leading; the last one counts. */
    static final Pattern SYNOD_LEADERSHIP = Pattern.compile("synod-coordination server (\\d+) is (leader|following)");

    private static final Duration READY_BOUND = Duration.ofMinutes(3);

    private final SystemKind kind;
    private final Path dir;
    private final String classPath;
    private final List<String> jvmOptions;
    private final int[] clientPorts;
    private final ServerProcess[] servers;
    private final int[] incarnations;
    private final List<Long> pids = new ArrayList<>();

    private final boolean jfr;
    private final CpuSplit cpus;

    private Ensemble(SystemKind kind, int size, Path dir, String classPath, String heap, boolean jfr,
                     List<String> extraConfig, CpuSplit cpus) {
        this.jfr = jfr;
        this.cpus = cpus;
        this.kind = kind;
        this.dir = dir;
        this.classPath = classPath;
        this.jvmOptions = List.of("-Xmx" + heap, "-XX:+UseG1GC",
            "-Dzookeeper.admin.enableServer=false", "-Dzookeeper.jmx.log4j.disable=true");
        int[] ports = FreePorts.take(3 * size);
        this.clientPorts = new int[size];
        int[] peerPorts = new int[size];
        int[] electionPorts = new int[size];
        for (int i = 0; i < size; i++) {
            clientPorts[i] = ports[3 * i];
            peerPorts[i] = ports[3 * i + 1];
            electionPorts[i] = ports[3 * i + 2];
        }
        this.servers = new ServerProcess[size];
        this.incarnations = new int[size];
        try {
            for (int id = 1; id <= size; id++) {
                Path data = dataDir(id);
                Files.createDirectories(data);
                Files.writeString(data.resolve("myid"), Integer.toString(id));
                List<String> lines = new ArrayList<>(kind.config(id, data.toAbsolutePath().toString(), clientPorts,
                    peerPorts, electionPorts));
                lines.addAll(extraConfig);
                Files.write(config(id), lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration under " + dir, e);
        }
    }

    /** Starts {@code size} servers of {@code kind} and waits until each serves a read. */
    public static Ensemble start(SystemKind kind, int size, Path dir, String classPath, String heap) {
        return start(kind, size, dir, classPath, heap, false);
    }

    /** As {@link #start(SystemKind, int, Path, String, String)}; {@code jfr}: each server records a JFR profile. */
    public static Ensemble start(SystemKind kind, int size, Path dir, String classPath, String heap, boolean jfr) {
        return start(kind, size, dir, classPath, heap, jfr, List.of());
    }

    /** As {@link #start(SystemKind, int, Path, String, String, boolean)}, with lines added to every zoo.cfg. */
    public static Ensemble start(SystemKind kind, int size, Path dir, String classPath, String heap, boolean jfr,
                                 List<String> extraConfig) {
        return start(kind, size, dir, classPath, heap, jfr, extraConfig, CpuSplit.NONE);
    }

    /** As {@link #start(SystemKind, int, Path, String, String, boolean, List)}, every server started on {@code cpus}' server processors. */
    public static Ensemble start(SystemKind kind, int size, Path dir, String classPath, String heap, boolean jfr,
                                 List<String> extraConfig, CpuSplit cpus) {
        Ensemble e = new Ensemble(kind, size, dir, classPath, heap, jfr, extraConfig, cpus);
        try {
            for (int id = 1; id <= size; id++) {
                e.launch(id);
            }
            for (int id = 1; id <= size; id++) {
                ServerProcess p = e.servers[id - 1];
                FirstRead.await(e.connectString(id), "/", READY_BOUND, p::isAlive);
            }
            return e;
        } catch (RuntimeException failure) {
            e.close();
            throw failure;
        }
    }

    public SystemKind kind() {
        return kind;
    }

    public int size() {
        return servers.length;
    }

    /** Every server's client address, for sessions free to move. */
    public String connectString() {
        StringJoiner j = new StringJoiner(",");
        for (int port : clientPorts) {
            j.add("127.0.0.1:" + port);
        }
        return j.toString();
    }

    /** Server {@code id}'s client address alone. */
    public String connectString(int id) {
        return "127.0.0.1:" + clientPorts[id - 1];
    }

    /** Every server's address but {@code id}'s. */
    public String connectStringWithout(int id) {
        StringJoiner j = new StringJoiner(",");
        for (int i = 1; i <= servers.length; i++) {
            if (i != id) {
                j.add(connectString(i));
            }
        }
        return j.toString();
    }

    /**
     * The current leader if the servers tell it: ZooKeeper's {@code srvr} "Mode: leader", Synod's last
     * "is leader" / "is following" line on stdout (the live servers' current incarnation; counted only if
     * exactly one server leads).
     */
    public Optional<Integer> leader() {
        List<Integer> found = new ArrayList<>();
        for (int id = 1; id <= servers.length; id++) {
            if (servers[id - 1] == null || !servers[id - 1].isAlive()) {
                continue;
            }
            if (kind.isSynod()) {
                if (leads(servers[id - 1].stdout())) {
                    found.add(id);
                }
            } else if (FourLetterWord.mode(clientPorts[id - 1]).filter(mode -> mode.equals("leader")).isPresent()) {
                found.add(id);
            }
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** Whether the last leadership line in a Synod server's output says it leads. */
    static boolean leads(String stdout) {
        Matcher m = SYNOD_LEADERSHIP.matcher(stdout);
        String last = null;
        while (m.find()) {
            last = m.group(2);
        }
        return "leader".equals(last);
    }

    /** SIGKILL of server {@code id}; returns {@link System#nanoTime()} just before the signal. */
    public long kill(int id) {
        long t = System.nanoTime();
        servers[id - 1].kill();
        return t;
    }

    /** Starts server {@code id} again on its data; returns the new process (its start time included). */
    public ServerProcess restart(int id) {
        if (servers[id - 1] != null && servers[id - 1].isAlive()) {
            throw new IllegalStateException(servers[id - 1] + " is still running");
        }
        return launch(id);
    }

    /** Waits until server {@code id} serves a read of {@code path}; returns {@link System#nanoTime()} then. */
    public long awaitRead(int id, String path, Duration bound) {
        ServerProcess p = servers[id - 1];
        return FirstRead.await(connectString(id), path, bound, p::isAlive);
    }

    /** The PID of server {@code id}'s current process. */
    public long pid(int id) {
        return servers[id - 1].pid();
    }

    /** The PIDs of every process this ensemble started. */
    public List<Long> pids() {
        return List.copyOf(pids);
    }

    @Override
    public void close() {
        for (ServerProcess s : servers) {
            if (s != null) {
                s.stop();
            }
        }
    }

    private ServerProcess launch(int id) {
        int incarnation = ++incarnations[id - 1];
        String name = kind.label() + "-" + id + (incarnation > 1 ? "-run" + incarnation : "");
        List<String> options = new ArrayList<>(jvmOptions);
        if (jfr) {
            options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                + dir.resolve("logs").resolve(name + ".jfr").toAbsolutePath());
        }
        ServerProcess p = ServerProcess.start(cpus.launcher(), name, classPath, options, kind.mainClass(),
            List.of(config(id).toAbsolutePath().toString()), dir.resolve("logs"));
        servers[id - 1] = p;
        pids.add(p.pid());
        return p;
    }

    private Path dataDir(int id) {
        return dir.resolve("server-" + id);
    }

    private Path config(int id) {
        return dir.resolve("zoo-" + id + ".cfg");
    }
}
