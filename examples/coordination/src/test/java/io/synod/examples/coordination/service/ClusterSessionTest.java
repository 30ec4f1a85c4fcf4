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
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** ZooKeeper sessions on a three-server cluster in this JVM, on every protocol: moving between servers, expiring, refused passwords. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterSessionTest {

    private LocalCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The client writes through X while Y is cut off, then X stops: the client moves to Y, which must not
     * answer it (not even the handshake) before it has applied what the client saw.
     */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void aMovedSessionSeesNoOlderState(Replication replication) throws Exception {
        cluster = LocalCluster.of(3, replication);
        int leader = cluster.leader();
        int x = leader == 1 ? 2 : 1;
        int y = 6 - leader - x;
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        ZooKeeper zk = new ZooKeeper(cluster.connectString(x), 30_000, events::add, false,
            new OrderedHostProvider(List.of(cluster.node(x).clientAddress(), cluster.node(y).clientAddress())),
            new ZKClientConfig());
        Clients.Connected other = Clients.connect(cluster.connectString(leader), 30_000);
        try {
            LocalCluster.await("the session on X", () -> zk.getState() == ZooKeeper.States.CONNECTED);
            zk.create("/moved", bytes("v1"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            zk.create("/moved/eph", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            assertNull(zk.exists("/moved/later", true));
            LocalCluster.await("Y to apply /moved", () -> cluster.node(y).replica().appliedIndex() >= cluster.node(x).replica().appliedIndex());

            cluster.network().isolate(y);
            zk.setData("/moved", bytes("v2"), -1);
            cluster.stop(x);

            // Y is cut off: it may hear the handshake, but must not establish the session, which has seen v2.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < until && cluster.node(y).service().connections() == 0) {
                Thread.sleep(20);
            }
            assertEquals(0, cluster.node(y).service().connections(), "a server behind the client answered its handshake");
            cluster.network().heal();

            assertArrayEquals(bytes("v2"), zk.getData("/moved", false, null), "the moved session saw older state");
            assertEquals(1, cluster.node(y).service().connections());
            assertNotNull(zk.exists("/moved/eph", false), "the session, and its ephemeral, lived on");
            other.zk().create("/moved/later", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            WatchedEvent created = nextNodeEvent(events);
            assertEquals(EventType.NodeCreated, created.getType(), "the exists watch moved with the session (SetWatches)");
            assertEquals("/moved/later", created.getPath());
        } finally {
            zk.close();
            other.zk().close();
        }
    }

    private static WatchedEvent nextNodeEvent(BlockingQueue<WatchedEvent> events) throws InterruptedException {
        while (true) {
            WatchedEvent e = events.poll(60, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no node event within 60 s");
            }
            if (e.getType() != EventType.None) {
                return e;
            }
        }
    }

    /** A client that goes silent: its session expires at a point of the log, and its ephemeral goes with it. */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void anExpiredSessionLosesItsEphemeralsAndCannotResume(Replication replication) throws Exception {
        cluster = LocalCluster.of(3, replication);
        Clients.Connected observer = Clients.connect(cluster.connectString(1), 30_000);
        InetSocketAddress server = cluster.node(2).clientAddress();
        try (Socket raw = new Socket(server.getAddress(), server.getPort())) {
            raw.setSoTimeout(120_000);
            JuteWriter connect = JuteWriter.framed();
            new ConnectRequest(0, 0, LocalCluster.TIMEOUTS.minMillis(), 0, new byte[16], false, false).write(connect);
            raw.getOutputStream().write(connect.toFrame());
            ConnectResponse session = ConnectResponse.read(new JuteReader(readFrame(raw.getInputStream())));
            assertEquals(LocalCluster.TIMEOUTS.minMillis(), session.timeOut(), "the timeout asked for, within the bounds");
            raw.getOutputStream().write(new ClientRequest(new RequestHeader(1, OpCode.CREATE.code()),
                new CreateRequest(OpCode.CREATE, "/silent", new byte[0], Acl.OPEN, CreateMode.EPHEMERAL.toFlag())).toFrame());
            assertEquals(0, ReplyHeader.read(new JuteReader(readFrame(raw.getInputStream()))).err());
            observer.zk().sync("/", (rc, path, ctx) -> { }, null);   // the observer's server may lag: the read waits for it
            assertNotNull(observer.zk().exists("/silent", true));

            // No ping, no request: the session expires, the ephemeral is deleted and the connection closed.
            WatchedEvent deleted = observer.nextEvent();
            assertEquals(EventType.NodeDeleted, deleted.getType());
            assertEquals("/silent", deleted.getPath());
            assertEquals(-1, raw.getInputStream().read(), "the expired session's connection is closed");

            BlockingQueue<WatchedEvent> resumed = new LinkedBlockingQueue<>();
            ZooKeeper again = new ZooKeeper(cluster.connectString(3), 30_000, resumed::add, session.sessionId(),
                session.passwd());
            try {
                WatchedEvent e = resumed.poll(60, TimeUnit.SECONDS);
                assertNotNull(e);
                assertEquals(Watcher.Event.KeeperState.Expired, e.getState());
            } finally {
                again.close();
            }
        } finally {
            observer.zk().close();
        }
    }

    @ParameterizedTest
    @EnumSource(Replication.class)
    void aWrongPasswordIsRefused(Replication replication) throws Exception {
        cluster = LocalCluster.of(1, replication);
        Clients.Connected owner = Clients.connect(cluster.connectString(1), 30_000);
        try {
            byte[] wrong = owner.zk().getSessionPasswd().clone();
            wrong[0] ^= 1;
            BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
            ZooKeeper thief = new ZooKeeper(cluster.connectString(1), 30_000, events::add, owner.zk().getSessionId(), wrong);
            try {
                WatchedEvent e = events.poll(60, TimeUnit.SECONDS);
                assertNotNull(e);
                assertEquals(Watcher.Event.KeeperState.Expired, e.getState());
            } finally {
                thief.close();
            }
            assertNotNull(owner.zk().exists("/", false), "the owner's session is untouched");
        } finally {
            owner.zk().close();
        }
    }

    /** A server restarted from its snapshot and log serves every znode and session, the ephemerals' owners included. */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void aServerRestartedFromItsSnapshotServesEverything(Replication replication) throws Exception {
        cluster = LocalCluster.of(3, io.synod.runtime.ReplicaConfig.defaults().withSnapshotEvery(8), replication);
        Clients.Connected writer = Clients.connect(cluster.connectString(1), 30_000);
        try {
            writer.zk().create("/snap", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            writer.zk().create("/snap/eph", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            for (int i = 0; i < 40; i++) {
                writer.zk().create("/snap/n" + i, bytes("v" + i), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
            int restarted = cluster.leader() == 3 ? 2 : 3;
            cluster.stop(restarted);
            writer.zk().setData("/snap/n0", bytes("while down"), -1);
            cluster.startNode(restarted);
            Clients.Connected reader = Clients.connect(cluster.connectString(restarted), 30_000);
            try {
                reader.zk().sync("/snap", (rc, path, ctx) -> { }, null);
                assertEquals(41, reader.zk().getChildren("/snap", false).size());
                assertArrayEquals(bytes("while down"), reader.zk().getData("/snap/n0", false, null));
                assertArrayEquals(bytes("v39"), reader.zk().getData("/snap/n39", false, null));
                assertEquals(writer.zk().getSessionId(), reader.zk().exists("/snap/eph", false).getEphemeralOwner());
            } finally {
                reader.zk().close();
            }
            // The writer's session is known to the restarted server: it may move there.
            ZooKeeper moved = new ZooKeeper(cluster.connectString(restarted), 30_000, e -> { }, writer.zk().getSessionId(),
                writer.zk().getSessionPasswd());
            try {
                LocalCluster.await("the session resumed on the restarted server", () -> moved.getState() == ZooKeeper.States.CONNECTED);
                assertNotNull(moved.exists("/snap/eph", false));
            } finally {
                moved.close();
            }
        } finally {
            writer.zk().close();
        }
    }

    /**
     * ZooKeeper's sync: a read sent after it, on the same connection, sees every write acknowledged before it,
     * even on a server cut off from the others (the read waits for the barrier, which waits for the log).
     */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void aReadAfterSyncSeesEveryEarlierWrite(Replication replication) throws Exception {
        cluster = LocalCluster.of(3, replication);
        int leader = cluster.leader();
        int y = leader == 1 ? 2 : 1;
        Clients.Connected writer = Clients.connect(cluster.connectString(leader), 30_000);
        Clients.Connected reader = Clients.connect(cluster.connectString(y), 30_000);
        try {
            writer.zk().create("/synced", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            cluster.network().isolate(y);
            writer.zk().create("/synced/late", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            java.util.concurrent.CompletableFuture<org.apache.zookeeper.data.Stat> seen = new java.util.concurrent.CompletableFuture<>();
            reader.zk().sync("/synced", (rc, path, ctx) -> { }, null);
            reader.zk().exists("/synced/late", false, (rc, path, ctx, stat) -> seen.complete(stat), null);
            // Cut off, Y can neither pass the barrier nor, so, answer the read behind it.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < until && !seen.isDone()) {
                Thread.sleep(20);
            }
            if (seen.isDone()) {
                assertNotNull(seen.get(), "a read after sync missed a write acknowledged before the sync");
            }
            cluster.network().heal();
            assertNotNull(seen.get(60, TimeUnit.SECONDS), "a read after sync missed a write acknowledged before the sync");
        } finally {
            writer.zk().close();
            reader.zk().close();
        }
    }

    /** ZooKeeper looks a read's path up without validating it: an invalid path is a node that is not there. */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void aReadOfAnInvalidPathIsNoNode(Replication replication) throws Exception {
        cluster = LocalCluster.of(1, replication);
        InetSocketAddress server = cluster.node(1).clientAddress();
        try (Socket raw = new Socket(server.getAddress(), server.getPort())) {
            raw.setSoTimeout(120_000);
            JuteWriter connect = JuteWriter.framed();
            new ConnectRequest(0, 0, 30_000, 0, new byte[16], false, false).write(connect);
            raw.getOutputStream().write(connect.toFrame());
            readFrame(raw.getInputStream());
            int xid = 1;
            for (OpCode op : List.of(OpCode.GET_DATA, OpCode.EXISTS, OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2)) {
                for (String path : List.of("no-slash", "/trailing/", "/a//b", "/./x")) {
                    raw.getOutputStream().write(JuteWriter.framed().writeInt(xid).writeInt(op.code()).writeString(path)
                        .writeBool(false).toFrame());
                    ReplyHeader reply = ReplyHeader.read(new JuteReader(readFrame(raw.getInputStream())));
                    assertEquals(xid, reply.xid());
                    assertEquals(io.synod.examples.coordination.tree.ErrorCode.NO_NODE.code(), reply.err(), op + " " + path);
                    xid++;
                }
            }
        }
    }

    private static byte[] readFrame(InputStream in) throws Exception {
        DataInputStream data = new DataInputStream(in);
        byte[] body = new byte[data.readInt()];
        data.readFully(body);
        return body;
    }
}
