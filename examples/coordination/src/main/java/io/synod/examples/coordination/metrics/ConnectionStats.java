package io.synod.examples.coordination.metrics;

/**
 * One connection's figures as ZooKeeper's {@code cons} prints them. Written by the client port's I/O thread
 * only; read by any (each field on its own, so a reader may see one update and not the next).
 */
public final class ConnectionStats {

    private final LatencyStats latency = new LatencyStats();
    private volatile long received;
    private volatile long sent;
    private volatile String lastOperation = "NA";
    private volatile long lastZxid = -1;
    private volatile long lastCxid = -1;
    private volatile long lastResponseMillis;

    public void received() {
        received++;
    }

    /** A reply to {@code operation} ({@code cxid}, at {@code zxid}) left after {@code nanos}. */
    public void answered(String operation, int cxid, long zxid, long nanos, long nowMillis) {
        sent++;
        lastOperation = operation;
        if (cxid >= 0) {
            lastCxid = cxid;
        }
        lastZxid = zxid;
        lastResponseMillis = nowMillis;
        latency.record(nanos);
    }

    /** A frame that answers no request (a watch event) left. */
    public void pushed() {
        sent++;
    }

    /** ZooKeeper's {@code crst}. */
    public void reset() {
        received = 0;
        sent = 0;
        lastOperation = "NA";
        lastZxid = -1;
        lastCxid = -1;
        lastResponseMillis = 0;
        latency.reset();
    }

    public long receivedCount() {
        return received;
    }

    public long sentCount() {
        return sent;
    }

    public String lastOperation() {
        return lastOperation;
    }

    public long lastZxid() {
        return lastZxid;
    }

    public long lastCxid() {
        return lastCxid;
    }

    public long lastResponseMillis() {
        return lastResponseMillis;
    }

    public LatencyStats latency() {
        return latency;
    }
}
