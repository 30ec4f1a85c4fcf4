package io.synod.examples.coordination.server;

import io.synod.examples.coordination.wire.ConnectResponse;
import io.synod.examples.coordination.wire.CreateResponse;
import io.synod.examples.coordination.wire.JuteReader;
import io.synod.examples.coordination.wire.JuteWriter;
import io.synod.examples.coordination.wire.OpCode;
import io.synod.examples.coordination.wire.ReplyHeader;
import io.synod.examples.coordination.wire.WatcherEvent;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client port against the official ZooKeeper 3.9.5 client (and a raw socket for what that client
 * never sends), on loopback, with a scripted handler in place of the service.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClientPortTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private final ScriptedHandler handler = new ScriptedHandler();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<WatchedEvent> stateEvents = new CopyOnWriteArrayList<>();
    private ClientPort port;

    private ClientPortConfig loopback() {
        return ClientPortConfig.defaults(new InetSocketAddress("127.0.0.1", 0));
    }

    private ClientPort open(ClientPortConfig config) throws IOException {
        port = ClientPort.open(config, handler);
        return port;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        if (port != null) {
            port.close();
        }
    }

    private ZooKeeper connect(int sessionTimeoutMs) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper("127.0.0.1:" + port.address().getPort(), sessionTimeoutMs, event -> {
            stateEvents.add(event);
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        closing.add(zk::close);
        assertTrue(connected.await(BOUND.toSeconds(), TimeUnit.SECONDS), "the client did not connect");
        return zk;
    }

    private RawClient raw() throws IOException {
        RawClient raw = new RawClient(port.address());
        closing.add(raw);
        return raw;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + BOUND + ": " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private boolean disconnected(String reasonPart) {
        return handler.disconnects.stream().anyMatch(r -> r.contains(reasonPart));
    }

    @Test
    void aSessionIsEstablishedKeptAliveByPingsAndItsGetDataAnswered() throws Exception {
        open(loopback());
        ZooKeeper zk = connect(3_000);
        assertEquals(0x101, zk.getSessionId());
        assertEquals(3_000, zk.getSessionTimeout());

        Stat stat = new Stat();
        assertArrayEquals(ScriptedHandler.HELLO, zk.getData("/a", false, stat));
        assertEquals(ScriptedHandler.STAT.version(), stat.getVersion());
        assertEquals(ScriptedHandler.STAT.mtime(), stat.getMtime());

        // The client pings every second of idleness (a third of the timeout); three in a row answered.
        await(() -> handler.pings.get() >= 3, "three pings");
        assertEquals(ZooKeeper.States.CONNECTED, zk.getState());
        assertTrue(stateEvents.stream().allMatch(e -> e.getState() == Watcher.Event.KeeperState.SyncConnected),
            "the client lost its connection: " + stateEvents);
        assertEquals(List.of(), handler.disconnects);
    }

    @Test
    void aPushedWatchEventReachesTheClientsWatcher() throws Exception {
        open(loopback());
        ZooKeeper zk = connect(30_000);
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        zk.getData("/a", events::add, null);
        assertEquals(List.of("/a"), handler.watchedPaths);

        handler.connectionOf(zk.getSessionId()).sendEvent(9, WatcherEvent.of(WatcherEvent.NODE_DATA_CHANGED, "/a"));

        WatchedEvent event = events.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(event, "no event reached the watcher");
        assertEquals(Watcher.Event.EventType.NodeDataChanged, event.getType());
        assertEquals("/a", event.getPath());
        assertEquals(Watcher.Event.KeeperState.SyncConnected, event.getState());
    }

    @Test
    void anEventLeavesWhenPushedAheadOfAReplyStillOwed() throws Exception {
        open(loopback());
        RawClient raw = raw();
        long session = raw.handshake(false).sessionId();
        raw.send(JuteWriter.framed().writeInt(1).writeInt(OpCode.CREATE.code()).writeString("/slow1")
            .writeBuffer(new byte[0]).writeInt(0).writeInt(0).toFrame());
        await(() -> handler.held.containsKey("/slow1"), "the create handled");

        // As the replica would: the change's event first, then the write's reply.
        handler.connectionOf(session).sendEvent(8, WatcherEvent.of(WatcherEvent.NODE_CREATED, "/slow1"));
        byte[] first = raw.readFrame();
        assertEquals(new ReplyHeader(-1, 8, 0), ReplyHeader.read(new JuteReader(first, 0, ReplyHeader.BYTES)));
        assertEquals(WatcherEvent.of(WatcherEvent.NODE_CREATED, "/slow1"),
            WatcherEvent.read(new JuteReader(first, ReplyHeader.BYTES, first.length - ReplyHeader.BYTES)));

        handler.connectionOf(session).sendEvent(8, WatcherEvent.of(WatcherEvent.NODE_CHILDREN_CHANGED, "/"));
        handler.held.get("/slow1").complete(8, new CreateResponse("/slow1"));
        assertEquals(-1, ReplyHeader.read(new JuteReader(raw.readFrame())).xid(), "the event pushed before the reply");
        assertEquals(new ReplyHeader(1, 8, 0), ReplyHeader.read(new JuteReader(raw.readFrame(), 0, ReplyHeader.BYTES)));
    }

    @Test
    void repliesLeaveInRequestOrderWhenALaterRequestIsAnsweredFirst() throws Exception {
        open(loopback());
        ZooKeeper zk = connect(30_000);
        List<String> answered = new CopyOnWriteArrayList<>();
        CountDownLatch both = new CountDownLatch(2);
        zk.create("/slow", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, (rc, path, ctx, name) -> {
            answered.add("create rc=" + rc);
            both.countDown();
        }, null);
        zk.getData("/a", false, (rc, path, ctx, data, stat) -> {
            answered.add("getData rc=" + rc);
            both.countDown();
        }, null);
        // The getData is answered at once, the create (a write waiting for the log) only now.
        await(() -> handler.held.containsKey("/slow") && handler.requests.size() == 2, "both requests handled");
        handler.held.get("/slow").complete(8, new CreateResponse("/slow"));

        assertTrue(both.await(BOUND.toSeconds(), TimeUnit.SECONDS));
        // Out of order, the client would have failed both with ConnectionLoss (-4): "Xid out of order".
        assertEquals(List.of("create rc=0", "getData rc=0"), answered);
        assertEquals(List.of(), handler.disconnects);
    }

    @Test
    void repliesAnsweredTogetherLeaveInOneWrite() throws Exception {
        open(loopback());
        ZooKeeper zk = connect(30_000);
        int requests = 16;
        CountDownLatch all = new CountDownLatch(requests);
        for (int i = 0; i < requests; i++) {
            zk.create("/slow-" + i, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                (rc, path, ctx, name) -> all.countDown(), null);
        }
        await(() -> handler.held.size() == requests, "every create held");
        ClientConnection connection = handler.bySession.values().iterator().next();
        // The later ones first: they wait behind the first, which then releases all of them at once.
        for (int i = requests - 1; i >= 1; i--) {
            handler.held.get("/slow-" + i).complete(8, new CreateResponse("/slow-" + i));
        }
        long before = connection.writeCalls();
        handler.held.get("/slow-0").complete(8, new CreateResponse("/slow-0"));

        assertTrue(all.await(BOUND.toSeconds(), TimeUnit.SECONDS));
        assertEquals(1, connection.writeCalls() - before, "gathering writes for " + requests + " replies sent together");
    }

    @Test
    void aGarbageFrameClosesOnlyItsOwnConnection() throws Exception {
        open(loopback());
        ZooKeeper zk = connect(30_000);
        RawClient raw = raw();
        assertEquals(0x102, raw.handshake(false).sessionId());

        // getData whose path claims 100 bytes where the frame has 2.
        byte[] garbage = JuteWriter.framed().writeInt(1).writeInt(OpCode.GET_DATA.code()).writeInt(100).writeByte('/')
            .writeByte(0).toFrame();
        raw.send(garbage);

        assertTrue(raw.closedByServer());
        await(() -> disconnected("refused a request: " + OpCode.GET_DATA + ".path"), "the bad connection closed with its reason");
        assertArrayEquals(ScriptedHandler.HELLO, zk.getData("/a", false, null));
        assertEquals(ZooKeeper.States.CONNECTED, zk.getState());
        assertEquals(1, port.connectionCount());
        assertEquals(1, handler.disconnects.size(), "only the bad connection closed: " + handler.disconnects);
    }

    @Test
    void anOversizedLengthIsRefusedBeforeItsBodyIsRead() throws Exception {
        open(loopback().withMaxDataBytes(1_024));
        int limit = 1_024 + ClientPortConfig.FRAME_OVERHEAD_BYTES;
        ZooKeeper zk = connect(30_000);
        RawClient raw = raw();
        raw.handshake(false);

        // Only the 4-byte length is sent; the server must not wait for the body.
        raw.send(JuteWriter.bare().writeInt(limit + 1).toBytes());
        assertTrue(raw.closedByServer());
        await(() -> disconnected("announces " + (limit + 1) + " bytes; the limit is " + limit), "closed for its length");

        // Before the handshake too (a four-letter word, unsupported, reads as a huge length).
        RawClient early = raw();
        early.send("ruok".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(early.closedByServer());

        assertArrayEquals(ScriptedHandler.HELLO, zk.getData("/a", false, null));
        assertEquals(1, port.connectionCount());
    }

    @Test
    void aClientThatDoesNotReadIsDisconnectedAndNoOneElse() throws Exception {
        open(loopback().withMaxDataBytes(1_024).withMaxOutboundBytes(64 * 1024));
        ZooKeeper zk = connect(30_000);
        RawClient raw = raw();
        long session = raw.handshake(false).sessionId();
        ClientConnection slow = handler.connectionOf(session);

        // The raw client reads nothing more; events pile up in the kernel's buffers, then in the port's.
        WatcherEvent event = WatcherEvent.of(WatcherEvent.NODE_CHILDREN_CHANGED, "/" + "x".repeat(1_000));
        for (int i = 0; i < 50_000 && slow.isOpen(); i++) {
            slow.sendEvent(i, event);
        }
        await(() -> disconnected("does not read"), "the slow client disconnected");
        assertFalse(slow.isOpen());
        assertArrayEquals(ScriptedHandler.HELLO, zk.getData("/a", false, null));
        assertEquals(1, handler.disconnects.size(), "only the slow client: " + handler.disconnects);
    }

    @Test
    void aConnectionBeyondMaxClientCnxnsOfItsAddressIsClosedAtAcceptAndNoOtherIs() throws Exception {
        open(loopback().withMaxClientCnxns(2));
        ZooKeeper zk = connect(30_000);
        RawClient second = raw();
        second.handshake(false);

        RawClient third = raw();
        assertTrue(third.closedByServer(), "the third connection from 127.0.0.1 is closed before a byte is read");
        assertEquals(1, port.metrics().connectionsRefused());
        assertEquals(2, port.connectionCount());
        assertEquals(List.of(), handler.disconnects, "the refused connection never reached the handler");
        assertArrayEquals(ScriptedHandler.HELLO, zk.getData("/a", false, null));
        byte[] ping = JuteWriter.framed().writeInt(-2).writeInt(OpCode.PING.code()).toFrame();
        second.send(ping);
        assertEquals(new ReplyHeader(-2, ScriptedHandler.ZXID, 0), ReplyHeader.read(new JuteReader(second.readFrame())));

        // A slot freed is a slot taken again.
        second.close();
        await(() -> port.connectionCount() == 1, "the second connection's close seen");
        RawClient fourth = raw();
        fourth.handshake(false);
        assertEquals(2, port.connectionCount());
    }

    @Test
    void aThousandClientsAreHeldAtOnceEachAnswered() throws Exception {
        open(loopback().withMaxClientCnxns(0));
        List<RawClient> clients = new ArrayList<>();
        java.util.Set<Long> sessions = new java.util.HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            RawClient client = raw();
            clients.add(client);
            sessions.add(client.handshake(false).sessionId());
        }
        assertEquals(1_000, sessions.size());
        assertEquals(1_000, port.connectionCount());
        byte[] ping = JuteWriter.framed().writeInt(-2).writeInt(OpCode.PING.code()).toFrame();
        for (RawClient client : clients) {
            client.send(ping);
        }
        for (RawClient client : clients) {
            assertEquals(new ReplyHeader(-2, ScriptedHandler.ZXID, 0), ReplyHeader.read(new JuteReader(client.readFrame())));
        }
        assertEquals(List.of(), handler.disconnects);
    }

    @Test
    void aConnectionWithTooManyRequestsOutstandingIsNotReadUntilOneIsAnswered() throws Exception {
        open(loopback().withMaxOutstandingRequests(2));
        RawClient raw = raw();
        raw.handshake(false);
        java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
        for (int i = 1; i <= 3; i++) {
            burst.writeBytes(JuteWriter.framed().writeInt(i).writeInt(OpCode.CREATE.code()).writeString("/slow" + i)
                .writeBuffer(new byte[0]).writeInt(0).writeInt(0).toFrame());
        }
        burst.writeBytes(JuteWriter.framed().writeInt(-2).writeInt(OpCode.PING.code()).toFrame());
        raw.send(burst.toByteArray());

        // All four frames arrive in one read; only two are handed over while both are unanswered.
        await(() -> handler.held.size() >= 2, "two creates handled");
        assertEquals(java.util.Set.of("/slow1", "/slow2"), handler.held.keySet());
        assertEquals(0, handler.pings.get());

        handler.held.get("/slow1").complete(8, new CreateResponse("/slow1"));
        await(() -> handler.held.size() == 3, "the third create handled once the first was answered");
        handler.held.get("/slow2").complete(9, new CreateResponse("/slow2"));
        handler.held.get("/slow3").complete(10, new CreateResponse("/slow3"));
        for (int i = 1; i <= 3; i++) {
            assertEquals(new ReplyHeader(i, 7 + i, 0), ReplyHeader.read(new JuteReader(raw.readFrame(), 0, ReplyHeader.BYTES)));
        }
        assertEquals(new ReplyHeader(-2, ScriptedHandler.ZXID, 0), ReplyHeader.read(new JuteReader(raw.readFrame())));
    }

    @Test
    void anUnsupportedOpIsAnsweredUnimplementedThenClosed() throws Exception {
        open(loopback());
        RawClient raw = raw();
        raw.handshake(false);
        // check (13) is valid only inside a multi.
        raw.send(JuteWriter.framed().writeInt(5).writeInt(OpCode.CHECK.code()).writeString("/a").writeInt(1).toFrame());

        byte[] reply = raw.readFrame();
        assertEquals(new ReplyHeader(5, -1, -6), ReplyHeader.read(new JuteReader(reply)));
        assertEquals(ReplyHeader.BYTES, reply.length);
        assertTrue(raw.closedByServer());
    }

    @Test
    void aConnectionThatNeverSendsItsHandshakeIsClosed() throws Exception {
        open(loopback().withHandshakeTimeout(Duration.ofMillis(300)));
        RawClient raw = raw();
        assertTrue(raw.closedByServer());
        await(() -> disconnected("no ConnectRequest within 300 ms"), "closed for its silence");
    }

    @Test
    void anOldClientIsAnsweredWithoutTheReadOnlyByte() throws Exception {
        open(loopback());
        ConnectResponse response = raw().handshake(true);
        assertTrue(response.oldClient(), "the answer must be 36 bytes, as an old client reads it");
        assertEquals(30_000, response.timeOut());
    }

    @Test
    void closingTheSessionIsAnsweredThenTheConnectionCloses() throws Exception {
        open(loopback());
        ZooKeeper zk = connect(30_000);
        zk.close();
        await(() -> disconnected("session closed"), "the connection closed after the close reply");
        assertEquals(0, port.connectionCount());
        assertTrue(handler.requests.stream().anyMatch(r -> r.request().op() == OpCode.CLOSE_SESSION));
    }
}
