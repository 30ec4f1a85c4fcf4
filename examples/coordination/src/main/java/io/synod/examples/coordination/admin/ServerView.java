package io.synod.examples.coordination.admin;

import io.synod.examples.coordination.metrics.ServerMetrics;
import io.synod.api.CoreStatus;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the operator tools read of one server: its place in the ensemble, its client port and service (as
 * views the tools define, so that they do not depend on the server package), its counters, its configuration
 * and its disk's fsyncs. Built by the node; read from any thread.
 *
 * @param serverId    this server's id
 * @param memberCount voters in the ensemble (1: standalone)
 * @param status      the protocol core's view of itself (role, leader)
 * @param conf        the settings {@code conf} prints, in order
 * @param fsyncCount  fsyncs of the log since start (0 if the storage does not count)
 * @param fsyncNanos  time spent in them, in ns
 * @param leaderChanges times this server saw leadership pass from one server to another (the first leader it
 *                    learnt of is not a change), from the runtime's own count, so it moves when leadership
 *                    moves, whether or not anything is applied
 */
public record ServerView(int serverId, int memberCount, Supplier<CoreStatus> status, ServedClients port,
                         FactsSource service, ServerMetrics metrics, Map<String, Object> conf,
                         LongSupplier fsyncCount, LongSupplier fsyncNanos, LongSupplier leaderChanges) {

    /** The ZooKeeper version this server speaks, and what it is. */
    public static final String VERSION = "3.9.5-synod, built on Synod 0.1.0";

    /** ZooKeeper's {@code Mode}/{@code zk_server_state}: standalone, leader or follower. */
    public String state() {
        if (memberCount <= 1) {
            return "standalone";
        }
        return status.get().isLeader() ? "leader" : "follower";
    }

    /** ZooKeeper's {@code envi} entries, in its order. */
    public static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("zookeeper.version", VERSION);
        String host;
        try {
            host = InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            host = "<NA>";
        }
        env.put("host.name", host);
        for (String key : new String[] {"java.version", "java.vendor", "java.home", "java.class.path", "java.library.path",
            "java.io.tmpdir", "java.compiler", "os.name", "os.arch", "os.version", "user.name", "user.home", "user.dir"}) {
            env.put(key, System.getProperty(key, "<NA>"));
        }
        Runtime rt = Runtime.getRuntime();
        env.put("os.memory.free", rt.freeMemory() / (1024 * 1024) + "MB");
        env.put("os.memory.max", rt.maxMemory() / (1024 * 1024) + "MB");
        env.put("os.memory.total", rt.totalMemory() / (1024 * 1024) + "MB");
        return env;
    }

    /** Open and maximum file descriptors of this process, or -1 where the JVM cannot tell (not Unix). */
    public static long[] fileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return new long[] {unix.getOpenFileDescriptorCount(), unix.getMaxFileDescriptorCount()};
        }
        return new long[] {-1, -1};
    }
}
