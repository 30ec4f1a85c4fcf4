package io.synod.examples.coordination.service;

import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The official ZooKeeper 3.9 client against one coordination server, over TCP on 127.0.0.1, on every protocol. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SingleServerClientTest {

    private static final ClustersByProtocol CLUSTERS = new ClustersByProtocol(1);

    @AfterAll
    static void stop() {
        CLUSTERS.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Replication.class)
    void crudWithEveryCreateModeAndErrorCodes(Replication replication) throws Exception {
        Clients.Connected c = Clients.connect(CLUSTERS.of(replication).connectString(), 30_000);
        ZooKeeper zk = c.zk();
        try {
            assertEquals("/crud", zk.create("/crud", bytes("root"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            Stat created = new Stat();
            zk.create("/crud/p", bytes("v0"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);
            assertEquals(0, created.getVersion());
            assertEquals(created.getCzxid(), created.getMzxid());
            assertEquals(2, created.getDataLength());

            String seq1 = zk.create("/crud/s-", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
            String seq2 = zk.create("/crud/s-", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
            assertEquals("/crud/s-0000000001", seq1);
            assertEquals("/crud/s-0000000002", seq2);
            zk.create("/crud/e", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            assertEquals(zk.getSessionId(), zk.exists("/crud/e", false).getEphemeralOwner());
            zk.create("/crud/c", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
            zk.create("/crud/t", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, null, 60_000);

            Stat read = new Stat();
            assertArrayEquals(bytes("v0"), zk.getData("/crud/p", false, read));
            assertEquals(created, read);
            Stat set = zk.setData("/crud/p", bytes("v1"), 0);
            assertEquals(1, set.getVersion());
            assertTrue(set.getMzxid() > created.getMzxid(), "a write's zxid grows");
            assertEquals(List.of("c", "e", "p", "s-0000000001", "s-0000000002", "t"),
                zk.getChildren("/crud", false).stream().sorted().toList());
            assertEquals(7, zk.getAllChildrenNumber("/crud") + 1);
            assertEquals(List.of("/crud/e", "/crud/s-0000000002"), zk.getEphemerals("/crud").stream().sorted().toList());

            assertEquals(KeeperException.Code.BADVERSION,
                assertThrows(KeeperException.class, () -> zk.setData("/crud/p", bytes("x"), 0)).code());
            assertEquals(KeeperException.Code.NODEEXISTS,
                assertThrows(KeeperException.class, () -> zk.create("/crud/p", null, ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT)).code());
            assertEquals(KeeperException.Code.NONODE,
                assertThrows(KeeperException.class, () -> zk.getData("/crud/none", false, null)).code());
            assertEquals(KeeperException.Code.NONODE,
                assertThrows(KeeperException.class, () -> zk.create("/none/child", null, ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT)).code());
            assertEquals(KeeperException.Code.NOTEMPTY,
                assertThrows(KeeperException.class, () -> zk.delete("/crud", -1)).code());
            assertEquals(KeeperException.Code.NOCHILDRENFOREPHEMERALS,
                assertThrows(KeeperException.class, () -> zk.create("/crud/e/x", null, ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT)).code());
            assertNull(zk.exists("/crud/none", false));

            zk.delete("/crud/p", 1);
            assertNull(zk.exists("/crud/p", false));
        } finally {
            zk.close();
        }
    }

    /** ZooKeeper's FIFO client order: a read sent after a write, before its answer, sees it. */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void aReadSeesTheSessionsEarlierWritesStillInFlight(Replication replication) throws Exception {
        Clients.Connected c = Clients.connect(CLUSTERS.of(replication).connectString(), 30_000);
        ZooKeeper zk = c.zk();
        try {
            zk.create("/fifo", bytes("0"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            for (int i = 1; i <= 100; i++) {
                zk.setData("/fifo", bytes(Integer.toString(i)), -1, (rc, path, ctx, stat) -> { }, null);
                assertArrayEquals(bytes(Integer.toString(i)), zk.getData("/fifo", false, null), "round " + i);
                zk.create("/fifo/n" + i, null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, (rc, path, ctx, name) -> { }, null);
                assertTrue(zk.exists("/fifo/n" + i, false) != null, "round " + i);
            }
        } finally {
            zk.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Replication.class)
    void containersAndTtlNodesAreRemovedByTheLeader(Replication replication) throws Exception {
        Clients.Connected c = Clients.connect(CLUSTERS.of(replication).connectString(), 30_000);
        ZooKeeper zk = c.zk();
        try {
            zk.create("/box", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
            zk.create("/box/item", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            zk.create("/short", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, null, 1);
            assertTrue(zk.exists("/box", false) != null);
            zk.delete("/box/item", -1);
            LocalCluster.await("the empty container removed", () -> {
                try {
                    return zk.exists("/box", false) == null;
                } catch (Exception e) {
                    return false;
                }
            });
            LocalCluster.await("the TTL node removed", () -> {
                try {
                    return zk.exists("/short", false) == null;
                } catch (Exception e) {
                    return false;
                }
            });
        } finally {
            zk.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Replication.class)
    void ephemeralsGoWithTheClosedSession(Replication replication) throws Exception {
        Clients.Connected owner = Clients.connect(CLUSTERS.of(replication).connectString(), 30_000);
        Clients.Connected observer = Clients.connect(CLUSTERS.of(replication).connectString(), 30_000);
        try {
            observer.zk().create("/eph", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            owner.zk().create("/eph/mine", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            assertTrue(observer.zk().exists("/eph/mine", true) != null);
            owner.zk().close();
            WatchedEvent deleted = observer.nextEvent();
            assertEquals(EventType.NodeDeleted, deleted.getType());
            assertEquals("/eph/mine", deleted.getPath());
            assertNull(observer.zk().exists("/eph/mine", false));
        } finally {
            observer.zk().close();
        }
    }

    @ParameterizedTest
    @EnumSource(Replication.class)
    void watchesFireOnceInOrderAndBeforeLaterReplies(Replication replication) throws Exception {
        Clients.Connected watcher = Clients.connect(CLUSTERS.of(replication).connectString(), 30_000);
        Clients.Connected writer = Clients.connect(CLUSTERS.of(replication).connectString(), 30_000);
        try {
            ZooKeeper w = watcher.zk();
            assertNull(w.exists("/w", true));
            writer.zk().create("/w", bytes("a"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            assertEquals(EventType.NodeCreated, watcher.nextEvent().getType());
            w.getData("/w", true, null);
            w.getChildren("/w", true);
            writer.zk().setData("/w", bytes("b"), -1);
            writer.zk().create("/w/kid", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            // The data watch fired before the child watch, and before this read's reply.
            assertArrayEquals(bytes("b"), w.getData("/w", false, null));
            assertEquals(EventType.NodeDataChanged, watcher.events().poll().getType());
            WatchedEvent child = watcher.nextEvent();
            assertEquals(EventType.NodeChildrenChanged, child.getType());
            writer.zk().setData("/w", bytes("c"), -1);
            assertArrayEquals(bytes("c"), w.getData("/w", false, null));
            assertTrue(watcher.events().isEmpty(), "one-shot watches fired once: " + watcher.events());

            w.addWatch("/w", AddWatchMode.PERSISTENT_RECURSIVE);
            writer.zk().setData("/w/kid", bytes("1"), -1);
            writer.zk().create("/w/kid/deep", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            writer.zk().setData("/w/kid", bytes("2"), -1);
            w.sync("/w");
            assertEquals(List.of("NodeDataChanged /w/kid", "NodeCreated /w/kid/deep", "NodeDataChanged /w/kid"),
                List.of(describe(watcher.nextEvent()), describe(watcher.nextEvent()), describe(watcher.nextEvent())));
            w.removeAllWatches("/w", org.apache.zookeeper.Watcher.WatcherType.Any, false);
            assertEquals(KeeperException.Code.NOWATCHER, assertThrows(KeeperException.class,
                () -> w.removeAllWatches("/w", org.apache.zookeeper.Watcher.WatcherType.Any, false)).code());
        } finally {
            watcher.zk().close();
            writer.zk().close();
        }
    }

    private static String describe(WatchedEvent e) {
        return e.getType() + " " + e.getPath();
    }

    /**
     * ZooKeeper reads no request frame longer than jute.maxbuffer (0xfffff bytes by default): it closes the
     * connection ("Len error"), so its client sees ConnectionLoss, reconnects and finds the node unchanged.
     */
    @ParameterizedTest
    @EnumSource(Replication.class)
    void aRequestOverJuteMaxBufferLosesTheConnectionAsInZooKeeper(Replication replication) throws Exception {
        Clients.Connected c = Clients.connect(CLUSTERS.of(replication).connectString(), 30_000);
        ZooKeeper zk = c.zk();
        try {
            zk.create("/big", bytes("small"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            assertEquals(1_000_000, zk.setData("/big", new byte[1_000_000], -1).getDataLength(), "a large request that fits");
            assertThrows(KeeperException.ConnectionLossException.class,
                () -> zk.setData("/big", new byte[0xfffff], -1));
            long session = zk.getSessionId();
            LocalCluster.await("the client to reconnect and read the node unchanged", () -> {
                try {
                    return zk.exists("/big", false).getDataLength() == 1_000_000;
                } catch (KeeperException.ConnectionLossException stillReconnecting) {
                    return false;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(session, zk.getSessionId(), "the session outlived the connection");
        } finally {
            zk.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Replication.class)
    void multiIsAllOrNothing(Replication replication) throws Exception {
        Clients.Connected c = Clients.connect(CLUSTERS.of(replication).connectString(), 30_000);
        ZooKeeper zk = c.zk();
        try {
            zk.create("/multi", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            KeeperException failed = assertThrows(KeeperException.class, () -> zk.multi(List.of(
                Op.create("/multi/a", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.check("/multi", 7),
                Op.create("/multi/b", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
            assertEquals(KeeperException.Code.BADVERSION, failed.code());
            List<OpResult> results = failed.getResults();
            assertEquals(3, results.size());
            assertEquals(KeeperException.Code.RUNTIMEINCONSISTENCY.intValue(), ((OpResult.ErrorResult) results.get(2)).getErr());
            assertNull(zk.exists("/multi/a", false), "nothing of a failed multi is applied");

            List<OpResult> ok = zk.multi(List.of(
                Op.create("/multi/a", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.setData("/multi/a", bytes("x"), 0),
                Op.check("/multi", -1)));
            assertInstanceOf(OpResult.CreateResult.class, ok.get(0));
            assertEquals(1, ((OpResult.SetDataResult) ok.get(1)).getStat().getVersion());
        } finally {
            zk.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Replication.class)
    void digestAclsAndSync(Replication replication) throws Exception {
        Clients.Connected alice = Clients.connect(CLUSTERS.of(replication).connectString(), 30_000);
        Clients.Connected anon = Clients.connect(CLUSTERS.of(replication).connectString(), 30_000);
        try {
            alice.zk().addAuthInfo("digest", bytes("alice:secret"));
            List<ACL> onlyAlice = new java.util.ArrayList<>(List.of(new ACL(ZooDefs.Perms.ALL,
                new Id("digest", DigestAuthenticationProvider.generateDigest("alice:secret")))));
            alice.zk().create("/private", bytes("hers"), onlyAlice, CreateMode.PERSISTENT);
            alice.zk().create("/creator", bytes("hers"), ZooDefs.Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
            assertArrayEquals(bytes("hers"), alice.zk().getData("/private", false, null));
            assertArrayEquals(bytes("hers"), alice.zk().getData("/creator", false, null));
            assertEquals(KeeperException.Code.NOAUTH,
                assertThrows(KeeperException.class, () -> anon.zk().getData("/private", false, null)).code());
            assertEquals(KeeperException.Code.NOAUTH,
                assertThrows(KeeperException.class, () -> anon.zk().setData("/creator", null, -1)).code());
            assertEquals(onlyAlice, alice.zk().getACL("/private", new Stat()));

            java.util.concurrent.CompletableFuture<Integer> synced = new java.util.concurrent.CompletableFuture<>();
            anon.zk().sync("/private", (rc, path, ctx) -> synced.complete(rc), null);
            assertEquals(0, synced.get(60, TimeUnit.SECONDS));
        } finally {
            alice.zk().close();
            anon.zk().close();
        }
    }
}
