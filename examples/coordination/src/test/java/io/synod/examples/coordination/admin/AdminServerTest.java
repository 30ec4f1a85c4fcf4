package io.synod.examples.coordination.admin;

import io.synod.examples.coordination.metrics.LatencyStats;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin HTTP endpoint of one server: the commands as JSON, and {@code /metrics} parsed as Prometheus text. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AdminServerTest {

    @TempDir
    static Path dir;
    static AdminNode server;
    static ZooKeeper zk;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @BeforeAll
    static void start() throws Exception {
        server = new AdminNode(dir, AdminConfig.embedded().withHttpAddress(new InetSocketAddress("127.0.0.1", 0)), 0);
        zk = server.connect();
        zk.create("/svc", "x".getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create("/svc/e", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        zk.exists("/svc", true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (zk != null) {
            zk.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        InetSocketAddress a = server.node.adminAddress();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
            .timeout(Duration.ofSeconds(60)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theEndpointListensOnLoopbackOnly() {
        assertTrue(server.node.adminAddress().getAddress().isLoopbackAddress(), server.node.adminAddress().toString());
        assertTrue(AdminConfig.defaults().httpAddress().getAddress().isLoopbackAddress(), "loopback by default");
        assertEquals(8080, AdminConfig.defaults().httpAddress().getPort());
    }

    @Test
    void commandsListsEveryCommandByItsAdminName() throws Exception {
        HttpResponse<String> r = get("/commands");
        assertEquals(200, r.statusCode());
        for (FourLetterWord w : FourLetterWord.values()) {
            assertTrue(r.body().contains("\"" + w.adminName() + "\""), w + " in " + r.body());
        }
    }

    @Test
    void monitorAndMntrAnswerTheSameFactsAsJson() throws Exception {
        for (String name : List.of("monitor", "mntr")) {
            HttpResponse<String> r = get("/commands/" + name);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            String body = r.body();
            assertTrue(body.startsWith("{\"command\":\"monitor\",\"error\":null,"), body);
            assertTrue(body.contains("\"server_state\":\"standalone\""), body);
            assertTrue(body.contains("\"znode_count\":6"), body);
            assertTrue(body.contains("\"ephemerals_count\":1"), body);
            assertTrue(body.contains("\"watch_count\":1"), body);
        }
    }

    @Test
    void theOtherCommandsAnswerWithTheirKeys() throws Exception {
        assertEquals("{\"command\":\"ruok\",\"error\":null}", get("/commands/ruok").body());
        assertTrue(get("/commands/is_read_only").body().contains("\"read_only\":false"));
        String srvr = get("/commands/srvr").body();
        assertTrue(srvr.contains("\"command\":\"server_stats\"") && srvr.contains("\"node_count\":6"), srvr);
        String sid = "0x" + Long.toHexString(zk.getSessionId());
        assertTrue(get("/commands/cons").body().contains("\"session_id\":\"" + sid + "\""));
        assertTrue(get("/commands/watches").body().contains("\"session_id_to_watched_paths\":{\"" + zk.getSessionId()
            + "\":[\"/svc\"]}"), get("/commands/watches").body());
        assertTrue(get("/commands/wchp").body().contains("\"path_to_session_ids\":{\"/svc\":[" + zk.getSessionId() + "]}"));
        assertTrue(get("/commands/wchs").body().contains("\"num_total_watches\":1"));
        assertTrue(get("/commands/dump").body().contains("\"session_id_to_ephemeral_paths\":{\"" + zk.getSessionId()
            + "\":[\"/svc/e\"]}"), get("/commands/dump").body());
        assertTrue(get("/commands/conf").body().contains("\"clientPort\":" + server.port()));
        assertTrue(get("/commands/environment").body().contains("\"java.version\":"));
    }

    @Test
    void anUnknownCommandIsA404NamingIt() throws Exception {
        HttpResponse<String> r = get("/commands/nosuch");
        assertEquals(404, r.statusCode());
        assertEquals("{\"command\":\"nosuch\",\"error\":\"Unknown command: nosuch\"}", r.body());
    }

    /** One sample line: {@code name{labels} value}. */
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)");

    @Test
    void metricsIsPrometheusTextWithTheServersFigures() throws Exception {
        for (int i = 0; i < 20; i++) {
            zk.getData("/svc", false, null);
        }
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));

        Map<String, String> types = new HashMap<>();
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] t = line.split(" ");
                assertEquals(4, t.length, line);
                assertTrue(List.of("counter", "gauge", "histogram").contains(t[3]), line);
                types.put(t[2], t[3]);
            } else if (line.startsWith("# HELP ")) {
                assertTrue(line.split(" ", 4).length == 4, "help text: " + line);
            } else {
                Matcher m = SAMPLE.matcher(line);
                assertTrue(m.matches(), "a sample line: '" + line + "'");
                String family = m.group(1).replaceAll("_(bucket|sum|count)$", "");
                assertTrue(types.containsKey(family) || types.containsKey(m.group(1)), "TYPE before " + line);
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        assertEquals("histogram", types.get("synod_zk_request_latency_seconds"));
        double previous = 0;
        for (double bound : LatencyStats.BUCKET_SECONDS) {
            String key = "synod_zk_request_latency_seconds_bucket{le=\"" + (bound == Math.rint(bound) ? Long.toString((long) bound)
                : java.math.BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString()) + "\"}";
            assertTrue(samples.containsKey(key), key);
            assertTrue(samples.get(key) >= previous, "buckets are cumulative at " + key);
            previous = samples.get(key);
        }
        double count = samples.get("synod_zk_request_latency_seconds_count");
        assertEquals(count, samples.get("synod_zk_request_latency_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(count >= 20, "the 20 reads were timed: " + count);
        assertEquals(6.0, samples.get("synod_zk_znode_count"));
        assertEquals(1.0, samples.get("synod_zk_watch_count"));
        assertTrue(samples.get("synod_zk_session_count") >= 1);
        assertEquals(0.0, samples.get("synod_zk_outstanding_requests"));
        assertTrue(samples.get("synod_zk_fsync_total") > 0, "the writes were fsynced");
        assertTrue(samples.get("synod_zk_fsync_seconds_total") > 0);
        assertEquals(0.0, samples.get("synod_zk_leader_changes_total"), "one leader since start: no change");
        assertEquals("counter", types.get("synod_zk_leader_changes_total"));
    }
}
