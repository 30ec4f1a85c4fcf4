package io.synod.examples.coordination.cli;

import io.synod.examples.coordination.server.CoordinationNode;
import io.synod.examples.coordination.server.CoordinationService;
import io.synod.examples.coordination.tree.TreeConfig;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.ReplicaConfig;
import io.synod.spi.Storage;
import io.synod.transport.InJvmNetwork;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** One coordination server in this JVM, its client port on 127.0.0.1:0, ready once it leads. */
public final class OneServer implements AutoCloseable {

    private final CoordinationNode node;

    private OneServer(CoordinationNode node) {
        this.node = node;
    }

    public static OneServer start(Storage storage) throws InterruptedException {
        return start(storage, ReplicaConfig.defaults());
    }

    public static OneServer start(Storage storage, ReplicaConfig config) throws InterruptedException {
        CoordinationNode node = CoordinationNode.start(new CoordinationNode.Settings(1, new int[] {1},
            MultiPaxos.builder().build(), new InJvmNetwork().join(1), storage, new InetSocketAddress("127.0.0.1", 0),
            new CoordinationService.Timeouts(1_000, 60_000), "test-secret", TreeConfig.DEFAULT, config));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!node.replica().status().isLeader()) {
            if (System.nanoTime() > deadline) {
                node.close();
                throw new AssertionError("the server did not lead within 60 s");
            }
            Thread.sleep(10);
        }
        return new OneServer(node);
    }

    /** host:port of the client port. */
    public String hostPort() {
        InetSocketAddress a = node.clientAddress();
        return a.getHostString() + ":" + a.getPort();
    }

    public InetSocketAddress address() {
        return node.clientAddress();
    }

    @Override
    public void close() {
        node.close();
    }
}
