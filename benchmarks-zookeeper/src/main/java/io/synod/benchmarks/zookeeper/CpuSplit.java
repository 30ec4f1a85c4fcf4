package io.synod.benchmarks.zookeeper;

import java.io.IOException;
import java.util.List;

/**
 * Which processors the servers and the load driver may run on ({@code taskset} lists such as
 * {@code 1} or {@code 2-3}). Unsplit, every process competes for every core, and on a small machine the
 * load driver (the official client, as costly per operation as Synod's three servers together) takes
 * the cores the servers would use: the ratio then measures the driver as much as the servers. Split, the
 * driver keeps its own cores and the servers of whichever system runs share theirs, the same for both.
 *
 * @param serverCpus the servers' processors; empty: unpinned
 * @param driverCpus this process's (the driver's) processors; empty: unpinned
 */
public record CpuSplit(String serverCpus, String driverCpus) {

    public static final CpuSplit NONE = new CpuSplit("", "");

    /**
     * Reads {@code SERVERS/DRIVER}, e.g. {@code 1/0}.
     *
     * @throws IllegalArgumentException if the text is not two processor lists
     */
    public static CpuSplit parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2 || !parts[0].matches("[0-9,-]+") || !parts[1].matches("[0-9,-]+")) {
            throw new IllegalArgumentException("--cpus needs SERVERS/DRIVER processor lists such as 1/0, not " + text);
        }
        return new CpuSplit(parts[0], parts[1]);
    }

    public boolean isSplit() {
        return !serverCpus.isEmpty() || !driverCpus.isEmpty();
    }

    /** The words a server's command line starts with: {@code taskset -c LIST} (it execs java, so the PID stays), or none. */
    List<String> launcher() {
        return serverCpus.isEmpty() ? List.of() : List.of("taskset", "-c", serverCpus);
    }

    /** Pins every thread of this process to the driver's processors; threads started later inherit it. */
    void pinThisProcess() {
        if (driverCpus.isEmpty()) {
            return;
        }
        long pid = ProcessHandle.current().pid();
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", driverCpus, Long.toString(pid))
                .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("taskset could not pin the driver to " + driverCpus + ": " + out.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run taskset to pin the driver to " + driverCpus, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning the driver", e);
        }
    }

    @Override
    public String toString() {
        return isSplit() ? "servers on cpus " + serverCpus + ", driver on cpus " + driverCpus : "unpinned";
    }
}
