package io.synod.benchmarks.commit;

import io.synod.api.commit.CommitProtocol;
import io.synod.api.commit.Outcome;
import io.synod.benchmarks.group.CommitGroup;
import io.synod.benchmarks.group.ReplicaGroup;
import io.synod.threephase.ThreePhaseCommit;
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

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Distributed transactions through the commit driver ({@link io.synod.runtime.commit.CommitNode}):
 * a closed loop of {@code clients} outstanding transactions (with 1 the score, transactions per
 * second, is also the latency's inverse). Each call waits for the oldest and starts the next in
 * its place. Node 1 coordinates, nodes 2..participants+1 take part, every node on its own thread over the
 * in-JVM transport. Parameters: {@code protocol} 2pc, 3pc or paxos-commit (acceptors: the
 * participants); {@code participants} 3 or 5; {@code storage} memory, or file ({@code FileStorage}
 * per node, fsync per batch, under {@code -Dsynod.bench.dir}, default the temp directory);
 * {@code maxBatch}, the inputs a node takes before it carries them out (1: group commit off, every
 * input synced alone). Each transaction must commit, or the benchmark fails.
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CommitBenchmark {

    @Param({"2pc", "3pc", "paxos-commit"})
    public String protocol;

    @Param({"3", "5"})
    public int participants;

    @Param({"memory", "file"})
    public String storage;

    @Param({"1", "64"})
    public int clients;

    @Param({"1024", "1"})
    public int maxBatch;

    private CommitGroup group;
    private CompletableFuture<Outcome>[] outstanding;
    private int oldest;

    static CommitProtocol named(String name) {
        return switch (name) {
            case "2pc" -> TwoPhaseCommit.defaults();
            case "3pc" -> ThreePhaseCommit.defaults();
            case "paxos-commit" -> PaxosCommit.defaults();
            default -> throw new IllegalArgumentException("unknown protocol " + name);
        };
    }

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void start() {
        group = new CommitGroup(named(protocol), participants, ReplicaGroup.Storage.named(storage),
            Path.of(System.getProperty("synod.bench.dir", System.getProperty("java.io.tmpdir"))), maxBatch);
        outstanding = new CompletableFuture[clients];
        for (int i = 0; i < clients; i++) {
            outstanding[i] = group.commit();
        }
    }

    @Benchmark
    public Outcome commit() throws Exception {
        Outcome done = outstanding[oldest].get(30, TimeUnit.SECONDS);
        outstanding[oldest] = group.commit();
        oldest = (oldest + 1) % clients;
        return done;
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try {
            for (CompletableFuture<Outcome> f : outstanding) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            group.close();
        }
    }
}
