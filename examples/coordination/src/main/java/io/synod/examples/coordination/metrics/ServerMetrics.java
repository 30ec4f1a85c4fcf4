package io.synod.examples.coordination.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one server counts as it serves clients: packets in and out, requests outstanding, their latency,
 * connections refused. The client port writes it; the four-letter words,
 * the admin endpoint and {@code /metrics} read it. Thread-safe.
 */
public final class ServerMetrics {

    private final LatencyStats latency = new LatencyStats();
    private final LongAdder packetsReceived = new LongAdder();
    private final LongAdder packetsSent = new LongAdder();
    private final AtomicLong outstanding = new AtomicLong();
    private final LongAdder connectionsRefused = new LongAdder();
    private final long startedMillis;

    public ServerMetrics(long startedMillis) {
        this.startedMillis = startedMillis;
    }

    public LatencyStats latency() {
        return latency;
    }

    public void received() {
        packetsReceived.increment();
    }

    public void sent() {
        packetsSent.increment();
    }

    /** A request was handed to the service ({@code +1}) or answered or dropped ({@code -n}). */
    public void outstanding(long delta) {
        outstanding.addAndGet(delta);
    }

    public void connectionRefused() {
        connectionsRefused.increment();
    }

    public long packetsReceived() {
        return packetsReceived.sum();
    }

    public long packetsSent() {
        return packetsSent.sum();
    }

    public long outstandingRequests() {
        return outstanding.get();
    }

    public long connectionsRefused() {
        return connectionsRefused.sum();
    }

    public long startedMillis() {
        return startedMillis;
    }

    /** ZooKeeper's {@code srst}: latency min/avg/max and the packet counts start again. */
    public void reset() {
        latency.reset();
        packetsReceived.reset();
        packetsSent.reset();
    }
}
