package io.synod.runtime.commit;

import io.synod.api.LogEntry;
import io.synod.api.commit.CommitContext;
import io.synod.api.commit.CommitCore;
import io.synod.api.commit.CommitProtocol;
import io.synod.api.commit.CommitReady;
import io.synod.api.commit.Outcome;
import io.synod.api.commit.ResourceCall;
import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.TransactionalResource;
import io.synod.api.commit.Vote;
import io.synod.runtime.Doorbell;
import io.synod.spi.Clock;
import io.synod.spi.HardStateStore;
import io.synod.spi.LogStore;
import io.synod.spi.Transport;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The commit protocols' small driver: one node of an atomic commit protocol on one thread, over a
 * {@link Transport}, a {@link LogStore} for its records, a {@link HardStateStore} for its core's
 * durable state and another for the numbers of the transactions it coordinates, and the node's
 * {@link TransactionalResource}. A caller runs a distributed transaction through one call and gets
 * a future of its typed {@link Outcome}.
 *
 * <p><b>Group commit.</b> Each turn the thread first feeds the core every input that is waiting —
 * all arrived messages, all callers' requests, due ticks — and only then carries out what they
 * caused. So concurrent transactions share forced writes: one {@link CommitReady} holds the
 * records of all of them, appended and synced once. Each batch follows the contract's order: hard
 * state and records appended and synced, records released, then messages sent, then the resource
 * called, then outcomes completed; votes go back to the core after the batch and make the next
 * one. No vote or decision leaves before the record it reports is durable. Time enters as ticks
 * of {@code tickNanos} read from the {@link Clock}; after a pause at most
 * {@value #MAX_CATCH_UP_TICKS} of the missed ticks are delivered, so a pause is not taken for the
 * peers' silence.
 *
 * <p><b>Failure.</b> Any exception from the core, the stores or the resource stops the node for
 * good (fail-stop): nothing more is sent, and every waiting future fails with the cause. A
 * transaction the node was coordinating when it stopped may still finish elsewhere; ask again
 * after a restart (the core answers from its records).
 *
 * <pre>{@code
 * try (CommitNode node = CommitNode.start(TwoPhaseCommit.defaults(), 1, new int[] {1, 2, 3}, transport, records,
 *         hardState, numbers, accounts, Clock.system(), 1_000_000)) {
 *     Outcome outcome = node.run(Map.of(2, debit, 3, credit)).get(5, TimeUnit.SECONDS);
 * }
 * }</pre>
 */
public final class CommitNode implements AutoCloseable {

    /** How many transaction numbers a node reserves durably at a time. */
    static final long NUMBER_BLOCK = 1_000;

    private final int self;
    private final Transport transport;
    private final LogStore records;
    private final HardStateStore hardState;
    private final HardStateStore numbers;
    private final TransactionalResource resource;
    private final Clock clock;
    private final long tickNanos;
    private final int maxBatch;
    private final CommitCore core;
    /** Messages taken from the transport per poll. */
    static final int POLL_LIMIT = 256;

    /** Inputs a node takes by default before it carries them out: enough to share, few enough to keep ticks on time. */
    public static final int DEFAULT_MAX_BATCH = 1_024;

    /**
     * Ticks delivered at once after this thread was held up (a GC pause, a busy machine): the
     * rest are dropped. A commit core's timeouts guess that a peer is gone; a pause that held this
     * node up held its peers' answers up too, and a burst of ticks would abort every transaction
     * in flight before the answers waiting in the inbox are read.
     */
    static final long MAX_CATCH_UP_TICKS = 2;

    /** The longest idle park: a transport that cannot ring the doorbell is looked at this often. */
    private static final long MAX_PARK_NANOS = 200_000;

    private final Doorbell doorbell = new Doorbell();
    private final ConcurrentLinkedQueue<Object[]> begins = new ConcurrentLinkedQueue<>();
    private final Map<TransactionId, CompletableFuture<Outcome>> waiting = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private long nextNumber;
    private long reservedThrough;
    private volatile Throwable stopped;

    private CommitNode(CommitProtocol protocol, int self, int[] nodes, Transport transport, LogStore records, HardStateStore hardState,
                       HardStateStore numbers, TransactionalResource resource, Clock clock, long tickNanos, int maxBatch) {
        if (tickNanos < 1) {
            throw new IllegalArgumentException("a tick must last at least 1 ns, was " + tickNanos);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("a batch must take at least 1 input, was " + maxBatch);
        }
        this.maxBatch = maxBatch;
        this.self = self;
        this.transport = transport;
        this.records = records;
        this.hardState = hardState;
        this.numbers = numbers;
        this.resource = resource;
        this.clock = clock;
        this.tickNanos = tickNanos;
        byte[] reserved = numbers.load();
        this.nextNumber = reserved.length == Long.BYTES ? ByteBuffer.wrap(reserved).getLong() + 1 : 1;
        this.reservedThrough = nextNumber - 1;
        long first = records.firstIndex();
        long last = records.lastIndex();
        List<LogEntry> surviving = last >= first && last > 0 ? records.entries(Math.max(first, 1), last + 1) : List.of();
        this.core = protocol.create(new CommitContext(self, nodes, new SplittableRandom(new SecureRandom().nextLong()),
            hardState.load(), surviving));
        this.thread = new Thread(this::loop, protocol.name() + "-node-" + self);
        this.thread.setDaemon(true);
    }

    /** Builds the node from what its stores hold and starts its thread, batching up to {@link #DEFAULT_MAX_BATCH} inputs. */
    public static CommitNode start(CommitProtocol protocol, int self, int[] nodes, Transport transport, LogStore records,
                                   HardStateStore hardState, HardStateStore numbers, TransactionalResource resource, Clock clock,
                                   long tickNanos) {
        return start(protocol, self, nodes, transport, records, hardState, numbers, resource, clock, tickNanos, DEFAULT_MAX_BATCH);
    }

    /**
     * Builds the node and starts its thread; it takes up to {@code maxBatch} waiting inputs before
     * it carries them out. 1 turns group commit off: every input is carried out, and synced,
     * before the next is taken (a baseline to measure against, and the shape of the lockstep counts).
     */
    public static CommitNode start(CommitProtocol protocol, int self, int[] nodes, Transport transport, LogStore records,
                                   HardStateStore hardState, HardStateStore numbers, TransactionalResource resource, Clock clock,
                                   long tickNanos, int maxBatch) {
        CommitNode node = new CommitNode(protocol, self, nodes, transport, records, hardState, numbers, resource, clock, tickNanos,
            maxBatch);
        node.transport.onArrival(node.doorbell::ring);
        node.thread.start();
        return node;
    }

    /** Runs a transaction this node coordinates, with a fresh id; {@code parts} maps each participant to its part. */
    public CompletableFuture<Outcome> run(Map<Integer, byte[]> parts) {
        return submit(null, parts);
    }

    /** Runs {@code transaction}, whose id must name this node; a used id is refused. */
    public CompletableFuture<Outcome> run(Transaction transaction) {
        return submit(transaction, null);
    }

    private CompletableFuture<Outcome> submit(Transaction transaction, Map<Integer, byte[]> parts) {
        CompletableFuture<Outcome> future = new CompletableFuture<>();
        Throwable cause = stopped;
        if (cause != null || !running.get()) {
            future.completeExceptionally(new IllegalStateException("commit node " + self + " is stopped", cause));
            return future;
        }
        begins.add(new Object[] {transaction, parts, future});
        doorbell.ring();
        return future;
    }

    private void loop() {
        long nextTick = clock.nanoTime() + tickNanos;
        try {
            carryOut(); // a recovered core's first batch: restores, re-announced decisions
            while (running.get()) {
                int work = takeInputs();
                long now = clock.nanoTime();
                if (now - nextTick >= 0) {
                    long due = (now - nextTick) / tickNanos + 1;
                    for (long i = 0; i < Math.min(due, MAX_CATCH_UP_TICKS); i++) {
                        core.tick();
                        work++;
                    }
                    nextTick += due * tickNanos;
                }
                if (work == 0) {
                    // Armed before the last look: an arrival or a request from now on rings the doorbell.
                    doorbell.idle();
                    work = takeInputs();
                }
                if (work > 0) {
                    doorbell.busy();
                    carryOut();
                } else {
                    LockSupport.parkNanos(Math.min(tickNanos, MAX_PARK_NANOS));
                }
            }
        } catch (Throwable t) {
            stopped = t;
        } finally {
            Throwable cause = stopped == null ? new IllegalStateException("commit node " + self + " closed") : stopped;
            waiting.values().forEach(f -> f.completeExceptionally(cause));
            Object[] b;
            while ((b = begins.poll()) != null) {
                ((CompletableFuture<?>) b[2]).completeExceptionally(cause);
            }
        }
    }

    /**
     * Feeds the core the messages that have arrived, then callers' requests, up to
     * {@code maxBatch} in all. Nothing is carried out yet, so the records all of them cause share
     * one forced write.
     */
    private int takeInputs() {
        int taken = 0;
        int n;
        do {
            int limit = Math.min(POLL_LIMIT, maxBatch - taken);
            n = transport.poll(core::step, limit);
            taken += n;
            if (n < limit) {
                break;
            }
        } while (taken < maxBatch);
        Object[] b;
        while (taken < maxBatch && (b = begins.poll()) != null) {
            begin(b);
            taken++;
        }
        return taken;
    }

    @SuppressWarnings("unchecked")
    private void begin(Object[] b) {
        CompletableFuture<Outcome> future = (CompletableFuture<Outcome>) b[2];
        Transaction t;
        try {
            t = b[0] != null ? (Transaction) b[0] : Transaction.of(new TransactionId(self, number()), (Map<Integer, byte[]>) b[1]);
        } catch (IllegalArgumentException e) {
            future.completeExceptionally(e);
            return;
        }
        if (waiting.putIfAbsent(t.id(), future) != null) {
            future.completeExceptionally(new IllegalArgumentException(t.id() + " is already running"));
            return;
        }
        core.begin(t);
    }

    /** A fresh number; a block of them is reserved durably first, so a restart never reuses one. */
    private long number() {
        if (nextNumber > reservedThrough) {
            reservedThrough = nextNumber + NUMBER_BLOCK - 1;
            numbers.save(ByteBuffer.allocate(Long.BYTES).putLong(reservedThrough).array());
        }
        return nextNumber++;
    }

    /**
     * Carries out what the inputs taken so far asked for, batch by batch, until the core is quiet:
     * each batch's hard state and records are made durable with one sync before any of its
     * messages leaves. A prepare's vote is an input again, whose records form the next batch.
     */
    private void carryOut() {
        while (core.hasReady()) {
            CommitReady ready = core.ready();
            if (ready.hardState() != null) {
                hardState.save(ready.hardState());
            }
            if (!ready.records().isEmpty()) {
                records.append(ready.records());
            }
            if (ready.mustPersist()) {
                records.sync();
            }
            if (ready.releaseThrough() > 0 && ready.releaseThrough() >= records.firstIndex()) {
                records.compactPrefix(ready.releaseThrough());
            }
            ready.messages().forEach(transport::send);
            List<Object[]> votes = new ArrayList<>();
            for (ResourceCall call : ready.resourceCalls()) {
                if (call instanceof ResourceCall.Prepare p) {
                    votes.add(new Object[] {p.transaction(), resource.prepare(p.transaction(), p.part())});
                } else if (call instanceof ResourceCall.Restore r) {
                    resource.restorePrepared(r.transaction(), r.part());
                } else if (call instanceof ResourceCall.Commit c) {
                    resource.commit(c.transaction());
                } else {
                    resource.abort(call.transaction());
                }
            }
            for (Outcome o : ready.outcomes()) {
                CompletableFuture<Outcome> f = waiting.remove(o.transaction());
                if (f != null) {
                    f.complete(o);
                }
            }
            for (Object[] v : votes) {
                core.resourceVoted((TransactionId) v[0], (Vote) v[1]);
            }
        }
    }

    /** Why the node stopped, if it stopped on an error. */
    public Throwable failure() {
        return stopped;
    }

    /** Stops the thread; waiting callers' futures fail. Does not close the stores or the transport it was given. */
    @Override
    public void close() {
        running.set(false);
        LockSupport.unpark(thread);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
