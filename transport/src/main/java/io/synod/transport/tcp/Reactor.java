package io.synod.transport.tcp;

import io.synod.api.Envelope;
import io.synod.api.Message;
import io.synod.spi.MessageCodec;
import org.agrona.collections.Int2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The transport's one I/O thread (the Reactor pattern: Schmidt, 1995): a selector loop that
 * accepts and dials connections, runs their handshakes, writes what is queued for each peer and
 * reads what arrives, and keeps the redial and handshake timers. How a connection begins is
 * {@link Connector}'s; which connection is a peer's link, and how one ends, is {@link Links}'.
 *
 * <p><b>Duty cycle.</b> Each round writes every peer's queue into its connection (one socket write
 * for all of it, mostly), fires due timers and handles ready sockets. A round without work ends
 * in {@code select}, blocked until a socket is ready, a timer is due or a sender wakes it
 * ({@link #wake}). It does not spin first: on a machine with few cores, a spinning I/O thread
 * takes the core that the replica thread it waits for needs (measured with
 * {@code TcpTransportBenchmark} on two shared cores: spinning a hundred rounds before sleeping
 * more than doubled the median round trip).
 *
 * <p><b>Lent while asleep.</b> Everything here belongs to whoever holds {@link #owned}: the
 * reactor thread, except while it sleeps in {@code select}. A sending thread that finds it asleep
 * may take it and write its message itself ({@link #writeFromSender}), saving the wake-up of the
 * I/O thread: one system call instead of one to wake the thread plus the thread's own. It does so
 * only for a peer whose previous message went out more than {@link #SPARSE_NANOS} earlier, so a
 * burst of sends still goes to the I/O thread and leaves in batches.
 */
final class Reactor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
    /** A peer's sends this far apart are "sparse": their sender may write them itself. */
    static final long SPARSE_NANOS = 20_000;

    private final TcpTransportConfig config;
    private final int self;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final Int2ObjectHashMap<Peer> peers = new Int2ObjectHashMap<>();
    private final Peer[] peerList;
    private final ChannelTable channels;
    private final Inbox inbox;
    private final Links links;
    /** The connections in their handshake: {@link Links#pending}, held here for the timer scan. */
    private final List<Connection> pending;
    private final Connector connector;
    private final List<Connection> readAgain = new ArrayList<>();
    private final AtomicBoolean asleep = new AtomicBoolean();
    /** Held by the reactor thread, or by a sender while the reactor thread sleeps. */
    private final AtomicBoolean owned = new AtomicBoolean();
    private final Consumer<SelectionKey> onKey = this::onKey;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private long nextDeadlineNanos = Long.MAX_VALUE;
    private int delivered;
    /** Flushes done by sending threads while this thread slept (for tests and diagnosis). */
    private final AtomicLong writesBySenders = new AtomicLong();

    Reactor(TcpTransportConfig config, ChannelTable channels, Inbox inbox, Suspicions suspicions) throws IOException {
        this.config = config;
        this.self = config.self();
        this.channels = channels;
        this.inbox = inbox;
        List<Peer> list = new ArrayList<>();
        for (Map.Entry<Integer, InetSocketAddress> m : config.members().entrySet()) {
            int id = m.getKey();
            if (id != self) {
                Backoff backoff = new Backoff(config.initialBackoff().toNanos(), config.maxBackoff().toNanos(),
                    config.backoffSeed() * 31 + id);
                Outbox outbox = new Outbox(config.sendQueueCapacity(), config.sendQueueBytes(), config.maxFrameLength());
                Peer p = new Peer(id, m.getValue(), self < id, outbox, backoff);
                peers.put(id, p);
                list.add(p);
            }
        }
        this.peerList = list.toArray(new Peer[0]);
        this.links = new Links(config, peers, peerList, inbox, suspicions);
        this.pending = links.pending;
        Selector s = Selector.open();
        ServerSocketChannel ss = null;
        try {
            ss = ServerSocketChannel.open();
            ss.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ss.bind(new InetSocketAddress(config.bindAddress(), config.members().get(self).getPort()), 64);
            ss.configureBlocking(false);
            ss.register(s, SelectionKey.OP_ACCEPT, null);
        } catch (IOException | RuntimeException e) {
            s.close();
            if (ss != null) {
                ss.close();
            }
            throw e;
        }
        this.selector = s;
        this.server = ss;
        this.connector = new Connector(this, links, config, s, ss);
    }

    // ---- any thread ----

    Peer peer(int id) {
        return peers.get(id);
    }

    Peer[] peers() {
        return peerList;
    }

    InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    Map<HandshakeRefusal, Long> refusals() {
        return links.refusals();
    }

    long writesBySenders() {
        return writesBySenders.get();
    }

    /** The error that stopped the thread, or null. */
    Throwable failure() {
        return failure;
    }

    /** A message was queued for a connected peer: wake the thread if it sleeps in select. */
    void wake() {
        if (asleep.get() && asleep.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }

    /**
     * Writes what is queued for {@code p} on the calling thread, if the reactor thread sleeps and
     * no one else holds the reactor; else wakes the reactor thread to do it.
     */
    void sendSoon(Peer p, boolean sparse) {
        if (!sparse || !asleep.get() || !owned.compareAndSet(false, true)) {
            wake();
            return;
        }
        boolean left;
        try {
            writesBySenders.lazySet(writesBySenders.get() + 1);
            left = writeFromSender(p);
        } finally {
            owned.set(false);
        }
        if (left || !p.outbox.isEmpty()) {
            wake();
        }
    }

    /** With the reactor held: flushes {@code p}; true if something is left for the reactor thread. */
    private boolean writeFromSender(Peer p) {
        Connection c = p.connection;
        if (c == null || c.state != Connection.State.ESTABLISHED || c.awaitingWritable() || p.blocked) {
            return true;
        }
        flushPeer(p, c);
        // Bytes the socket did not take need OP_WRITE, which the sleeping select has not seen.
        return c.state != Connection.State.ESTABLISHED || c.awaitingWritable() || !readAgain.isEmpty();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    // ---- the reactor thread ----

    @Override
    public void run() {
        lock();
        long start = System.nanoTime();
        for (Peer p : peerList) {
            p.nextDialNanos = start;
        }
        try {
            while (running) {
                long now = System.nanoTime();
                int work = flushPeers() + runTimers(now) + readAgain();
                if (work > 0) {
                    selector.selectNow(onKey);
                } else {
                    sleep(now);
                }
                if (delivered > 0) {
                    delivered = 0;
                    inbox.ring();
                }
            }
        } catch (Throwable t) {
            if (running) {
                failure = t;
                LOG.error("node {}: the transport's I/O thread failed and stops; this node can no longer send or receive", self, t);
            }
        } finally {
            // The reactor stays held: no sender may borrow a closed transport.
            closeAll();
        }
    }

    /** Announces the sleep, lends the reactor out, selects, takes the reactor back, handles keys. */
    private void sleep(long now) throws IOException {
        asleep.set(true);
        owned.set(false);
        try {
            if (!anyQueued() && running) {
                long timeoutMillis = 0;
                if (nextDeadlineNanos != Long.MAX_VALUE) {
                    timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextDeadlineNanos - now) + 1);
                }
                selector.select(timeoutMillis);
            }
        } finally {
            asleep.set(false);
            lock();
        }
        Set<SelectionKey> ready = selector.selectedKeys();
        if (!ready.isEmpty()) {
            for (SelectionKey k : ready) {
                onKey(k);
            }
            ready.clear();
        }
    }

    /**
     * Takes the reactor back from a sender, which holds it for one write at most; yields after a
     * short spin, in case that sender lost its core in the middle.
     */
    private void lock() {
        for (int spins = 0; !owned.compareAndSet(false, true); spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private boolean anyQueued() {
        for (Peer p : peerList) {
            Connection c = p.connection;
            if (c != null && !c.awaitingWritable() && !p.outbox.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private int flushPeers() {
        int work = 0;
        for (Peer p : peerList) {
            if (p.blocked) {
                p.discardQueued();
                continue;
            }
            Connection c = p.connection;
            if (c != null && !c.awaitingWritable() && !p.outbox.isEmpty()) {
                work += flushPeer(p, c);
            }
        }
        return work;
    }

    /** Hands what is queued for {@code p} to its connection and writes it. */
    private int flushPeer(Peer p, Connection c) {
        int moved = p.outbox.drainTo(c.writer);
        if (moved > 0) {
            p.counters.sent(moved);
        }
        serve(c, 0);
        return Math.max(moved, 1);
    }

    private int runTimers(long now) {
        int work = 0;
        long next = Long.MAX_VALUE;
        for (Peer p : peerList) {
            if (p.dialed && p.connection == null && p.dialing == null) {
                if (now - p.nextDialNanos >= 0) {
                    connector.dial(p, now);
                    work++;
                } else {
                    next = earlier(next, p.nextDialNanos, now);
                }
            }
        }
        for (int i = pending.size() - 1; i >= 0; i--) {
            Connection c = pending.get(i);
            if (now - c.deadlineNanos >= 0) {
                if (c.state == Connection.State.CONNECTING) {
                    // Not a refusal: nothing answered (a host down or a packet filter). Redial later.
                    LOG.debug("node {}: no answer from node {} at {} within {}", self, c.peer.id, c.remote, config.handshakeTimeout());
                    links.discard(c);
                } else {
                    links.refuse(c, HandshakeRefusal.TIMEOUT, "no completed handshake within " + config.handshakeTimeout());
                }
                work++;
            } else {
                next = earlier(next, c.deadlineNanos, now);
            }
        }
        // A dial just made or a timeout just fired can schedule more: look again next round.
        nextDeadlineNanos = work > 0 ? now : next;
        return work;
    }

    private static long earlier(long a, long b, long now) {
        return a == Long.MAX_VALUE || b - now < a - now ? b : a;
    }

    private int readAgain() {
        if (readAgain.isEmpty()) {
            return 0;
        }
        Connection[] again = readAgain.toArray(new Connection[0]);
        readAgain.clear();
        for (Connection c : again) {
            serve(c, SelectionKey.OP_READ);
        }
        return again.length;
    }

    private void onKey(SelectionKey k) {
        Object attachment = k.attachment();
        if (attachment == null) {
            connector.accept();
        } else if (k.isValid()) {
            serve((Connection) attachment, k.readyOps());
        }
    }

    /** Handles readiness {@code ops} of {@code c} (0: just flush); any fault closes {@code c} only. */
    private void serve(Connection c, int ops) {
        if (c.state == Connection.State.CLOSED) {
            return;
        }
        try {
            if ((ops & SelectionKey.OP_CONNECT) != 0) {
                c.onConnectable();
            }
            if (c.state != Connection.State.CLOSED && (ops & SelectionKey.OP_READ) != 0) {
                c.onReadable();
            }
            if (c.state != Connection.State.CLOSED && ((ops & SelectionKey.OP_WRITE) != 0 || ops == 0)) {
                c.onWritable();
            }
            if (c.state != Connection.State.CLOSED && c.wire.hasBufferedInput()) {
                readAgain.add(c);
            }
        } catch (MalformedFrameException e) {
            if (c.state == Connection.State.ESTABLISHED) {
                links.refuseFrame(c, e.getMessage());
            } else {
                links.refuse(c, HandshakeRefusal.MALFORMED, e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            links.failed(c, e);
        }
    }

    // ---- called by connections (reactor thread) ----

    MessageCodec codec(int channel) {
        return channels.codec(channel);
    }

    int maxFrameLength() {
        return config.maxFrameLength();
    }

    /**
     * A frame of {@code frameLength} bytes arrived from {@code p}: whether to decode it. It is
     * not decoded if it would be dropped anyway (the peer is blocked, or the inbox has no room
     * for its bytes); that is counted here.
     */
    boolean admit(Peer p, int frameLength) {
        p.counters.received(frameLength);
        if (p.blocked) {
            p.counters.blocked();
            return false;
        }
        if (!inbox.hasRoomFor(frameLength)) {
            p.counters.droppedArrival();
            return false;
        }
        return true;
    }

    /** An admitted frame decoded to {@code message}. */
    void deliver(Peer p, Message message, int frameLength) {
        if (inbox.offer(new Envelope(p.id, self, message), frameLength)) {
            delivered++;
        } else {
            p.counters.droppedArrival();
        }
    }

    private void closeAll() {
        links.closeAll();
        Connector.closeQuietly(server);
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("node {}: closing the selector: {}", self, e.toString());
        }
    }
}
