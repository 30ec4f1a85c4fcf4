package io.synod.transport;

import io.synod.api.Envelope;
import io.synod.spi.Transport;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replicas in one JVM, connected by queues: for tests, tutorials and benchmarks. Messages are
 * handed over as objects, without encoding.
 *
 * <p>Tests may cut links ({@link #cut}, {@link #isolate}) and mend them ({@link #heal}); a
 * message on a cut link, to a node that has not joined, or to a full inbox is dropped, as a real
 * network would drop it.
 *
 * <p>Thread-safe.
 */
public final class InJvmNetwork {

    /** Inbox size per node when none is given. */
    public static final int DEFAULT_INBOX_CAPACITY = 64 * 1024;

    private final int inboxCapacity;
    private final Map<Integer, InJvmTransport> nodes = new ConcurrentHashMap<>();
    private final Set<Long> cutLinks = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();

    public InJvmNetwork() {
        this(DEFAULT_INBOX_CAPACITY);
    }

    public InJvmNetwork(int inboxCapacity) {
        if (inboxCapacity < 2) {
            throw new IllegalArgumentException("inbox capacity must be >= 2, was " + inboxCapacity);
        }
        this.inboxCapacity = inboxCapacity;
    }

    /** Connects a node; a node id may be joined again after its previous transport closed. */
    public Transport join(int node) {
        InJvmTransport transport = new InJvmTransport(this, node, inboxCapacity);
        if (nodes.putIfAbsent(node, transport) != null) {
            throw new IllegalStateException("node " + node + " has joined already");
        }
        return transport;
    }

    /** Drops every message from {@code from} to {@code to} until healed. */
    public void cut(int from, int to) {
        cutLinks.add(link(from, to));
    }

    /** Cuts every link into and out of {@code node}. */
    public void isolate(int node) {
        for (int other : nodes.keySet()) {
            if (other != node) {
                cut(node, other);
                cut(other, node);
            }
        }
    }

    /** Mends every cut link. */
    public void heal() {
        cutLinks.clear();
    }

    /** Messages dropped so far (cut links, absent nodes, full inboxes). */
    public long dropped() {
        return dropped.get();
    }

    void deliver(Envelope envelope) {
        InJvmTransport target = nodes.get(envelope.to());
        if (target == null || cutLinks.contains(link(envelope.from(), envelope.to())) || !target.offer(envelope)) {
            dropped.incrementAndGet();
        }
    }

    void leave(InJvmTransport transport) {
        nodes.remove(transport.self(), transport);
    }

    private static long link(int from, int to) {
        return ((long) from << 32) | (to & 0xFFFF_FFFFL);
    }
}
