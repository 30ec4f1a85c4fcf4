package io.synod.benchmarks.group;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why one iteration ran at the speed it did: how much CPU this JVM got (and each replica thread of
 * it), how much of the iteration the collector took, what a command allocated, how long the log
 * fsyncs took, and the machine's load. Printed beside each iteration's score, so that a slow
 * iteration can be told apart as the machine's (less CPU given to the JVM, longer fsyncs) or the
 * code's (the same CPU, fewer commands).
 *
 * <p>Taken from the JVM's management beans at the start and read at the end of an iteration,
 * from the benchmark's thread: a few hundred microseconds, outside the measured loop.
 */
public final class IterationProfile {

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private final ReplicaGroup group;
    private final long startNanos;
    private final long cpu0;
    private final long gcCount0;
    private final long gcMillis0;
    private final long allocated0;
    private final long fsyncs0;
    private final long fsyncNanos0;
    private final long[] replicaThreads;
    private final long[] replicaCpu0;

    /** Starts counting now. */
    public IterationProfile(ReplicaGroup group) {
        this.group = group;
        this.replicaThreads = replicaThreadIds();
        this.replicaCpu0 = threadCpu(replicaThreads);
        this.cpu0 = processCpuNanos();
        this.gcCount0 = gcCount();
        this.gcMillis0 = gcMillis();
        this.allocated0 = allocatedBytes();
        this.fsyncs0 = group.fsyncs();
        this.fsyncNanos0 = group.fsyncNanos();
        this.startNanos = System.nanoTime();
    }

    /**
     * One line: the JVM's CPU in cores and each replica thread's, the collector's pauses and share
     * of the iteration, bytes allocated per command, the fsyncs' mean latency, the load average.
     */
    public String line(long commands) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cores = (processCpuNanos() - cpu0) / 1e9 / seconds;
        long[] cpu = threadCpu(replicaThreads);
        StringBuilder perReplica = new StringBuilder();
        for (int i = 0; i < cpu.length; i++) {
            perReplica.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", (cpu[i] - replicaCpu0[i]) / 1e9 / seconds));
        }
        long gcs = gcCount() - gcCount0;
        long gcMs = gcMillis() - gcMillis0;
        long fsyncs = group.fsyncs() - fsyncs0;
        String fsync = fsyncs == 0 ? "no fsyncs"
            : String.format(Locale.ROOT, "fsync mean %.0f us", (group.fsyncNanos() - fsyncNanos0) / 1e3 / fsyncs);
        return String.format(Locale.ROOT,
            "JVM %.2f cores (replica threads %s), %d GCs %d ms (%.1f%%), %.0f B allocated per command, %s, load %.1f",
            cores, perReplica, gcs, gcMs, 100.0 * gcMs / 1e3 / seconds,
            commands == 0 ? 0.0 : (allocatedBytes() - allocated0) / (double) commands, fsync, OS.getSystemLoadAverage());
    }

    private static long processCpuNanos() {
        return OS instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** Time the collectors report; for G1 the young and mixed pauses, its concurrent cycles apart. */
    private static long gcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Concurrent")) {
                ms += Math.max(0, gc.getCollectionTime());
            }
        }
        return ms;
    }

    /** Bytes allocated by the threads alive now (a thread that ended takes its count with it). */
    private static long allocatedBytes() {
        if (!(THREADS instanceof com.sun.management.ThreadMXBean threads)) {
            return 0;
        }
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    private static long[] replicaThreadIds() {
        List<Long> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("synod-replica-")) {
                ids.add(info.getThreadId());
                names.add(info.getThreadName());
            }
        }
        // In replica order, so that the figures line up with replica ids.
        Integer[] order = new Integer[ids.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing(names::get));
        long[] sorted = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = ids.get(order[i]);
        }
        return sorted;
    }

    private static long[] threadCpu(long[] ids) {
        long[] cpu = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            cpu[i] = Math.max(0, THREADS.getThreadCpuTime(ids[i]));
        }
        return cpu;
    }
}
