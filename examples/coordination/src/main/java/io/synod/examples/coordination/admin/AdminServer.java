package io.synod.examples.coordination.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.synod.examples.coordination.metrics.PrometheusText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The admin HTTP endpoint, on the JDK's HTTP server (one thread):
 * <ul>
 *   <li>{@code GET /commands}: the commands, as JSON ({@code {"commands": [...]}}, primary names);</li>
 *   <li>{@code GET /commands/<name>}: one command's answer as JSON, by its AdminServer name or alias or its
 *       four letters ({@code /commands/monitor}, {@code /commands/mntr}); an unknown name is a 404 with
 *       an {@code error};</li>
 *   <li>{@code GET /metrics}: Prometheus text.</li>
 * </ul>
 * It listens on loopback unless configured otherwise: it has no authentication, and {@code dump},
 * {@code cons} and {@code wchc} show session ids. It is not bound by the 4lw whitelist (neither is
 * ZooKeeper's AdminServer).
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final long ANSWER_SECONDS = 30;

    private final HttpServer http;
    private final ExecutorService executor;
    private final AdminCommands commands;
    private final MetricsScrape metrics;

    private AdminServer(HttpServer http, ExecutorService executor, ServerView view) {
        this.http = http;
        this.executor = executor;
        this.commands = new AdminCommands(view);
        this.metrics = new MetricsScrape(view);
    }

    /** Binds {@code address} (port 0: any free port) and serves {@code view}. */
    public static AdminServer open(InetSocketAddress address, ServerView view) throws IOException {
        HttpServer http = HttpServer.create(address, 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "synod-admin-" + view.serverId());
            t.setDaemon(true);
            return t;
        });
        AdminServer server = new AdminServer(http, executor, view);
        http.createContext("/commands", server::commands);
        http.createContext("/metrics", server::metrics);
        http.setExecutor(executor);
        http.start();
        LOG.info("admin server on http://{}:{}/commands", server.address().getHostString(), server.address().getPort());
        return server;
    }

    /** Where it listens (with the actual port if 0 was asked for). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    private void commands(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String name = path.length() > "/commands".length() ? path.substring("/commands".length() + 1) : "";
            if (name.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (FourLetterWord w : FourLetterWord.values()) {
                    names.add(w.adminName());
                }
                respond(exchange, 200, "application/json", Json.write(Map.of("commands", names)));
                return;
            }
            FourLetterWord word = FourLetterWord.ofAdminName(name);
            if (word == null) {
                word = FourLetterWord.ofWord(name);
            }
            if (word == null) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("command", name);
                error.put("error", "Unknown command: " + name);
                respond(exchange, 404, "application/json", Json.write(error));
                return;
            }
            respond(exchange, 200, "application/json", Json.write(await(commands.answer(word))));
        } catch (RuntimeException e) {
            LOG.warn("admin command failed", e);
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange, 200, PrometheusText.CONTENT_TYPE, await(metrics.scrape()));
        } catch (RuntimeException e) {
            LOG.warn("metrics scrape failed", e);
        }
    }

    private static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("no answer: " + e, e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
