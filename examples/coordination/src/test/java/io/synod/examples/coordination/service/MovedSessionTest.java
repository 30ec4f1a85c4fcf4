package io.synod.examples.coordination.service;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.wire.ClientRequest;
import io.synod.examples.coordination.wire.ConnectRequest;
import io.synod.examples.coordination.wire.ConnectResponse;
import io.synod.examples.coordination.wire.CreateRequest;
import io.synod.examples.coordination.wire.JuteReader;
import io.synod.examples.coordination.wire.JuteWriter;
import io.synod.examples.coordination.wire.OpCode;
import io.synod.examples.coordination.wire.ReplyHeader;
import io.synod.examples.coordination.wire.RequestHeader;
import io.synod.runtime.ReplicaConfig;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * ZooKeeper's session owner: a session that reconnects to server B is owned by B from the point of the
 * log where B's owner change applied. Server A closes its own connection of the session when it applies
 * that change, and a write A still had in flight for it changes nothing (SESSIONMOVED; ZooKeeper closes
 * the connection unanswered, so its client sees ConnectionLoss).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MovedSessionTest {

    private LocalCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Replication.class)
    void theOldServerClosesItsConnectionAndRefusesItsWriteInFlight(Replication replication) throws Exception {
        // A write A holds while cut off is retried until answered: long enough to outlive the cut.
        cluster = LocalCluster.of(3, ReplicaConfig.defaults().withRequestTimeout(Duration.ofMinutes(2)), replication);
        int leader = cluster.leader();
        int a = leader == 1 ? 2 : 1;
        int b = 6 - leader - a;
        InetSocketAddress serverA = cluster.node(a).clientAddress();
        try (Socket raw = new Socket(serverA.getAddress(), serverA.getPort())) {
            raw.setSoTimeout(120_000);
            OutputStream out = raw.getOutputStream();
            InputStream in = raw.getInputStream();
            JuteWriter connect = JuteWriter.framed();
            new ConnectRequest(0, 0, 30_000, 0, new byte[16], false, false).write(connect);
            out.write(connect.toFrame());
            ConnectResponse session = ConnectResponse.read(new JuteReader(readFrame(in)));
            out.write(create(1, "/owned"));
            assertEquals(0, ReplyHeader.read(new JuteReader(readFrame(in))).err());

            cluster.network().isolate(a);
            out.write(create(2, "/stale"));   // in flight: A cannot reach the leader

            ZooKeeper moved = new ZooKeeper(cluster.connectString(b), 30_000, e -> { }, session.sessionId(), session.passwd());
            try {
                LocalCluster.await("the session to move to B", () -> moved.getState() == ZooKeeper.States.CONNECTED);
                assertNotNull(moved.exists("/owned", false), "the session's earlier write is seen on B");
                cluster.network().heal();

                assertEquals(-1, in.read(), "A answered, or kept, a connection of a session that moved to B");
                LocalCluster.await("A's write in flight refused where it applied",
                    () -> cluster.node(b).service().fencedWrites() >= 1);
                moved.sync("/", (rc, path, ctx) -> { }, null);
                assertNull(moved.exists("/stale", false), "a write of the moved session's old connection was applied");
                createAllowingRefusals(moved, "/after");
                assertNotNull(moved.exists("/after", false));
            } finally {
                moved.close();
            }
        }
    }

    /** Without a request of its own in flight, the old connection is closed all the same: where the move applies. */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void anIdleConnectionOfAMovedSessionIsClosed(Replication replication) throws Exception {
        cluster = LocalCluster.of(3, replication);
        InetSocketAddress serverA = cluster.node(1).clientAddress();
        try (Socket raw = new Socket(serverA.getAddress(), serverA.getPort())) {
            raw.setSoTimeout(60_000);
            JuteWriter connect = JuteWriter.framed();
            new ConnectRequest(0, 0, 30_000, 0, new byte[16], false, false).write(connect);
            raw.getOutputStream().write(connect.toFrame());
            ConnectResponse session = ConnectResponse.read(new JuteReader(readFrame(raw.getInputStream())));
            assertEquals(1, cluster.node(1).service().connections());

            ZooKeeper moved = new ZooKeeper(cluster.connectString(2), 30_000, e -> { }, session.sessionId(), session.passwd());
            try {
                LocalCluster.await("the session to move to server 2", () -> moved.getState() == ZooKeeper.States.CONNECTED);
                assertEquals(-1, raw.getInputStream().read(), "server 1 kept the connection of a session that moved");
                LocalCluster.await("server 1 to drop the connection", () -> cluster.node(1).service().connections() == 0);
                moved.create("/mine", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
                assertEquals(session.sessionId(), moved.exists("/mine", false).getEphemeralOwner());
            } finally {
                moved.close();
            }
        }
    }

    /**
     * The new server numbers the session's writes after the last one applied when the move did; a write the
     * old server had in flight may have taken that number since (it was refused, but its number is used), and
     * then the new server's write under it is refused too: the client sees ConnectionLoss, and a retry, numbered
     * after the used number, goes through. The README lists this.
     */
    private static void createAllowingRefusals(ZooKeeper zk, String path) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                zk.create(path, null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                return;
            } catch (KeeperException.NodeExistsException appliedBeforeTheLoss) {
                return;   // an earlier attempt was applied after all: ConnectionLoss leaves that open
            } catch (KeeperException.ConnectionLossException refused) {
                if (attempt == 5) {
                    throw refused;
                }
                // The client reconnects by itself (a request sent before it noticed the loss fails too).
                LocalCluster.await("the client to reconnect", () -> zk.getState() == ZooKeeper.States.CONNECTED);
            }
        }
    }

    private static byte[] create(int xid, String path) {
        return new ClientRequest(new RequestHeader(xid, OpCode.CREATE.code()),
            new CreateRequest(OpCode.CREATE, path, new byte[0], Acl.OPEN, CreateMode.PERSISTENT.toFlag())).toFrame();
    }

    private static byte[] readFrame(InputStream in) throws Exception {
        DataInputStream data = new DataInputStream(in);
        byte[] body = new byte[data.readInt()];
        data.readFully(body);
        return body;
    }
}
