package io.synod.transport.tcp;

import io.synod.api.Envelope;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A cluster of {@link TcpTransport}s on 127.0.0.1 with ports the system picks. Nodes open from the
 * highest id down, so that each node's dialed peers (higher ids) already listen and their ports
 * are known; a restarted node takes its old port again.
 */
final class Loopback implements AutoCloseable {

    static final byte[] SECRET = "a test secret of enough bytes".getBytes(StandardCharsets.UTF_8);
    static final String CLUSTER = "test-cluster";
    static final String PROTOCOL = "notes";

    private final int size;
    private final UnaryOperator<TcpTransportConfig.Builder> tweak;
    private final Map<Integer, InetSocketAddress> addresses = new TreeMap<>();
    private final Map<Integer, TcpTransport> nodes = new TreeMap<>();

    /** Nodes 1..size, each configured by the defaults plus {@code tweak}; all but {@code absent} started. */
    Loopback(int size, UnaryOperator<TcpTransportConfig.Builder> tweak, int... absent) {
        this.size = size;
        this.tweak = tweak;
        for (int id = 1; id <= size; id++) {
            addresses.put(id, new InetSocketAddress("127.0.0.1", 0));
        }
        for (int id = size; id >= 1; id--) {
            int node = id;
            if (java.util.Arrays.stream(absent).noneMatch(a -> a == node)) {
                start(id);
            }
        }
    }

    Loopback(int size) {
        this(size, b -> b);
    }

    /** The configuration node {@code id} gets. */
    TcpTransportConfig config(int id) {
        return configFor(id, b -> b);
    }

    TcpTransportConfig configFor(int id, UnaryOperator<TcpTransportConfig.Builder> extra) {
        TcpTransportConfig.Builder b = TcpTransportConfig.builder(id)
            .cluster(CLUSTER, SECRET)
            .protocol(PROTOCOL, 1)
            .channel(new CodecChannel(CodecChannel.PROTOCOL, Note.class, Note.CODEC));
        addresses.forEach(b::member);
        return extra.apply(tweak.apply(b)).build();
    }

    /** Opens node {@code id} (again), on its earlier port if it had one. */
    TcpTransport start(int id) {
        TcpTransport t = TcpTransport.open(config(id));
        addresses.put(id, t.localAddress());
        nodes.put(id, t);
        return t;
    }

    void stop(int id) {
        nodes.remove(id).close();
    }

    TcpTransport node(int id) {
        return nodes.get(id);
    }

    InetSocketAddress address(int id) {
        return addresses.get(id);
    }

    /** Whether every pair of running nodes has an authenticated connection, seen from both sides. */
    boolean fullyConnected() {
        for (TcpTransport t : nodes.values()) {
            for (int peer : nodes.keySet()) {
                if (peer != t.self() && !t.metrics().peer(peer).connected()) {
                    return false;
                }
            }
        }
        return true;
    }

    int size() {
        return size;
    }

    /** Polls {@code node} until {@code count} envelopes came, or fails after the bound. */
    static List<Envelope> receive(TcpTransport node, int count) {
        List<Envelope> got = new ArrayList<>();
        Eventually.until(() -> {
            node.poll(got::add, count - got.size());
            return got.size() >= count;
        }, () -> "node " + node.self() + " received " + got.size() + " of " + count + ": " + got);
        return got;
    }

    @Override
    public void close() {
        nodes.values().forEach(TcpTransport::close);
        nodes.clear();
    }
}
