package io.synod.examples.coordination.server;

import io.synod.examples.coordination.admin.ServedClients;
import io.synod.examples.coordination.metrics.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The port ZooKeeper clients connect to: one non-blocking server socket and one I/O thread that runs a
 * selector over every connection, reading frames, handing requests to the {@link RequestHandler} and
 * writing replies. Tasks from other threads (replies completed, events pushed, closes) queue up and wake
 * the selector.
 *
 * <p>It is built to hold thousands of mostly idle clients: an idle connection costs its socket, its key
 * and a {@link ClientConnection} with a 4-byte length buffer; the 64 KiB read buffer is shared, a frame's
 * buffer is allocated only once its length has passed the limit, and a connection with too many requests
 * outstanding is no longer read until it catches up. (Open-file limits, not this loop, bound the count:
 * raise {@code ulimit -n} for more than about a thousand.) One client address may hold at most
 * {@code maxClientCnxns} connections; one more is closed as it is accepted, before a byte is read, as
 * ZooKeeper does.
 */
public final class ClientPort implements ServedClients, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientPort.class);
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final ClientPortConfig config;
    private final RequestHandler handler;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final InetSocketAddress address;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** Connections with output queued in this loop; touched on the I/O thread only. */
    private final ArrayDeque<ClientConnection> flushes = new ArrayDeque<>();
    /** The gathering writes' array, shared by every connection: only the I/O thread writes. */
    private final ByteBuffer[] gather = new ByteBuffer[OutboundBuffer.GATHER];
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    /** Open connections per client address; touched on the I/O thread only. */
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final ServerMetrics metrics;
    private final Thread thread;
    private volatile boolean running = true;

    private ClientPort(ClientPortConfig config, RequestHandler handler, ServerMetrics metrics) throws IOException {
        this.config = config;
        this.handler = handler;
        this.metrics = metrics;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(config.bind(), 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            this.address = (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            server.close();
            selector.close();
            throw e;
        }
        this.thread = new Thread(this::run, "synod-client-port-" + address.getPort());
    }

    /** Binds and starts serving; {@link #close()} stops. */
    public static ClientPort open(ClientPortConfig config, RequestHandler handler) throws IOException {
        return open(config, handler, new ServerMetrics(System.currentTimeMillis()));
    }

    /** Binds and starts serving, counting into {@code metrics}; {@link #close()} stops. */
    public static ClientPort open(ClientPortConfig config, RequestHandler handler, ServerMetrics metrics) throws IOException {
        ClientPort port = new ClientPort(config, handler, metrics);
        port.thread.start();
        LOG.info("serving ZooKeeper clients on {}", port.address);
        return port;
    }

    /** Where it listens (with the actual port if bound to port 0). */
    public InetSocketAddress address() {
        return address;
    }

    /** Connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    /** The connections open now (a copy, in no order). */
    public List<ClientConnection> connections() {
        return List.copyOf(connections);
    }

    /** What this port counts: packets, latencies, outstanding requests, refused connections. */
    public ServerMetrics metrics() {
        return metrics;
    }

    public ClientPortConfig config() {
        return config;
    }

    RequestHandler handler() {
        return handler;
    }

    /** Runs {@code task} on the I/O thread, after the tasks submitted before it. */
    void submit(Runnable task) {
        tasks.add(task);
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Called once by a connection that closed. */
    void closed(ClientConnection connection, String reason) {
        connections.remove(connection);
        perAddress.computeIfPresent(connection.remoteAddress().getAddress(), (a, n) -> n == 1 ? null : n - 1);
        LOG.debug("{} closed: {}", connection, reason);
        try {
            handler.disconnected(connection, reason);
        } catch (RuntimeException e) {
            LOG.warn("the handler failed on the close of {}", connection, e);
        }
    }

    private void run() {
        long handshakeNanos = config.handshakeTimeout().toNanos();
        long sweepEvery = Math.max(1, Math.min(1000, config.handshakeTimeout().toMillis() / 4));
        long nextSweep = System.nanoTime();
        try {
            while (running) {
                selector.select(sweepEvery);
                wakeupPending.set(false);
                runTasks();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key);
                }
                runTasks();
                flushAll();
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    nextSweep = now + TimeUnit.MILLISECONDS.toNanos(sweepEvery);
                    for (ClientConnection connection : List.copyOf(connections)) {
                        if (connection.handshakeOverdue(now, handshakeNanos)) {
                            connection.closeNow("no ConnectRequest within " + config.handshakeTimeout().toMillis() + " ms");
                        } else if (connection.notReading(now, handshakeNanos)) {
                            connection.closeNow("does not read: took none of the bytes waiting for it within its "
                                + (connection.sessionTimeout() > 0 ? "session timeout" : "handshake timeout"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.error("the client port on {} failed", address, e);
        } finally {
            for (ClientConnection connection : new ArrayList<>(connections)) {
                connection.closeNow("the server is closing");
            }
            runTasks();
            closeQuietly();
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            acceptAll();
            return;
        }
        ClientConnection connection = (ClientConnection) key.attachment();
        try {
            if (key.isWritable()) {
                connection.onWritable();
            }
            if (key.isValid() && key.isReadable()) {
                connection.onReadable(readBuffer);
            }
        } catch (RuntimeException e) {
            LOG.warn("{} failed", connection, e);
            connection.closeNow("internal error: " + e);
        }
    }

    private void acceptAll() {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                LOG.warn("accept failed on {}", address, e);
                return;
            }
            if (channel == null) {
                return;
            }
            if (!admit(channel)) {
                continue;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                ClientConnection connection = new ClientConnection(this, channel, key, ids.incrementAndGet(), System.nanoTime());
                key.attach(connection);
                connections.add(connection);
                perAddress.merge(connection.remoteAddress().getAddress(), 1, Integer::sum);
            } catch (IOException e) {
                LOG.debug("a connection closed as it was accepted", e);
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Nothing more to do with it.
                }
            }
        }
    }

    /** ZooKeeper's maxClientCnxns: one connection too many from an address is closed unread. */
    private boolean admit(SocketChannel channel) {
        int limit = config.maxClientCnxns();
        if (limit == 0) {
            return true;
        }
        InetAddress from;
        try {
            from = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
        } catch (IOException e) {
            from = null;
        }
        if (from != null && perAddress.getOrDefault(from, 0) < limit) {
            return true;
        }
        metrics.connectionRefused();
        LOG.warn("Too many connections from {} - max is {}", from, limit);
        try {
            channel.close();
        } catch (IOException ignored) {
            // Refused either way.
        }
        return false;
    }

    /** Queues {@code connection}'s flush for the end of this loop (on the I/O thread). */
    /** The array a connection's gathering write fills; on the I/O thread only. */
    ByteBuffer[] gatherBuffers() {
        return gather;
    }

    void flushLater(ClientConnection connection) {
        flushes.add(connection);
    }

    private void flushAll() {
        ClientConnection connection;
        while ((connection = flushes.poll()) != null) {
            connection.flush();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("a task on the client port failed", e);
            }
        }
    }

    private void closeQuietly() {
        try {
            server.close();
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops accepting, closes every connection, and waits for the I/O thread to end (unless called on
     * that thread, by a handler: then the thread ends once the current task returns).
     */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopped serving ZooKeeper clients on {}", address);
    }
}
