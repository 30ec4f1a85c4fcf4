package io.synod.benchmarks.zab;

import io.synod.api.ApplyContext;
import io.synod.api.Envelope;
import io.synod.api.Protocol;
import io.synod.api.SnapshotWriter;
import io.synod.api.StateMachine;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.spi.Transport;
import io.synod.storage.FileStorage;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemoryLogStore;
import io.synod.storage.MemorySnapshotStore;
import io.synod.storage.StorageOptions;
import io.synod.storage.SyncPolicy;
import io.synod.transport.InJvmNetwork;

import java.io.IOException;
import java.io.InputStream;
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
 * Three replicas of any protocol in one JVM over an {@link InJvmNetwork}, with memory stores or a
 * {@link FileStorage} each (fsync on every batch), and counters for messages sent, commands and
 * log entries applied, and log fsyncs — the same harness for every protocol compared.
 */
final class Replicas implements AutoCloseable {

    static final int[] MEMBERS = {1, 2, 3};

    private final List<Replica> replicas = new ArrayList<>();
    private final List<Counting> machines = new ArrayList<>();
    private final List<AtomicLong> sent = new ArrayList<>();
    private final List<FileStorage> files = new ArrayList<>();
    private final Path dir;

    Replicas(Protocol protocol, boolean file, ReplicaConfig config, Path baseDir) {
        InJvmNetwork network = new InJvmNetwork();
        try {
            this.dir = file ? Files.createTempDirectory(baseDir, "synod-" + protocol.name()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory under " + baseDir, e);
        }
        for (int id : MEMBERS) {
            AtomicLong counter = new AtomicLong();
            Counting machine = new Counting();
            Transport joined = network.join(id);
            Replica.Builder builder = Replica.builder().protocol(protocol).self(id).members(MEMBERS)
                .transport(new Transport() {
                    @Override
                    public int self() {
                        return joined.self();
                    }

                    @Override
                    public void send(Envelope envelope) {
                        counter.lazySet(counter.get() + 1); // one writer: the replica thread
                        joined.send(envelope);
                    }

                    @Override
                    public int poll(EnvelopeHandler handler, int limit) {
                        return joined.poll(handler, limit);
                    }

                    @Override
                    public void close() {
                        joined.close();
                    }
                })
                .stateMachine(machine).config(config);
            if (file) {
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
                if (leads(r)) {
                    try {
                        r.submit(new byte[1]).get(timeoutSeconds, TimeUnit.SECONDS);
                        return r;
                    } catch (Exception e) {
                        break; // leadership moved while we asked; look again
                    }
                }
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no leader among " + replicas.size() + " replicas within " + timeoutSeconds + " s");
    }

    /** True when {@code r} says it leads: "leader" (Multi-Paxos) or "leading" (ZAB). */
    static boolean leads(Replica r) {
        String role = r.status().role();
        return r.status().isLeader() && ("leader".equals(role) || "leading".equals(role));
    }

    List<Replica> all() {
        return replicas;
    }

    long messagesSent() {
        long total = 0;
        for (AtomicLong c : sent) {
            total += c.get();
        }
        return total;
    }

    long commandsApplied(Replica r) {
        return machines.get(replicas.indexOf(r)).commands;
    }

    long entriesApplied(Replica r) {
        return machines.get(replicas.indexOf(r)).entries;
    }

    long fsyncs() {
        long total = 0;
        for (FileStorage fs : files) {
            total += fs.log().fsyncCount();
        }
        return total;
    }

    @Override
    public void close() {
        for (Replica r : replicas) {
            r.close();
        }
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

    /** Counts commands and the log entries that carried them; answers nothing, so replication is measured. */
    static final class Counting implements StateMachine {
        private static final byte[] OK = new byte[0];
        volatile long commands;
        volatile long entries;
        private long lastIndex;

        @Override
        public byte[] apply(ApplyContext ctx, byte[] command) {
            commands = commands + 1; // single writer: the replica thread
            if (ctx.index() != lastIndex) {
                lastIndex = ctx.index();
                entries = entries + 1;
            }
            return OK;
        }

        @Override
        public SnapshotWriter snapshot() {
            return SnapshotWriter.of(OK);
        }

        @Override
        public void restore(InputStream in) {
            // The counters measure work done in this process.
        }
    }
}
