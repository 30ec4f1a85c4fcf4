package io.synod.examples.coordination.admin;

import io.synod.examples.coordination.metrics.LatencyStats;
import io.synod.examples.coordination.metrics.ServerMetrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ZooKeeper's {@code mntr} values (its {@code ZooKeeperServer.dumpMonitorValues} and the gauges it registers),
 * under ZooKeeper's names without the {@code zk_} prefix, in its order; then Synod's own
 * ({@code leader_changes}, {@code fsync_count}, {@code fsync_time_ms}, {@code connections_refused}).
 * The admin endpoint's {@code monitor} returns the same map as JSON.
 */
final class MonitorValues {

    private MonitorValues() {
    }

    static Map<String, Object> of(ServerView view, ServiceFacts facts) {
        ServerMetrics m = view.metrics();
        LatencyStats latency = m.latency();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version", ServerView.VERSION);
        v.put("server_state", view.state());
        v.put("avg_latency", latency.avgMillis());
        v.put("max_latency", latency.maxMillis());
        v.put("min_latency", latency.minMillis());
        v.put("packets_received", m.packetsReceived());
        v.put("packets_sent", m.packetsSent());
        v.put("num_alive_connections", view.port().connectionCount());
        v.put("outstanding_requests", m.outstandingRequests());
        v.put("uptime", System.currentTimeMillis() - m.startedMillis());
        v.put("znode_count", facts.znodeCount());
        v.put("watch_count", facts.watchCount());
        v.put("ephemerals_count", facts.ephemeralsCount());
        v.put("approximate_data_size", facts.approximateDataSize());
        v.put("global_sessions", facts.sessionCount());
        long[] fds = ServerView.fileDescriptors();
        if (fds[0] >= 0) {
            v.put("open_file_descriptor_count", fds[0]);
            v.put("max_file_descriptor_count", fds[1]);
        }
        v.put("last_zxid", "0x" + Long.toHexString(facts.lastZxid()));
        v.put("leader_changes", view.leaderChanges().getAsLong());
        v.put("fsync_count", view.fsyncCount().getAsLong());
        v.put("fsync_time_ms", view.fsyncNanos().getAsLong() / 1_000_000);
        v.put("connections_refused", m.connectionsRefused());
        return v;
    }
}
