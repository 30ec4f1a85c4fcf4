package io.synod.benchmarks.commit;

import io.synod.api.commit.CommitProtocol;
import io.synod.api.commit.Outcome;
import io.synod.runtime.commit.CommitNode;
import io.synod.spi.Clock;
import io.synod.spi.HardStateStore;
import io.synod.spi.LogStore;
import io.synod.spi.Transport;
import io.synod.storage.FileStorage;
import io.synod.storage.MemoryHardStateStore;
import io.synod.storage.MemoryLogStore;
import io.synod.storage.StorageOptions;
import io.synod.threephase.ThreePhaseCommit;
import io.synod.transport.InJvmNetwork;
import io.synod.twophase.TwoPhaseCommit;
import io.synod.twophase.paxoscommit.PaxosCommit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Distributed transactions through the commit driver ({@link CommitNode}): one caller, one
 * transaction at a time, so the score (transactions per second) is also the latency's inverse.
 * Node 1 coordinates, nodes 2..participants+1 take part, every node on its own thread over the
 * in-JVM transport. Parameters: {@code protocol} 2pc, 3pc or paxos-commit (acceptors: the
 * participants); {@code participants} 3 or 5; {@code storage} memory, or file ({@code FileStorage}
 * per node, fsync per batch, under {@code -Dsynod.bench.dir}, default the temp directory).
 * Each transaction must commit, or the benchmark fails.
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CommitBenchmark {

    /**
     * Ticks of 50 ms: timeouts of a second and more. Ticks drive only timeouts, never the fault-free
     * path, and a cold JVM's first transaction must not time out (the driver delivers every
     * elapsed tick after a stall, as the replication runtime does).
     */
    static final long TICK_NANOS = 50_000_000;

    @Param({"2pc", "3pc", "paxos-commit"})
    public String protocol;

    @Param({"3", "5"})
    public int participants;

    @Param({"memory", "file"})
    public String storage;

    private final List<AutoCloseable> open = new ArrayList<>();
    private CommitNode coordinator;
    private Map<Integer, byte[]> parts;
    private Path dir;

    static CommitProtocol named(String name) {
        return switch (name) {
            case "2pc" -> TwoPhaseCommit.defaults();
            case "3pc" -> ThreePhaseCommit.defaults();
            case "paxos-commit" -> PaxosCommit.defaults();
            default -> throw new IllegalArgumentException("unknown protocol " + name);
        };
    }

    @Setup(Level.Trial)
    public void start() throws IOException {
        CommitProtocol p = named(protocol);
        int[] nodes = new int[participants + 1];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = i + 1;
        }
        if (storage.equals("file")) {
            dir = Files.createTempDirectory(Path.of(System.getProperty("synod.bench.dir", System.getProperty("java.io.tmpdir"))),
                "commit-bench");
        }
        InJvmNetwork network = new InJvmNetwork();
        parts = new HashMap<>();
        for (int id : nodes) {
            LogStore log;
            HardStateStore hardState;
            if (dir != null) {
                FileStorage files = FileStorage.open(dir.resolve("node-" + id), StorageOptions.defaults());
                open.add(files);
                log = files.log();
                hardState = files.hardState();
            } else {
                log = new MemoryLogStore();
                hardState = new MemoryHardStateStore();
            }
            Transport transport = network.join(id);
            open.add(transport);
            CommitNode node = CommitNode.start(p, id, nodes, transport, log, hardState, new MemoryHardStateStore(),
                new YesResource(), Clock.system(), TICK_NANOS);
            open.add(node);
            if (id == 1) {
                coordinator = node;
            } else {
                parts.put(id, new byte[] {(byte) id});
            }
        }
    }

    @Benchmark
    public Outcome commit() throws Exception {
        Outcome outcome = coordinator.run(parts).get(30, TimeUnit.SECONDS);
        if (!outcome.committed()) {
            throw new IllegalStateException("a fault-free transaction did not commit: " + outcome);
        }
        return outcome;
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
