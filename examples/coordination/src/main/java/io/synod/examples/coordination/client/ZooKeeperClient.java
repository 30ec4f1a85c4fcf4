package io.synod.examples.coordination.client;

import io.synod.examples.coordination.acl.Acl;
import io.synod.examples.coordination.tree.CreateMode;
import io.synod.examples.coordination.tree.ErrorCode;
import io.synod.examples.coordination.tree.Stat;
import io.synod.examples.coordination.wire.AuthPacket;
import io.synod.examples.coordination.wire.ConnectRequest;
import io.synod.examples.coordination.wire.ConnectResponse;
import io.synod.examples.coordination.wire.Create2Response;
import io.synod.examples.coordination.wire.CreateRequest;
import io.synod.examples.coordination.wire.CreateTtlRequest;
import io.synod.examples.coordination.wire.DeleteRequest;
import io.synod.examples.coordination.wire.EmptyRequest;
import io.synod.examples.coordination.wire.GetAclResponse;
import io.synod.examples.coordination.wire.GetChildren2Response;
import io.synod.examples.coordination.wire.GetDataResponse;
import io.synod.examples.coordination.wire.JuteReader;
import io.synod.examples.coordination.wire.OpCode;
import io.synod.examples.coordination.wire.PathRequest;
import io.synod.examples.coordination.wire.ReplyHeader;
import io.synod.examples.coordination.wire.Request;
import io.synod.examples.coordination.wire.RequestFrames;
import io.synod.examples.coordination.wire.Response;
import io.synod.examples.coordination.wire.ResponseDecoder;
import io.synod.examples.coordination.wire.SetAclRequest;
import io.synod.examples.coordination.wire.SetDataRequest;
import io.synod.examples.coordination.wire.StatResponse;
import io.synod.examples.coordination.wire.WatchableRequest;
import io.synod.examples.coordination.wire.WatcherEvent;
import io.synod.examples.coordination.wire.Xid;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A small blocking client of ZooKeeper's protocol, on this module's Jute codec: one TCP connection, one
 * session. The handshake opens the session; requests are numbered from 1 and the server answers them in
 * order, so each reply completes the oldest outstanding call; a ping goes out every third of the
 * negotiated timeout; auth replies (xid -4) and pings (xid -2) travel outside that order; notifications
 * (xid -1) go to the watcher, on a thread of their own so that a watcher may itself call the client.
 *
 * <p>It does not reconnect: a broken connection fails every outstanding call with
 * {@link ConnectionLostException} and the client is then closed. The official client is the one to use
 * for fail-over; this one is for tools (synod-cli) that want no ZooKeeper jar.
 *
 * <pre>{@code
 * try (ZooKeeperClient zk = ZooKeeperClient.connect(new InetSocketAddress("127.0.0.1", 2181), 30_000, e -> {})) {
 *     zk.create("/app", "v".getBytes(), Acl.OPEN, CreateMode.PERSISTENT, 0);
 *     GetDataResponse read = zk.getData("/app", false);
 * }
 * }</pre>
 */
public final class ZooKeeperClient implements AutoCloseable {

    /** The largest reply accepted: ZooKeeper's default jute.maxbuffer plus room for the header. */
    static final int MAX_FRAME = 1_048_575 + 1024;

    private record Call(int xid, OpCode op, String path, CompletableFuture<Response> reply) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final long sessionId;
    private final int timeoutMillis;
    private final Consumer<WatchedEvent> watcher;
    private final ArrayDeque<Call> outstanding = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Response>> auths = new ArrayDeque<>();
    private final ScheduledExecutorService pinger;
    private final ExecutorService events;
    private final Thread reader;
    private int nextXid = 1;
    private volatile long lastZxid;
    private volatile IOException broken;

    private ZooKeeperClient(Socket socket, ConnectResponse session, Consumer<WatchedEvent> watcher) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
        this.sessionId = session.sessionId();
        this.timeoutMillis = session.timeOut();
        this.watcher = watcher;
        String name = "zk-client-0x" + Long.toHexString(sessionId);
        this.events = Executors.newSingleThreadExecutor(r -> daemon(r, name + "-events"));
        this.pinger = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-ping"));
        this.reader = daemon(this::readReplies, name + "-reader");
        reader.start();
        long period = Math.max(1, timeoutMillis / 3);
        pinger.scheduleAtFixedRate(this::ping, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects and opens a new session asking for {@code sessionTimeoutMillis}; the server's answer
     * bounds how long the handshake may take.
     *
     * @throws ConnectionLostException if the server closes the connection or refuses the session
     */
    public static ZooKeeperClient connect(InetSocketAddress server, int sessionTimeoutMillis, Consumer<WatchedEvent> watcher)
        throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, sessionTimeoutMillis);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(sessionTimeoutMillis);
            socket.getOutputStream().write(RequestFrames.connect(
                new ConnectRequest(0, 0, sessionTimeoutMillis, 0, new byte[ConnectResponse.PASSWORD_BYTES], false, false)));
            byte[] frame = readFrame(new DataInputStream(socket.getInputStream()));
            ConnectResponse session = ConnectResponse.read(new JuteReader(frame));
            if (session.timeOut() <= 0) {
                throw new ConnectionLostException("the server at " + server + " refused the session");
            }
            socket.setSoTimeout(0);
            return new ZooKeeperClient(socket, session, watcher);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public long sessionId() {
        return sessionId;
    }

    /** The session timeout the server granted. */
    public int sessionTimeout() {
        return timeoutMillis;
    }

    /** The highest zxid a reply or notification carried. */
    public long lastZxid() {
        return lastZxid;
    }

    /** Whether the connection still works. */
    public boolean isConnected() {
        return broken == null;
    }

    /** Creates a node (create2, or createTTL when {@code mode} is a TTL mode); returns the path and Stat. */
    public Create2Response create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttl)
        throws KeeperError, IOException {
        Request request = mode.isTtl()
            ? new CreateTtlRequest(path, data, acl, mode.flag(), ttl)
            : new CreateRequest(mode.isContainer() ? OpCode.CREATE_CONTAINER : OpCode.CREATE2, path, data, acl, mode.flag());
        return (Create2Response) call(request, path);
    }

    public void delete(String path, int version) throws KeeperError, IOException {
        call(new DeleteRequest(path, version), path);
    }

    /** The node's Stat, or {@code null} if there is none (a watch is then left on its creation). */
    public Stat exists(String path, boolean watch) throws KeeperError, IOException {
        try {
            return ((StatResponse) call(new WatchableRequest(OpCode.EXISTS, path, watch), path)).stat();
        } catch (KeeperError e) {
            if (e.error() == ErrorCode.NO_NODE) {
                return null;
            }
            throw e;
        }
    }

    public GetDataResponse getData(String path, boolean watch) throws KeeperError, IOException {
        return (GetDataResponse) call(new WatchableRequest(OpCode.GET_DATA, path, watch), path);
    }

    public Stat setData(String path, byte[] data, int version) throws KeeperError, IOException {
        return ((StatResponse) call(new SetDataRequest(path, data, version), path)).stat();
    }

    /** The children (in the server's order) and the node's Stat. */
    public GetChildren2Response getChildren(String path, boolean watch) throws KeeperError, IOException {
        return (GetChildren2Response) call(new WatchableRequest(OpCode.GET_CHILDREN2, path, watch), path);
    }

    public GetAclResponse getAcl(String path) throws KeeperError, IOException {
        return (GetAclResponse) call(new PathRequest(OpCode.GET_ACL, path), path);
    }

    public Stat setAcl(String path, List<Acl> acl, int aclVersion) throws KeeperError, IOException {
        return ((StatResponse) call(new SetAclRequest(path, acl, aclVersion), path)).stat();
    }

    /** Returns once the server has applied every write committed before the sync reached it. */
    public void sync(String path) throws KeeperError, IOException {
        call(new PathRequest(OpCode.SYNC, path), path);
    }

    /** Adds an identity to the connection (e.g. {@code digest}, {@code user:password}); waits for the answer. */
    public void addAuth(String scheme, byte[] auth) throws KeeperError, IOException {
        CompletableFuture<Response> reply = new CompletableFuture<>();
        synchronized (this) {
            failIfBroken();
            auths.add(reply);
            send(RequestFrames.request(Xid.AUTH, new AuthPacket(0, scheme, auth)));
        }
        await(reply, null);
    }

    /** Closes the session (closeSession, answered before the server drops the connection), then the socket. */
    @Override
    public void close() {
        try {
            if (broken == null) {
                call(EmptyRequest.CLOSE_SESSION, null);
            }
        } catch (KeeperError | IOException e) {
            // The session ends by timeout then; nothing else to do from here.
        } finally {
            shutdown(new ConnectionLostException("the client was closed"));
        }
    }

    private Response call(Request request, String path) throws KeeperError, IOException {
        CompletableFuture<Response> reply = new CompletableFuture<>();
        synchronized (this) {
            failIfBroken();
            int xid = nextXid++;
            outstanding.add(new Call(xid, request.op(), path, reply));
            send(RequestFrames.request(xid, request));
        }
        return await(reply, path);
    }

    private Response await(CompletableFuture<Response> reply, String path) throws KeeperError, IOException {
        try {
            // A reply later than twice the session timeout means the session is gone anyway.
            return reply.get(2L * timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KeeperError k) {
                throw k;
            }
            if (e.getCause() instanceof IOException io) {
                throw new ConnectionLostException(io.getMessage(), io);
            }
            throw new IllegalStateException("unexpected failure of a request", e.getCause());
        } catch (TimeoutException e) {
            ConnectionLostException lost = new ConnectionLostException("no reply within " + 2L * timeoutMillis + " ms");
            shutdown(lost);
            throw lost;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionLostException("interrupted while waiting for a reply" + (path == null ? "" : " about " + path));
        }
    }

    private void send(byte[] frame) throws IOException {
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            shutdown(e);
            throw new ConnectionLostException("sending failed: " + e.getMessage(), e);
        }
    }

    private void ping() {
        synchronized (this) {
            if (broken != null) {
                return;
            }
            try {
                send(RequestFrames.request(Xid.PING, EmptyRequest.PING));
            } catch (IOException e) {
                // shutdown already failed every call
            }
        }
    }

    private void readReplies() {
        try {
            while (true) {
                byte[] frame = readFrame(in);
                JuteReader reader = new JuteReader(frame);
                ReplyHeader header = ReplyHeader.read(reader);
                if (header.zxid() > 0) {
                    lastZxid = Math.max(lastZxid, header.zxid());
                }
                switch (header.xid()) {
                    case Xid.PING -> {
                    }
                    case Xid.NOTIFICATION -> {
                        WatchedEvent event = WatchedEvent.of(WatcherEvent.read(reader), header.zxid());
                        events.execute(() -> watcher.accept(event));
                    }
                    case Xid.AUTH -> complete(pollAuth(), header, null, reader);
                    default -> {
                        Call call = pollCall();
                        if (call == null || call.xid() != header.xid()) {
                            throw new IOException("reply xid " + header.xid() + " does not match the oldest request "
                                + (call == null ? "(none)" : call.xid()));
                        }
                        complete(call.reply(), header, call, reader);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            shutdown(e instanceof IOException io ? io : new IOException("a malformed reply: " + e.getMessage(), e));
        }
    }

    private static void complete(CompletableFuture<Response> reply, ReplyHeader header, Call call, JuteReader body) {
        if (reply == null) {
            return;
        }
        if (header.err() != 0) {
            reply.completeExceptionally(new KeeperError(header.err(), call == null ? null : call.path()));
        } else if (call == null) {
            reply.complete(Response.EMPTY);
        } else {
            reply.complete(ResponseDecoder.decode(call.op(), body));
        }
    }

    private synchronized Call pollCall() {
        return outstanding.poll();
    }

    private synchronized CompletableFuture<Response> pollAuth() {
        return auths.poll();
    }

    private void failIfBroken() throws ConnectionLostException {
        if (broken != null) {
            throw new ConnectionLostException("the connection is closed: " + broken.getMessage(), broken);
        }
    }

    private void shutdown(IOException cause) {
        synchronized (this) {
            if (broken == null) {
                broken = cause;
            }
            for (Call call : outstanding) {
                call.reply().completeExceptionally(cause);
            }
            outstanding.clear();
            auths.forEach(a -> a.completeExceptionally(cause));
            auths.clear();
        }
        pinger.shutdownNow();
        events.shutdown();
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new ConnectionLostException("the server closed the connection");
        }
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("a reply frame of " + length + " bytes (at most " + MAX_FRAME + " accepted)");
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
