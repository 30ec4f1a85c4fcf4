/**
 * What a coordination server counts, and the Prometheus text it is scraped as.
 *
 * <h2>Parts</h2>
 * {@link io.synod.examples.coordination.metrics.ServerMetrics} holds one server's counters (packets,
 * outstanding requests, connections refused) and its request
 * {@link io.synod.examples.coordination.metrics.LatencyStats}; each connection keeps its own
 * {@link io.synod.examples.coordination.metrics.ConnectionStats} for {@code cons};
 * {@link io.synod.examples.coordination.metrics.PrometheusText} writes the exposition format.
 *
 * <h2>Threading</h2>
 * Counters are written by the client port's I/O thread and read
 * by any thread without locks: a reader sees each figure as of some recent moment, not all of them as of one.
 *
 * <h2>Resets</h2>
 * ZooKeeper's {@code srst} and {@code crst} reset min/avg/max latencies and packet counts, as ZooKeeper's do;
 * the Prometheus histogram is cumulative and never reset (a scraper computes rates from it).
 *
 * <pre>{@code
 * ServerMetrics metrics = new ServerMetrics(System.currentTimeMillis());
 * metrics.latency().record(elapsedNanos);               // one request answered
 * String scrape = new PrometheusText()
 *     .histogram("synod_request_latency_seconds", "Request latency", metrics.latency())
 *     .gauge("synod_outstanding_requests", "Requests not yet answered", metrics.outstandingRequests())
 *     .toString();
 * }</pre>
 */
package io.synod.examples.coordination.metrics;
