package io.synod.benchmarks.paxos;

import io.synod.api.CoreStatus;
import io.synod.paxos.multi.MultiPaxos;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.FileLogStore;
import io.synod.storage.FileStorage;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemoryLogStore;
import io.synod.storage.MemorySnapshotStore;
import io.synod.storage.StorageOptions;
import io.synod.storage.SyncPolicy;
import io.synod.transport.InJvmNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Three Multi-Paxos replicas in one JVM over an {@link InJvmNetwork}, each with memory stores or
 * with a {@link FileStorage} (fsync on every batch) in its own directory, and counters for what
 * a benchmark reports: messages sent, commands and slots applied, log fsyncs.
 */
final class ThreeReplicas implements AutoCloseable {

    /** Where replicas are kept. */
    enum Storage { MEMORY, FILE }

    private static final int[] MEMBERS = {1, 2, 3};

    private final List<Replica> replicas = new ArrayList<>();
    private final List<SlotCountingMachine> machines = new ArrayList<>();
    private final List<AtomicLong> sent = new ArrayList<>();
    private final List<FileStorage> files = new ArrayList<>();
    private final Path dir;
    private final LeadershipWatch leadership;

    ThreeReplicas(Storage storage, int maxBatch, ReplicaConfig config, Path baseDir) {
        MultiPaxos protocol = MultiPaxos.builder().maxBatch(maxBatch).build();
        InJvmNetwork network = new InJvmNetwork();
        try {
            this.dir = storage == Storage.FILE ? Files.createTempDirectory(baseDir, "synod-multi-paxos") : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory under " + baseDir, e);
        }
        for (int id : MEMBERS) {
            AtomicLong counter = new AtomicLong();
            SlotCountingMachine machine = new SlotCountingMachine();
            Replica.Builder builder = Replica.builder().protocol(protocol).self(id).members(MEMBERS)
                .transport(new CountingTransport(network.join(id), counter))
                .stateMachine(machine).config(config);
            if (storage == Storage.FILE) {
                FileStorage fs = FileStorage.open(dir.resolve("node-" + id),
                    StorageOptions.builder().syncPolicy(SyncPolicy.ALWAYS).build());
                files.add(fs);
                builder.storage(fs.log(), fs.hardState(), fs.snapshots());
            } else {
                builder.storage(new MemoryLogStore(), new MemoryHardStateStore(), new MemorySnapshotStore());
            }
            sent.add(counter);
            machines.add(machine);
            replicas.add(builder.start());
        }
        leadership = new LeadershipWatch(replicas);
    }

    /**
     * Waits until one replica leads and has committed a command of its own, and returns it.
     *
     * @throws IllegalStateException if no leader emerges within {@code timeoutSeconds}
     */
    Replica awaitLeader(long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            for (Replica r : replicas) {
                CoreStatus s = r.status();
                if ("leader".equals(s.role()) && s.leader() == r.self()) {
                    try {
                        r.submit(new byte[1]).get(timeoutSeconds, TimeUnit.SECONDS);
                        return r;
                    } catch (Exception e) {
                        break; // leadership moved while we asked; look again
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no leader among " + replicas.size() + " replicas within " + timeoutSeconds + " s");
    }

    /** Messages sent by all replicas so far. */
    long messagesSent() {
        long total = 0;
        for (AtomicLong c : sent) {
            total += c.get();
        }
        return total;
    }

    /** Commands applied by the replica {@code r} so far. */
    long commandsApplied(Replica r) {
        return machines.get(replicas.indexOf(r)).commands();
    }

    /** Slots (log entries carrying commands) applied by the replica {@code r} so far. */
    long slotsApplied(Replica r) {
        return machines.get(replicas.indexOf(r)).slots();
    }

    /** Log fsyncs of all replicas so far (0 with memory storage). */
    long fsyncs() {
        long total = 0;
        for (FileStorage fs : files) {
            FileLogStore log = fs.log();
            total += log.fsyncCount();
        }
        return total;
    }

    /** Times the self-reported leader changed since the replicas started (sampled every millisecond). */
    long leaderChanges() {
        return leadership.leaderChanges();
    }

    /** The highest ballot round of any replica: every campaign since the start raised it. */
    long ballotRounds() {
        return leadership.ballotRounds();
    }

    @Override
    public void close() {
        leadership.close();
        replicas.forEach(Replica::close);
        files.forEach(FileStorage::close);
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + dir, e);
            }
        }
    }
}
