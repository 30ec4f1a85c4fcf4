package io.synod.examples.coordination.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CoordinationMain as a process (java on this test's class path), driven by ZooKeeper's own zkCli
 * ({@code org.apache.zookeeper.ZooKeeperMain} with a command, a process too): create, ls, get, set,
 * delete; SIGTERM stops it cleanly and a restart on the same dataDir finds the znodes.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CoordinationProcessTest {

    private static final Pattern SERVING = Pattern.compile("serving ZooKeeper clients on ([0-9.]+):(\\d+)");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Process java(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    /** Starts the server and returns its host:port, read from what it prints. */
    private String startServer(Path cfg, BlockingQueue<String> lines) throws Exception {
        Process p = java("io.synod.examples.coordination.server.CoordinationMain", cfg.toString());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    return m.group(1) + ":" + m.group(2);
                }
            }
            if (!p.isAlive()) {
                throw new AssertionError("the server exited with " + p.exitValue());
            }
        }
        throw new AssertionError("the server did not say where it listens within 90 s");
    }

    private String zkCli(String server, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("-server", server));
        args.addAll(List.of(command));
        Process p = java("org.apache.zookeeper.ZooKeeperMain", args.toArray(String[]::new));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "zkCli " + String.join(" ", command) + " did not end");
        return out;
    }

    private static void assertLine(String output, String line) {
        assertTrue(output.lines().anyMatch(l -> l.trim().equals(line)), "no line '" + line + "' in:\n" + output);
    }

    @ParameterizedTest
    @EnumSource(Replication.class)
    void zkCliAgainstTheProcessAndARestart(Replication replication) throws Exception {
        Path cfg = dir.resolve("zoo.cfg");
        Files.writeString(cfg, "clientPort=0\ndataDir=" + dir.resolve("data") + "\nprotocol=" + replication.configName() + "\n");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        String server = startServer(cfg, lines);

        zkCli(server, "create", "/hello", "world");
        zkCli(server, "create", "/hello/kid", "k");
        assertLine(zkCli(server, "get", "/hello"), "world");
        assertLine(zkCli(server, "ls", "/"), "[hello, zookeeper]");
        zkCli(server, "set", "/hello", "again");
        zkCli(server, "delete", "/hello/kid");
        assertLine(zkCli(server, "ls", "/hello"), "[]");

        Process first = started.get(0);
        first.destroy();   // SIGTERM
        assertTrue(first.waitFor(60, TimeUnit.SECONDS), "SIGTERM stopped the server");
        assertEquals(143, first.exitValue(), "ended by the signal, after its shutdown hook");

        String again = startServer(cfg, new LinkedBlockingQueue<>());
        String got = zkCli(again, "get", "/hello");
        assertLine(got, "again");
    }
}
