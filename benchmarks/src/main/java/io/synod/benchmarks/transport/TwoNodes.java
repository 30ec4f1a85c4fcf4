package io.synod.benchmarks.transport;

import io.synod.spi.MessageCodec;
import io.synod.transport.tcp.TcpTransport;
import io.synod.transport.tcp.TcpTransportConfig;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Nodes 1 and 2 over TCP on 127.0.0.1, ports picked by the system, connected. */
final class TwoNodes implements AutoCloseable {

    private static final byte[] SECRET = "benchmark secret, not a secret".getBytes(StandardCharsets.UTF_8);

    final TcpTransport one;
    final TcpTransport two;

    TwoNodes(int maxFrameLength) {
        this(maxFrameLength, Blob.CODEC);
    }

    TwoNodes(int maxFrameLength, MessageCodec codec) {
        // Node 2 listens first; node 1 has the lower id, so it dials.
        two = TcpTransport.open(config(2, new InetSocketAddress("127.0.0.1", 0), maxFrameLength, codec));
        one = TcpTransport.open(config(1, two.localAddress(), maxFrameLength, codec));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!one.metrics().peer(2).connected() || !two.metrics().peer(1).connected()) {
            if (System.nanoTime() - deadline > 0) {
                close();
                throw new IllegalStateException("the two nodes did not connect within 30 s");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static TcpTransportConfig config(int self, InetSocketAddress twoAddress, int maxFrameLength, MessageCodec codec) {
        return TcpTransportConfig.builder(self)
            .member(1, new InetSocketAddress("127.0.0.1", 0))
            .member(2, twoAddress)
            .cluster("benchmark", SECRET)
            .protocol("blob", 1)
            .codec(codec)
            .maxFrameLength(maxFrameLength)
            .build();
    }

    long dropped() {
        return one.metrics().peer(2).droppedMessages() + two.metrics().peer(1).droppedArrivals()
            + two.metrics().peer(1).droppedMessages() + one.metrics().peer(2).droppedArrivals();
    }

    @Override
    public void close() {
        if (one != null) {
            one.close();
        }
        two.close();
    }
}
