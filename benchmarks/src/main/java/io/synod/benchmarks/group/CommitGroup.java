package io.synod.benchmarks.group;

import io.synod.api.commit.CommitProtocol;
import io.synod.api.commit.Outcome;
import io.synod.api.commit.TransactionId;
import io.synod.api.commit.TransactionalResource;
import io.synod.api.commit.Vote;
import io.synod.runtime.commit.CommitNode;
import io.synod.spi.Clock;
import io.synod.spi.HardStateStore;
import io.synod.spi.LogStore;
import io.synod.storage.FileStorage;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemoryLogStore;
import io.synod.storage.StorageOptions;
import io.synod.storage.SyncPolicy;
import io.synod.transport.InJvmNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * One coordinator (node 1) and {@code participants} participants (nodes 2..participants+1) of an
 * atomic commit protocol, each a {@link CommitNode} on its own thread over the in-JVM network,
 * with memory stores or a {@link FileStorage} each (fsync on every batch), a resource that always
 * votes yes, and counters for messages sent and record-log fsyncs. Group commit is on unless a
 * {@code maxBatch} of 1 turns it off.
 */
public final class CommitGroup implements AutoCloseable {

    /**
     * Ticks of 50 ms: timeouts of a second and more. Ticks drive only timeouts, never the fault-free
     * path, and a cold JVM's first transaction must not time out.
     */
    public static final long TICK_NANOS = 50_000_000;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<CountingTransport> counted = new ArrayList<>();
    private final List<FileStorage> files = new ArrayList<>();
    private final Map<Integer, byte[]> parts = new HashMap<>();
    private final CommitNode coordinator;
    private final Path dir;

    public CommitGroup(CommitProtocol protocol, int participants, ReplicaGroup.Storage storage, Path baseDir) {
        this(protocol, participants, storage, baseDir, CommitNode.DEFAULT_MAX_BATCH);
    }

    /** As above, each node taking up to {@code maxBatch} inputs per batch (1: group commit off). */
    public CommitGroup(CommitProtocol protocol, int participants, ReplicaGroup.Storage storage, Path baseDir, int maxBatch) {
        if (participants < 1) {
            throw new IllegalArgumentException("a transaction needs at least one participant, got " + participants);
        }
        int[] nodes = new int[participants + 1];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = i + 1;
        }
        try {
            this.dir = storage == ReplicaGroup.Storage.FILE ? Files.createTempDirectory(baseDir, "synod-" + protocol.name()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory under " + baseDir, e);
        }
        InJvmNetwork network = new InJvmNetwork();
        CommitNode first = null;
        for (int id : nodes) {
            LogStore log;
            HardStateStore hardState;
            if (dir != null) {
                FileStorage fs = FileStorage.open(dir.resolve("node-" + id), StorageOptions.builder().syncPolicy(SyncPolicy.ALWAYS).build());
                open.add(fs);
                files.add(fs);
                log = fs.log();
                hardState = fs.hardState();
            } else {
                log = new MemoryLogStore();
                hardState = new MemoryHardStateStore();
            }
            CountingTransport transport = new CountingTransport(network.join(id));
            open.add(transport);
            counted.add(transport);
            CommitNode node = CommitNode.start(protocol, id, nodes, transport, log, hardState, new MemoryHardStateStore(),
                new YesResource(), Clock.system(), TICK_NANOS, maxBatch);
            open.add(node);
            if (id == 1) {
                first = node;
            } else {
                parts.put(id, new byte[] {(byte) id});
            }
        }
        this.coordinator = first;
    }

    /** Runs one transaction across every participant; the future fails if it does not commit. */
    public CompletableFuture<Outcome> commit() {
        return run().thenApply(outcome -> {
            if (!outcome.committed()) {
                throw new IllegalStateException("a fault-free transaction did not commit: " + outcome);
            }
            return outcome;
        });
    }

    /** Runs one transaction across every participant, whatever its outcome. */
    public CompletableFuture<Outcome> run() {
        return coordinator.run(parts);
    }

    /** Messages all nodes sent so far. */
    public long messagesSent() {
        long total = 0;
        for (CountingTransport t : counted) {
            total += t.sent();
        }
        return total;
    }

    /** Record-log fsyncs of all nodes so far; 0 with memory storage. */
    public long fsyncs() {
        long total = 0;
        for (FileStorage fs : files) {
            total += fs.log().fsyncCount();
        }
        return total;
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Always votes yes and does nothing else: the protocol is measured, not the work. */
    private static final class YesResource implements TransactionalResource {

        @Override
        public Vote prepare(TransactionId transaction, byte[] part) {
            return Vote.YES;
        }

        @Override
        public void commit(TransactionId transaction) {
        }

        @Override
        public void abort(TransactionId transaction) {
        }

        @Override
        public void restorePrepared(TransactionId transaction, byte[] part) {
        }
    }
}
