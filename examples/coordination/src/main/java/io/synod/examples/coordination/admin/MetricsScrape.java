package io.synod.examples.coordination.admin;

import io.synod.examples.coordination.metrics.PrometheusText;
import io.synod.examples.coordination.metrics.ServerMetrics;

import java.util.concurrent.CompletableFuture;

/**
 * One server's {@code /metrics}: Prometheus text with the request latency histogram, outstanding requests,
 * znodes, watches, sessions, connections, packets, fsyncs of the log and their time, and leader changes seen.
 * Names follow Prometheus' conventions ({@code synod_zk_} prefix, base units, {@code _total} counters).
 */
public final class MetricsScrape {

    private final ServerView view;

    public MetricsScrape(ServerView view) {
        this.view = view;
    }

    public CompletableFuture<String> scrape() {
        return view.service().counts().thenApply(this::render);
    }

    private String render(ServiceFacts facts) {
        ServerMetrics m = view.metrics();
        return new PrometheusText()
            .histogram("synod_zk_request_latency_seconds", "Time from a request read to its reply queued, per request",
                m.latency())
            .gauge("synod_zk_outstanding_requests", "Requests read and not yet answered", m.outstandingRequests())
            .gauge("synod_zk_znode_count", "Znodes in the tree", facts.znodeCount())
            .gauge("synod_zk_ephemerals_count", "Ephemeral znodes", facts.ephemeralsCount())
            .gauge("synod_zk_approximate_data_size_bytes", "Paths and data of every znode", facts.approximateDataSize())
            .gauge("synod_zk_watch_count", "Watches held by this server's connections", facts.watchCount())
            .gauge("synod_zk_session_count", "Sessions open in the ensemble", facts.sessionCount())
            .gauge("synod_zk_connections", "Client connections open on this server", view.port().connectionCount())
            .counter("synod_zk_connections_refused_total", "Connections closed at accept by maxClientCnxns",
                m.connectionsRefused())
            .counter("synod_zk_packets_received_total", "Frames read from clients (since the last srst)",
                m.packetsReceived())
            .counter("synod_zk_packets_sent_total", "Frames sent to clients (since the last srst)", m.packetsSent())
            .counter("synod_zk_fsync_total", "fsyncs of the log", view.fsyncCount().getAsLong())
            .counter("synod_zk_fsync_seconds_total", "Time spent in fsyncs of the log", view.fsyncNanos().getAsLong() / 1e9)
            .counter("synod_zk_leader_changes_total", "Changes of the leader this server saw", view.leaderChanges().getAsLong())
            .gauge("synod_zk_is_leader", "1 while this server leads", "leader".equals(view.state()) ? 1 : 0)
            .gauge("synod_zk_last_zxid", "The last zxid applied here", facts.lastZxid())
            .toString();
    }
}
