package io.synod.examples.coordination.client;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.acl.DigestScheme;
import io.synod.examples.coordination.acl.Id;
import io.synod.examples.coordination.acl.Perms;
import io.synod.examples.coordination.cli.OneServer;
import io.synod.examples.coordination.tree.CreateMode;
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.Stat;
import io.synod.examples.coordination.wire.ClientRequest;
import io.synod.examples.coordination.wire.ConnectResponse;
import io.synod.examples.coordination.wire.EmptyRequest;
import io.synod.examples.coordination.wire.OpCode;
import io.synod.examples.coordination.wire.ReplyFrames;
import io.synod.examples.coordination.wire.RequestDecoder;
import io.synod.examples.coordination.wire.RequestHeader;
import io.synod.examples.coordination.wire.WatcherEvent;
import io.synod.examples.coordination.wire.Xid;
import io.synod.storage.MemoryStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our protocol client against one coordination server in this JVM. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ZooKeeperClientTest {

    private static OneServer server;

    @BeforeAll
    static void start() throws Exception {
        server = OneServer.start(new MemoryStorage());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ZooKeeperClient connect(BlockingQueue<WatchedEvent> events, int timeoutMillis) throws Exception {
        return ZooKeeperClient.connect(server.address(), timeoutMillis, events::add);
    }

    private static WatchedEvent next(BlockingQueue<WatchedEvent> events) throws InterruptedException {
        WatchedEvent e = events.poll(60, TimeUnit.SECONDS);
        assertNotNull(e, "no event within 60 s");
        return e;
    }

    @Test
    void requestsAnswerInOrderWithStatsAndErrorCodes() throws Exception {
        try (ZooKeeperClient zk = connect(new LinkedBlockingQueue<>(), 30_000)) {
            assertTrue(zk.sessionId() != 0);
            assertEquals(30_000, zk.sessionTimeout());
            var created = zk.create("/c", bytes("one"), Acl.OPEN, CreateMode.PERSISTENT, 0);
            assertEquals("/c", created.path());
            assertEquals(0, created.stat().version());
            var read = zk.getData("/c", false);
            assertArrayEquals(bytes("one"), read.data());
            assertEquals(created.stat(), read.stat());
            Stat set = zk.setData("/c", bytes("two"), 0);
            assertEquals(1, set.version());
            assertTrue(set.mzxid() > created.stat().mzxid());
            assertEquals(set.mzxid(), zk.lastZxid(), "the last reply's zxid is the write's");

            assertEquals("/c/s-0000000000", zk.create("/c/s-", null, Acl.OPEN, CreateMode.PERSISTENT_SEQUENTIAL, 0).path());
            assertEquals(List.of("s-0000000000"), zk.getChildren("/c", false).children());
            assertNull(zk.exists("/c/none", false));

            KeeperError badVersion = assertThrows(KeeperError.class, () -> zk.setData("/c", bytes("x"), 0));
            assertEquals(ErrorCode.BAD_VERSION, badVersion.error());
            assertEquals("/c", badVersion.path());
            KeeperError noNode = assertThrows(KeeperError.class, () -> zk.getData("/c/none", false));
            assertEquals(ErrorCode.NO_NODE, noNode.error());
            assertEquals("/c/none", noNode.path());
            assertEquals(ErrorCode.NOT_EMPTY, assertThrows(KeeperError.class, () -> zk.delete("/c", -1)).error());
            zk.sync("/c");
            assertEquals(Acl.OPEN, zk.getAcl("/c").acl());
        }
    }

    @Test
    void watchesFireOncePerRegistrationWithTheChangesZxid() throws Exception {
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        try (ZooKeeperClient watcher = connect(events, 30_000); ZooKeeperClient writer = connect(new LinkedBlockingQueue<>(), 30_000)) {
            watcher.create("/w", bytes("0"), Acl.OPEN, CreateMode.PERSISTENT, 0);
            watcher.getData("/w", true);
            Stat changed = writer.setData("/w", bytes("1"), -1);
            assertEquals(new WatchedEvent(WatcherEvent.NODE_DATA_CHANGED, WatcherEvent.SYNC_CONNECTED, "/w", changed.mzxid()),
                next(events));
            assertNull(watcher.exists("/w/kid", true));
            watcher.getChildren("/w", true);
            writer.create("/w/kid", null, Acl.OPEN, CreateMode.PERSISTENT, 0);
            List<String> types = List.of(next(events).typeName(), next(events).typeName());
            assertTrue(types.containsAll(List.of("NodeCreated", "NodeChildrenChanged")), types.toString());
            writer.setData("/w", bytes("2"), -1);   // no watch left on /w's data: nothing may arrive for it
            watcher.getData("/w", true);
            writer.delete("/w/kid", -1);
            writer.setData("/w", bytes("3"), -1);
            WatchedEvent last = next(events);
            assertEquals("/w", last.path());
            assertEquals("NodeDataChanged", last.typeName());
            assertTrue(events.isEmpty() || events.peek().path().equals("/w/kid"), events.toString());
        }
    }

    @Test
    void addAuthGivesTheDigestIdentity() throws Exception {
        try (ZooKeeperClient bob = connect(new LinkedBlockingQueue<>(), 30_000);
             ZooKeeperClient other = connect(new LinkedBlockingQueue<>(), 30_000)) {
            bob.addAuth("digest", bytes("bob:secret"));
            List<Acl> onlyBob = List.of(new Acl(Perms.ALL, new Id("digest", DigestScheme.digest("bob:secret"))));
            bob.create("/bob", bytes("mine"), onlyBob, CreateMode.PERSISTENT, 0);
            assertArrayEquals(bytes("mine"), bob.getData("/bob", false).data());
            assertEquals(ErrorCode.NO_AUTH, assertThrows(KeeperError.class, () -> other.getData("/bob", false)).error());
        }
    }

    @Test
    void anIdleClientPingsEveryThirdOfItsTimeout() throws Exception {
        // A scripted server: it grants a 300 ms session and records the frames that come after the handshake.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
            Thread fake = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    in.readFully(new byte[in.readInt()]);
                    s.getOutputStream().write(ReplyFrames.connect(new ConnectResponse(0, 300, 0x77, new byte[16], false, false)));
                    while (true) {
                        byte[] frame = new byte[in.readInt()];
                        in.readFully(frame);
                        frames.add(frame);
                    }
                } catch (IOException e) {
                    // the client closed
                }
            });
            fake.setDaemon(true);
            fake.start();
            ZooKeeperClient zk = ZooKeeperClient.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()),
                30_000, e -> {
                });
            assertEquals(300, zk.sessionTimeout());
            assertEquals(0x77, zk.sessionId());
            for (int i = 0; i < 2; i++) {
                byte[] frame = frames.poll(60, TimeUnit.SECONDS);
                assertNotNull(frame, "no ping within 60 s");
                assertEquals(new ClientRequest(new RequestHeader(Xid.PING, OpCode.PING.code()), EmptyRequest.PING),
                    RequestDecoder.decode(frame));
            }
            zk.close();
        }
    }

    @Test
    void aLostConnectionFailsCallsAndClosesTheClient() throws Exception {
        try (OneServer own = OneServer.start(new MemoryStorage())) {
            ZooKeeperClient zk = ZooKeeperClient.connect(own.address(), 30_000, e -> {
            });
            zk.create("/x", null, Acl.OPEN, CreateMode.PERSISTENT, 0);
            own.close();
            assertThrows(ConnectionLostException.class, () -> {
                // The first write after the close may still go out; the reply never comes.
                for (int i = 0; i < 100; i++) {
                    zk.exists("/x", false);
                }
            });
            assertFalse(zk.isConnected());
            assertThrows(ConnectionLostException.class, () -> zk.exists("/x", false));
            zk.close();
        }
    }
}
