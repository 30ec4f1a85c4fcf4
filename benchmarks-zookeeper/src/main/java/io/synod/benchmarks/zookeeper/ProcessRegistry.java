package io.synod.benchmarks.zookeeper;

import java.util.ArrayList;
import java.util.List;

/**
 * Every process this JVM started, so that a shutdown hook can stop the ones still running when the harness
 * is interrupted (Ctrl-C) or fails half-way: each by its own handle, never by name.
 */
public final class ProcessRegistry {

    private static final List<Process> STARTED = new ArrayList<>();
    private static boolean hooked;

    private ProcessRegistry() {
    }

    static synchronized void register(Process p) {
        STARTED.add(p);
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(ProcessRegistry::killAll, "stop-started-servers"));
        }
    }

    /** The PIDs of every process started so far, alive or not. */
    public static synchronized List<Long> startedPids() {
        return STARTED.stream().map(Process::pid).toList();
    }

    private static void killAll() {
        List<Process> copy;
        synchronized (ProcessRegistry.class) {
            copy = new ArrayList<>(STARTED);
        }
        for (Process p : copy) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
