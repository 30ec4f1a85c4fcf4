package io.synod.examples.coordination.service;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/synod-server and bin/synod-ensemble as an operator runs them, with the servers on this
 * test's class path (SYNOD_JAVA_CP) so that it runs before the shaded jar is packaged. Every server
 * a script started is stopped by the PID in its PID file, by the script or, after a failure, here.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServerScriptsTest {

    private static final Pattern CLIENTS = Pattern.compile("clients connect to ([0-9.]+:\\d+)");
    private static final Pattern CONNECT = Pattern.compile("connect with: (\\S+)");

    @TempDir
    Path dir;

    private final List<ZooKeeper> clients = new ArrayList<>();

    record Run(int exit, String output) {
    }

    /** Every server PID a script wrote, so that a failed test still stops what it started. */
    private final java.util.Set<Long> serverPids = new java.util.LinkedHashSet<>();

    @AfterEach
    void stopLeftovers() throws Exception {
        for (ZooKeeper zk : clients) {
            zk.close();
        }
        notePids();
        for (long pid : serverPids) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        }
    }

    private void notePids() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path pidFile : files.filter(f -> f.getFileName().toString().equals("zookeeper_server.pid")).toList()) {
                pid(pidFile).ifPresent(serverPids::add);
            }
        }
    }

    private static Path script(String name) {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bin").resolve(name))) {
                return p.resolve("bin").resolve(name);
            }
        }
        throw new AssertionError("no bin/" + name + " above " + here);
    }

    private Run run(String scriptName, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script(scriptName).toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = b.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SYNOD_JAVA_CP", System.getProperty("java.class.path"));
        env.put("JAVA_OPTS", "-Xmx256m");
        env.put("SYNOD_START_WAIT", "120");
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), scriptName + " " + String.join(" ", args) + " did not end:\n" + out);
        notePids();
        return new Run(p.exitValue(), out);
    }

    private static Optional<Long> pid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The lines a server started by the script printed so far. */
    private static List<String> outputLines(Path dataDir) {
        try {
            return Files.readAllLines(dataDir.resolve("synod-server.out"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private ZooKeeper client(String connect) throws Exception {
        ZooKeeper zk = Clients.connect(connect, 30_000).zk();
        clients.add(zk);
        return zk;
    }

    private static String group(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        assertTrue(m.find(), "no " + pattern + " in:\n" + output);
        return m.group(1);
    }

    @Test
    void synodServerStartsReportsAndStopsByItsPidFile() throws Exception {
        Path data = dir.resolve("data");
        Path cfg = dir.resolve("zoo.cfg");
        int port = freePort();
        Files.writeString(cfg, "tickTime=2000\ndataDir=" + data + "\nclientPort=" + port + "\n");

        Run started = run("synod-server", "start", cfg.toString());
        assertEquals(0, started.exit(), started.output());
        assertEquals("127.0.0.1:" + port, group(CLIENTS, started.output()));
        Path pidFile = data.resolve("zookeeper_server.pid");
        long pid = pid(pidFile).orElseThrow();
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        assertTrue(server.isAlive());

        ZooKeeper zk = client("127.0.0.1:" + port);
        LocalCluster.await("the leadership line", () -> outputLines(data).contains("synod-coordination server 1 is leader"));
        zk.create("/scripted", new byte[] {9}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        Run status = run("synod-server", "status", cfg.toString());
        assertEquals(0, status.exit(), status.output());
        assertTrue(status.output().contains("running (pid " + pid + ")"), status.output());
        assertTrue(status.output().contains("127.0.0.1:" + port), status.output());

        Run again = run("synod-server", "start", cfg.toString());
        assertNotEquals(0, again.exit());
        assertTrue(again.output().contains("already running as process " + pid), again.output());

        Run restarted = run("synod-server", "restart", cfg.toString());
        assertEquals(0, restarted.exit(), restarted.output());
        assertFalse(server.isAlive(), "restart stopped the first process");
        long second = pid(pidFile).orElseThrow();
        assertNotEquals(pid, second);
        zk.close();
        clients.remove(zk);
        assertArrayEquals(new byte[] {9}, client("127.0.0.1:" + port).getData("/scripted", false, null),
            "the restarted server found its data");

        Run stopped = run("synod-server", "stop", cfg.toString());
        assertEquals(0, stopped.exit(), stopped.output());
        assertFalse(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false), "the server process is gone");
        assertFalse(Files.exists(pidFile));
        Run down = run("synod-server", "status", cfg.toString());
        assertEquals(1, down.exit(), down.output());
        assertTrue(down.output().contains("not running"), down.output());
    }

    @Test
    void aServerThatCannotStartFailsWithTheEndOfItsLog() throws Exception {
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, "dataDir=" + dir.resolve("bad") + "\nclientPort=" + freePort() + "\ntickTime=soon\n");
        Run started = run("synod-server", "start", cfg.toString());
        assertEquals(1, started.exit(), started.output());
        assertTrue(started.output().contains("FAILED to start"), started.output());
        assertTrue(started.output().contains("tickTime=soon is not a number"), started.output());
        assertFalse(Files.exists(dir.resolve("bad").resolve("zookeeper_server.pid")));
    }

    @Test
    void synodEnsembleRunsThreeServersOnLoopbackAndStopsThemByPid() throws Exception {
        Path ensemble = dir.resolve("ensemble");
        Run started = run("synod-ensemble", "start", ensemble.toString());
        assertEquals(0, started.exit(), started.output());
        String connect = group(CONNECT, started.output());
        assertEquals(3, connect.split(",").length, connect);
        List<ProcessHandle> servers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            long pid = pid(ensemble.resolve("node-" + i).resolve("data").resolve("zookeeper_server.pid")).orElseThrow();
            servers.add(ProcessHandle.of(pid).orElseThrow());
        }
        String secret = Files.readAllLines(ensemble.resolve("node-1/zoo.cfg")).stream()
            .filter(l -> l.startsWith("secret=")).findFirst().orElseThrow();
        assertTrue(secret.length() > "secret=".length() + 16, "a generated secret: " + secret);

        String[] each = connect.split(",");
        ZooKeeper first = client(each[0]);
        first.create("/ensemble", new byte[] {3}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        ZooKeeper third = client(each[2]);
        third.sync("/", null, null);
        assertArrayEquals(new byte[] {3}, third.getData("/ensemble", false, null), "a write on one server, read on another");

        LocalCluster.await("one server saying it leads", () -> {
            for (int i = 1; i <= 3; i++) {
                if (outputLines(ensemble.resolve("node-" + i).resolve("data")).contains("synod-coordination server " + i + " is leader")) {
                    return true;
                }
            }
            return false;
        });

        Run status = run("synod-ensemble", "status", ensemble.toString());
        assertEquals(0, status.exit(), status.output());

        Run stopped = run("synod-ensemble", "stop", ensemble.toString());
        assertEquals(0, stopped.exit(), stopped.output());
        for (ProcessHandle server : servers) {
            assertFalse(server.isAlive(), "server " + server.pid() + " stopped");
        }
        Run down = run("synod-ensemble", "status", ensemble.toString());
        assertNotEquals(0, down.exit(), down.output());
    }
}
