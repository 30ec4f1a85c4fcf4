package io.synod.examples.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code synod-node} child process of a test, started from the test's own class path, with
 * its standard output and error in files under {@code target/}. It is stopped only through its
 * {@link Process} handle: {@link #kill} is SIGKILL ({@code destroyForcibly}), {@link #stop} is
 * SIGTERM ({@code destroy}). Each start of the node is a new incarnation with files of its own.
 */
final class NodeProcess {

    /**
     * One garbage collector thread and no optimising compiler: four JVMs share two cores. The heap
     * is not the smallest that serves the workload: a restarted node once ran out of 128 MB while
     * decoding the snapshots its leader sent as it caught up (it then stopped, as it must).
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");

    final int id;
    final String name;
    final Path config;
    final int clientPort;
    private final Path logs;
    private final List<Path> outputs = new ArrayList<>();
    private Process process;
    private int incarnation;

    /** Node {@code id}, whose output files are named {@code <name>.<incarnation>.out} and {@code .err} in {@code logs}. */
    NodeProcess(int id, String name, Path config, int clientPort, Path logs) {
        this.id = id;
        this.name = name;
        this.config = config;
        this.clientPort = clientPort;
        this.logs = logs;
    }

    /** Starts a new incarnation of the node. */
    void start() {
        if (isAlive()) {
            throw new IllegalStateException("node " + id + " runs already, pid " + process.pid());
        }
        incarnation++;
        Path out = logs.resolve(name + "." + incarnation + ".out");
        Path err = logs.resolve(name + "." + incarnation + ".err");
        outputs.add(out);
        outputs.add(err);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SynodNode.class.getName());
        command.add(config.toString());
        try {
            process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + id, e);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL through the handle, then waits for the process to be gone. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM through the handle; returns the exit status once the process has ended. */
    int stop(Duration bound) {
        process.destroy();
        return waitFor(bound);
    }

    /** Waits for the process to end; SIGKILLs it and fails if it outlives {@code bound}. */
    int waitFor(Duration bound) {
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("node " + id + " (pid " + process.pid() + ") did not end within " + bound);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while waiting for node " + id, e);
        }
        return process.exitValue();
    }

    /** Standard output of the current incarnation. */
    String currentOutput() {
        return outputs.isEmpty() ? "" : read(outputs.get(outputs.size() - 2));
    }

    /** Standard error of the current incarnation. */
    String currentErrors() {
        return outputs.isEmpty() ? "" : read(outputs.get(outputs.size() - 1));
    }

    /** The last lines of every file this node wrote, oldest incarnation first. */
    String tails(int lines) {
        StringBuilder all = new StringBuilder();
        for (Path file : outputs) {
            List<String> content = read(file).lines().toList();
            all.append("----- ").append(file).append(" (").append(content.size()).append(" lines, last ")
                .append(Math.min(lines, content.size())).append(")\n");
            content.subList(Math.max(0, content.size() - lines), content.size()).forEach(l -> all.append(l).append('\n'));
        }
        return all.toString();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
