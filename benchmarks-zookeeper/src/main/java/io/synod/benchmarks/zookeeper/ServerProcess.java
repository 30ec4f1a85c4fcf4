package io.synod.benchmarks.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One server JVM started by this harness. Its stdout and stderr go to files beside its data so a failed
 * run can be read afterwards; it is stopped through its own {@link Process} handle (SIGTERM, then SIGKILL
 * if it does not exit), never by name, so nothing else on the machine is touched.
 */
public final class ServerProcess {

    private static final long STOP_GRACE_MILLIS = 15_000;

    private final String name;
    private final Process process;
    private final Path stdout;
    private final long startNanos;

    private ServerProcess(String name, Process process, Path stdout, long startNanos) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.startNanos = startNanos;
    }

    /** Starts {@code java <jvmOptions> -cp classPath mainClass args}; output goes to logDir/name.out and .err. */
    public static ServerProcess start(String name, String classPath, List<String> jvmOptions, String mainClass,
                                      List<String> args, Path logDir) {
        return start(List.of(), name, classPath, jvmOptions, mainClass, args, logDir);
    }

    /** As {@link #start(String, String, List, String, List, Path)}, the command led by {@code launcher} (which must exec java). */
    public static ServerProcess start(List<String> launcher, String name, String classPath, List<String> jvmOptions,
                                      String mainClass, List<String> args, Path logDir) {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(logDir);
            Path out = logDir.resolve(name + ".out");
            Path err = logDir.resolve(name + ".err");
            ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
            long t0 = System.nanoTime();
            Process p = pb.start();
            ProcessRegistry.register(p);
            return new ServerProcess(name, p, out, t0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + mainClass + ")", e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long startNanos() {
        return startNanos;
    }

    /** What the process printed on stdout so far. */
    public String stdout() {
        try {
            return Files.exists(stdout) ? Files.readString(stdout, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGKILL: the crash a failover measurement starts from. Returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(STOP_GRACE_MILLIS);
    }

    /** SIGTERM, then SIGKILL after a grace period; returns once the process is gone. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(STOP_GRACE_MILLIS)) {
            process.destroyForcibly();
            awaitExit(STOP_GRACE_MILLIS);
        }
    }

    private boolean awaitExit(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
