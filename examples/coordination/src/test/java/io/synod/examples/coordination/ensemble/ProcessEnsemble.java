package io.synod.examples.coordination.ensemble;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * An ensemble of {@code CoordinationMain} processes on 127.0.0.1, each with its own zoo.cfg, data
 * directory and ports, started with this JVM's class path. A server can be killed (SIGKILL), paused
 * (SIGSTOP), resumed (SIGCONT) and restarted on the same data directory; every signal goes to the
 * process by its PID. The leader is read from what the servers print ({@code synod-coordination
 * server N is leader} / {@code ... is following}). {@link #close()}, or a JVM shutdown hook if the
 * test never gets there, kills every process this ensemble started.
 */
final class ProcessEnsemble implements AutoCloseable {

    static final String MAIN = "io.synod.examples.coordination.server.CoordinationMain";
    static final String ZAB = "zab";
    static final String MULTI_PAXOS = "multi-paxos";

    /** Lines kept per server for failure messages. */
    private static final int TAIL = 40;

    private final Path root;
    private final int size;
    private final List<String> jvmOptions;
    private final int[] clientPorts;
    private final Server[] servers;
    /** Orders the leadership lines of all servers: a later "is leader" line names a later leader. */
    private final AtomicLong lineClock = new AtomicLong();
    private final Thread shutdownHook;

    /** One server: its current process (null while down) and what it printed. */
    private static final class Server {
        final int id;
        final Path config;
        final Path log;
        volatile Process process;
        volatile boolean paused;
        volatile boolean serving;
        /** The line clock of its last "is leader" line, 0 if it printed "is following" since or restarted. */
        volatile long leaderSince;
        final Deque<String> tail = new ArrayDeque<>();

        Server(int id, Path config, Path log) {
            this.id = id;
            this.config = config;
            this.log = log;
        }

        synchronized void heard(String line) {
            if (tail.size() == TAIL) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }

        synchronized String tail() {
            return String.join("\n", tail);
        }
    }

    private ProcessEnsemble(Path root, int size, List<String> jvmOptions, int[] clientPorts, Server[] servers) {
        this.root = root;
        this.size = size;
        this.jvmOptions = jvmOptions;
        this.clientPorts = clientPorts;
        this.servers = servers;
        this.shutdownHook = new Thread(this::killAll, "process-ensemble-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code size} voters running {@code protocol} under {@code root}, each with -Xmx256m. */
    static ProcessEnsemble start(Path root, int size, String protocol) throws Exception {
        return start(root, size, 0, protocol);
    }

    /** Starts {@code voters} voters and {@code observers} observers (ids after the voters'), each with -Xmx256m. */
    static ProcessEnsemble start(Path root, int voters, int observers, String protocol) throws Exception {
        return start(root, voters, observers, protocol, List.of("-Xmx256m", "-XX:+UseSerialGC"));
    }

    /** Starts {@code size} voters and waits until each serves clients and one of them leads. */
    static ProcessEnsemble start(Path root, int size, String protocol, List<String> jvmOptions) throws Exception {
        return start(root, size, 0, protocol, jvmOptions);
    }

    /**
     * Starts the servers ({@code server.N=...:observer} and {@code peerType=observer} for an observer)
     * and waits until each serves clients and one of them leads.
     */
    static ProcessEnsemble start(Path root, int voters, int observers, String protocol, List<String> jvmOptions)
        throws Exception {
        int size = voters + observers;
        int[] ports = freePorts(3 * size);
        int[] clientPorts = new int[size + 1];
        StringBuilder members = new StringBuilder();
        for (int id = 1; id <= size; id++) {
            clientPorts[id] = ports[3 * (id - 1)];
            members.append("server.").append(id).append("=127.0.0.1:").append(ports[3 * (id - 1) + 1]).append(':')
                .append(ports[3 * (id - 1) + 2]).append(id > voters ? ":observer\n" : "\n");
        }
        Server[] servers = new Server[size + 1];
        for (int id = 1; id <= size; id++) {
            Path data = Files.createDirectories(root.resolve("server-" + id));
            Path config = root.resolve("zoo-" + id + ".cfg");
            Files.writeString(config, "tickTime=3000\n"   // sessions of up to 60 s: longer than any freeze in the tests
                + "clientPortAddress=127.0.0.1\n"
                + "clientPort=" + clientPorts[id] + "\n"
                + "dataDir=" + data + "\n"
                + "protocol=" + protocol + "\n"
                + "secret=process-ensemble\n"
                + "myid=" + id + "\n"
                + (id > voters ? "peerType=observer\n" : "")
                + members);
            servers[id] = new Server(id, config, root.resolve("server-" + id + ".out"));
        }
        ProcessEnsemble ensemble = new ProcessEnsemble(root, size, List.copyOf(jvmOptions), clientPorts, servers);
        try {
            for (int id = 1; id <= size; id++) {
                ensemble.launch(id);
            }
            for (int id = 1; id <= size; id++) {
                ensemble.awaitServing(id);
            }
            ensemble.awaitLeader();
        } catch (Exception | AssertionError e) {
            ensemble.close();
            throw e;
        }
        return ensemble;
    }

    int size() {
        return size;
    }

    /** host:port of server {@code id}'s client port. */
    String connectString(int id) {
        return "127.0.0.1:" + clientPorts[id];
    }

    /** host:port of every server, in id order (up or not: clients move on from a server that is down). */
    String connectString() {
        StringJoiner all = new StringJoiner(",");
        for (int id = 1; id <= size; id++) {
            all.add(connectString(id));
        }
        return all.toString();
    }

    long pid(int id) {
        Process p = servers[id].process;
        if (p == null) {
            throw new IllegalStateException("server " + id + " is not running");
        }
        return p.pid();
    }

    Path dataDir(int id) {
        return root.resolve("server-" + id);
    }

    /** SIGKILL: the process ends without its shutdown hook, as in a crash or power loss of the process. */
    void kill(int id) throws InterruptedException {
        Server s = servers[id];
        Process p = s.process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("server " + id + " (pid " + p.pid() + ") outlived SIGKILL for 60 s");
        }
        s.process = null;
        s.paused = false;
        s.serving = false;
        s.leaderSince = 0;
    }

    /** Starts server {@code id} again on its data directory and waits until it serves clients. */
    void restart(int id) throws Exception {
        if (servers[id].process != null) {
            throw new IllegalStateException("server " + id + " is still running");
        }
        launch(id);
        awaitServing(id);
    }

    /** SIGSTOP: the process is frozen (a long GC pause, a stalled VM); its sockets stay open. */
    void pause(int id) throws Exception {
        signal(id, "-STOP");
        servers[id].paused = true;
    }

    /** SIGCONT: the frozen process runs on, unaware of the time that passed. */
    void resume(int id) throws Exception {
        signal(id, "-CONT");
        servers[id].paused = false;
    }

    /**
     * The running, unpaused server that announced leadership last and has not stepped down since;
     * waits (60 s at most) until there is one. A thawed old leader counts until it prints that it
     * follows, unless a later leader announced itself: this is what the servers say, not a proof.
     */
    int awaitLeader() throws InterruptedException {
        int[] found = {0};
        await("a leader among the running servers", () -> (found[0] = leader()) > 0);
        return found[0];
    }

    /** Like {@link #awaitLeader()}, for a leader other than {@code not}. */
    int awaitLeaderOtherThan(int not) throws InterruptedException {
        int[] found = {0};
        await("a leader other than server " + not, () -> {
            found[0] = leader();
            return found[0] > 0 && found[0] != not;
        });
        return found[0];
    }

    private int leader() {
        int best = 0;
        long latest = 0;
        for (int id = 1; id <= size; id++) {
            Server s = servers[id];
            if (s.process != null && !s.paused && s.serving && s.leaderSince > latest) {
                latest = s.leaderSince;
                best = id;
            }
        }
        return best;
    }

    /** The last line server {@code id} printed that contains {@code text}, or null. */
    String lastLine(int id, String text) {
        synchronized (servers[id]) {
            String found = null;
            for (String line : servers[id].tail) {
                if (line.contains(text)) {
                    found = line;
                }
            }
            return found;
        }
    }

    /** The last lines every server printed, for a failure message. */
    String tails() {
        StringBuilder b = new StringBuilder();
        for (int id = 1; id <= size; id++) {
            b.append("--- server ").append(id).append(" (").append(servers[id].log).append(")\n")
                .append(servers[id].tail()).append('\n');
        }
        return b.toString();
    }

    /** Kills every process this ensemble started, by its PID. */
    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs (or ran) anyway.
        }
    }

    private void killAll() {
        for (int id = 1; id <= size; id++) {
            Process p = servers[id].process;
            if (p != null) {
                p.destroyForcibly();   // SIGKILL ends a stopped process too
            }
        }
        for (int id = 1; id <= size; id++) {
            Process p = servers[id].process;
            if (p != null) {
                try {
                    p.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                servers[id].process = null;
            }
        }
    }

    private void launch(int id) throws IOException {
        Server s = servers[id];
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN, s.config.toString()));
        s.serving = false;
        s.leaderSince = 0;
        s.paused = false;
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        s.process = p;
        Thread reader = new Thread(() -> read(s, p), "server-" + id + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Follows one process's output: readiness, leadership, and a copy in the server's log file. */
    private void read(Server s, Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(s.log, StandardCharsets.UTF_8,
                 StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            log.println("=== pid " + p.pid());
            String prefix = "synod-coordination server " + s.id + " ";
            for (String line; (line = in.readLine()) != null; ) {
                log.println(line);
                s.heard(line);
                if (s.process != p) {
                    continue;   // a killed process's last words
                }
                if (line.startsWith(prefix) && line.contains("serving ZooKeeper clients on")) {
                    s.serving = true;
                } else if (line.equals(prefix + "is leader")) {
                    s.leaderSince = lineClock.incrementAndGet();
                } else if (line.equals(prefix + "is following")) {
                    s.leaderSince = 0;
                }
            }
        } catch (IOException ended) {
            // The process ended.
        }
    }

    private void awaitServing(int id) throws InterruptedException {
        Server s = servers[id];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!s.serving) {
            Process p = s.process;
            if (p == null || !p.isAlive()) {
                throw new AssertionError("server " + id + " exited before serving:\n" + s.tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("server " + id + " did not serve clients within 120 s:\n" + s.tail());
            }
            Thread.sleep(20);
        }
    }

    private void signal(int id, String signal) throws Exception {
        long pid = pid(id);
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill " + signal + " " + pid + " failed: " + out);
        }
    }

    /** Polls a condition with a generous bound (a loaded 2-core machine). */
    void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 60 s\n" + tails());
            }
            Thread.sleep(10);
        }
    }

    /** Ports free at the moment of asking (all held open together, so they differ). */
    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
