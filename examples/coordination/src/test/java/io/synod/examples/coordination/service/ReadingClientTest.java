package io.synod.examples.coordination.service;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.wire.ConnectRequest;
import io.synod.examples.coordination.wire.ConnectResponse;
import io.synod.examples.coordination.wire.CreateRequest;
import io.synod.examples.coordination.wire.JuteReader;
import io.synod.examples.coordination.wire.OpCode;
import io.synod.examples.coordination.wire.ReplyHeader;
import io.synod.examples.coordination.wire.RequestFrames;
import io.synod.examples.coordination.wire.WatchableRequest;
import io.synod.runtime.ReplicaConfig;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A client that reads its replies is never disconnected, however slow the commits or however far its
 * replies run ahead of its reading: the server waits, and stops reading the client, as ZooKeeper does.
 * Many asynchronous requests go through one connection in a small window, and every one is answered on it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReadingClientTest {

    private static final int WINDOW = 32;

    private LocalCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Commits slower than the runtime's request timeout (the client's server cut off from the others for a
     * while): the writes are asked again, applied once each, and answered on the same connection.
     */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void writesSlowerThanTheRequestTimeoutAreWaitedForNotDisconnected(Replication replication) throws Exception {
        cluster = LocalCluster.of(3, ReplicaConfig.defaults().withRequestTimeout(Duration.ofMillis(300)), replication);
        int follower = cluster.leader() == 1 ? 2 : 1;
        int creates = 2_000;
        try (Wire client = new Wire(cluster.node(follower).clientAddress())) {
            client.handshake();
            int sent = 0;
            int answered = 0;
            boolean cut = false;
            while (answered < creates) {
                while (sent < creates && sent - answered < WINDOW) {
                    sent++;
                    client.send(RequestFrames.request(sent, new CreateRequest(OpCode.CREATE, "/c-" + sent, new byte[16],
                        Acl.OPEN, 0)));
                }
                client.flush();
                if (!cut && answered == creates / 4) {
                    // A window of creates in flight, none of which can commit until the cut heals.
                    cluster.network().isolate(follower);
                    cut = true;
                    LocalCluster.await("a create asked again after the request timeout, or the connection closed",
                        () -> cluster.node(follower).service().requestsAskedAgain() >= 1
                            || cluster.node(follower).service().connections() == 0);
                    cluster.network().heal();
                }
                ReplyHeader reply = client.reply();
                answered++;
                assertEquals(answered, reply.xid(), "replies in the order of the requests");
                assertEquals(0, reply.err(), "create " + answered + " applied once, answered OK");
            }
            assertTrue(cluster.node(follower).service().requestsAskedAgain() >= 1, "the cut outlived the request timeout");
            assertEquals(1, cluster.node(follower).service().connections());
        }
        ZooKeeper zk = Clients.connect(cluster.connectString(cluster.leader()), 30_000).zk();
        try {
            assertEquals(creates + 1, zk.getChildren("/", false).size(), "every create applied, with /zookeeper");
        } finally {
            zk.close();
        }
    }

    /**
     * Replies far larger than the port's outbound limit (8 MiB), asked for faster than a small socket buffer
     * drains them: the client reads them all, so it stays connected and gets every one.
     */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void repliesBeyondTheOutboundLimitThrottleTheClientNotDisconnectIt(Replication replication) throws Exception {
        cluster = LocalCluster.of(3, replication);
        int server = cluster.leader();
        ZooKeeper zk = Clients.connect(cluster.connectString(server), 30_000).zk();
        try {
            zk.create("/blob", new byte[1_000_000], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } finally {
            zk.close();
        }
        int reads = 40;
        try (Wire client = new Wire(cluster.node(server).clientAddress(), 4_096)) {
            client.handshake();
            for (int xid = 1; xid <= reads; xid++) {
                client.send(RequestFrames.request(xid, new WatchableRequest(OpCode.GET_DATA, "/blob", false)));
            }
            client.flush();
            for (int xid = 1; xid <= reads; xid++) {
                byte[] frame = client.frame();
                ReplyHeader reply = ReplyHeader.read(new JuteReader(frame, 0, ReplyHeader.BYTES));
                assertEquals(xid, reply.xid());
                assertEquals(0, reply.err());
                assertTrue(frame.length > 1_000_000, "the blob in full");
            }
        }
    }

    /** A bare client socket: what a pipelining client sends and reads, frame by frame. */
    private static final class Wire implements AutoCloseable {

        private final Socket socket = new Socket();
        private final DataInputStream in;
        private final OutputStream out;

        Wire(InetSocketAddress server) throws IOException {
            this(server, 0);
        }

        Wire(InetSocketAddress server, int receiveBuffer) throws IOException {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(server, 30_000);
            socket.setSoTimeout(120_000);
            in = new DataInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
        }

        void handshake() throws IOException {
            send(RequestFrames.connect(new ConnectRequest(0, 0, 30_000, 0, new byte[16], false, false)));
            flush();
            assertTrue(ConnectResponse.read(new JuteReader(frame())).sessionId() != 0);
        }

        void send(byte[] frame) throws IOException {
            try {
                out.write(frame);
            } catch (SocketException e) {
                fail("the server closed the connection of a client that reads its replies: " + e);
            }
        }

        void flush() throws IOException {
            try {
                out.flush();
            } catch (SocketException e) {
                fail("the server closed the connection of a client that reads its replies: " + e);
            }
        }

        ReplyHeader reply() throws IOException {
            return ReplyHeader.read(new JuteReader(frame(), 0, ReplyHeader.BYTES));
        }

        byte[] frame() throws IOException {
            try {
                int length = in.readInt();
                byte[] payload = new byte[length];
                in.readFully(payload);
                return payload;
            } catch (EOFException | SocketException e) {
                return fail("the server closed the connection of a client that reads its replies: " + e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
