package io.synod.examples.coordination.admin;

import io.synod.examples.coordination.metrics.ConnectionStats;
import io.synod.examples.coordination.metrics.LatencyStats;
import io.synod.examples.coordination.metrics.ServerMetrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The admin endpoint's answers: the facts of each four-letter word as a map (written as JSON), with
 * ZooKeeper's AdminServer keys: {@code command} (the primary name), {@code error} (null), then the command's
 * own ({@code read_only}, {@code server_stats}, {@code session_id_to_watched_paths}...).
 */
public final class AdminCommands {

    private final ServerView view;

    public AdminCommands(ServerView view) {
        this.view = view;
    }

    /** The answer to {@code word} as a map. */
    public CompletableFuture<Map<String, Object>> answer(FourLetterWord word) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", word.adminName());
        r.put("error", null);
        switch (word) {
            case RUOK, CRST, SRST -> {
                if (word == FourLetterWord.CRST) {
                    view.port().connections().forEach(ConnectionView::resetStats);
                } else if (word == FourLetterWord.SRST) {
                    view.metrics().reset();
                }
                return CompletableFuture.completedFuture(r);
            }
            case ISRO -> {
                r.put("read_only", false);
                return CompletableFuture.completedFuture(r);
            }
            case ENVI -> {
                r.putAll(ServerView.environment());
                return CompletableFuture.completedFuture(r);
            }
            case CONF -> {
                r.putAll(view.conf());
                return CompletableFuture.completedFuture(r);
            }
            case CONS -> {
                r.put("connections", connections());
                r.put("secure_connections", List.of());
                return CompletableFuture.completedFuture(r);
            }
            default -> {
                // The lists (watches, ephemerals, sessions) walk the watch table and the sessions; the rest are counters.
                boolean lists = word == FourLetterWord.WCHS || word == FourLetterWord.WCHC || word == FourLetterWord.WCHP
                    || word == FourLetterWord.DUMP;
                return (lists ? view.service().facts() : view.service().counts()).thenApply(facts -> {
                    withFacts(word, facts, r);
                    return r;
                });
            }
        }
    }

    private void withFacts(FourLetterWord word, ServiceFacts facts, Map<String, Object> r) {
        switch (word) {
            case SRVR, STAT -> {
                r.put("version", ServerView.VERSION);
                r.put("read_only", false);
                r.put("server_stats", serverStats(facts));
                r.put("node_count", facts.znodeCount());
                if (word == FourLetterWord.STAT) {
                    r.put("connections", connections());
                    r.put("secure_connections", List.of());
                }
            }
            case MNTR -> r.putAll(MonitorValues.of(view, facts));
            case WCHS -> {
                r.put("num_connections", facts.watchesBySession().size());
                r.put("num_paths", facts.watchesByPath().size());
                r.put("num_total_watches", facts.watchCount());
            }
            case WCHC -> r.put("session_id_to_watched_paths", facts.watchesBySession());
            case WCHP -> r.put("path_to_session_ids", facts.watchesByPath());
            case DUMP -> {
                r.put("session_id_to_timeout_ms", facts.sessionTimeouts());
                r.put("session_id_to_ephemeral_paths", facts.ephemeralsBySession());
            }
            default -> throw new IllegalStateException("not a command on the tree: " + word);
        }
    }

    private Map<String, Object> serverStats(ServiceFacts facts) {
        ServerMetrics m = view.metrics();
        LatencyStats latency = m.latency();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("packets_sent", m.packetsSent());
        s.put("packets_received", m.packetsReceived());
        s.put("max_latency", latency.maxMillis());
        s.put("min_latency", latency.minMillis());
        s.put("avg_latency", latency.avgMillis());
        s.put("outstanding_requests", m.outstandingRequests());
        s.put("last_processed_zxid", facts.lastZxid());
        s.put("server_state", view.state());
        s.put("num_alive_client_connections", view.port().connectionCount());
        s.put("uptime", System.currentTimeMillis() - m.startedMillis());
        return s;
    }

    private List<Map<String, Object>> connections() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConnectionView c : view.port().connections()) {
            ConnectionStats s = c.stats();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("remote_socket_address", c.remoteAddress().getAddress().getHostAddress() + ":" + c.remoteAddress().getPort());
            m.put("interest_ops", c.interestOps());
            m.put("outstanding_requests", c.outstandingRequests());
            m.put("packets_received", s.receivedCount());
            m.put("packets_sent", s.sentCount());
            if (c.sessionId() != 0) {
                m.put("session_id", "0x" + Long.toHexString(c.sessionId()));
                m.put("last_operation", s.lastOperation());
                m.put("established", c.establishedMillis());
                m.put("session_timeout", c.sessionTimeout());
                m.put("last_cxid", "0x" + Long.toHexString(s.lastCxid()));
                m.put("last_zxid", "0x" + Long.toHexString(s.lastZxid()));
                m.put("last_response_time", s.lastResponseMillis());
                m.put("last_latency", s.latency().lastMillis());
                m.put("min_latency", s.latency().minMillis());
                m.put("avg_latency", s.latency().avgMillis());
                m.put("max_latency", s.latency().maxMillis());
            }
            out.add(m);
        }
        return out;
    }
}
