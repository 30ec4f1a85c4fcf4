package io.synod.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For each benchmark: the smallest parameters to smoke-run it with, the unit its score must come
 * in, and what its figure must satisfy for the run to have measured what the benchmark says.
 * The bounds are what the operation can physically do or counts that must be exact, never a
 * speed the machine is expected to reach: a loaded machine makes a figure smaller, never
 * implausible. A benchmark without a rule here fails {@link BenchmarksRunTest}.
 */
final class PlausibleFigures {

    /**
     * How to run one benchmark briefly and judge its figure.
     *
     * @param params JMH parameters, each pinned to one value so that one run is one figure
     * @param unit   the score's unit, which the bounds below assume
     * @param check  assertions on the figure
     */
    record Rule(Map<String, String> params, String unit, Consumer<Figure> check) {
    }

    /** A system call costs more than 50 ns, so no loop of a write and a force beats 10 million a second. */
    private static final double WRITE_AND_FORCE_PER_SECOND_MAX = 10e6;

    private static final Map<String, Rule> RULES = new TreeMap<>();

    static {
        rule("io.synod.benchmarks.quorum.TrackerBenchmark.trackerRound", Map.of("system", "majority-5"), "ns/op", f ->
            // Five votes recorded and five quorum questions asked: not under a tenth of a nanosecond each.
            atLeast(f, 1.0, "a round of five votes and five questions"));

        rule("io.synod.benchmarks.quorum.ConstructionBenchmark.construct", Map.of("system", "majority-16"), "us/op", f ->
            // The intersection check enumerates all 65,536 subsets of 16 members; at even half a
            // nanosecond a subset that is over 30 us, so less means the check was skipped.
            atLeast(f, 30.0, "an exhaustive check of 65,536 subsets"));

        rule("io.synod.benchmarks.storage.LogAppendBenchmark.logOneAppender", Map.of("recordSize", "100"), "ops/s", f -> {
            // A lone appender waits for its own record's fsync before appending the next: one
            // fsync per append, exactly, counted over every append of the iteration.
            assertEquals(f.allOps(), f.total("fsyncs"),
                () -> f + ": a lone appender must cost one fsync per append; per op: " + f.perOp("fsyncs"));
            atMost(f, WRITE_AND_FORCE_PER_SECOND_MAX, "one write and one fsync per append");
        });

        rule("io.synod.benchmarks.storage.LogAppendBenchmark.log64Appenders", Map.of("recordSize", "100"), "ops/s", f -> {
            // Group commit: one fsync covers at most the 64 appenders' outstanding records and at
            // least one. The counter is one thread's, the score all threads', so allow slack for
            // the threads' slightly different iteration spans.
            double recordsPerFsync = 1 / f.perOp("fsyncs");
            assertTrue(recordsPerFsync >= 0.5 && recordsPerFsync <= 2 * 64,
                () -> f + ": " + recordsPerFsync + " records per fsync, outside what 64 appenders can batch");
            atMost(f, 64 * WRITE_AND_FORCE_PER_SECOND_MAX, "at most 64 records per write and fsync");
        });

        rule("io.synod.benchmarks.storage.LogAppendBenchmark.rawBatch1", Map.of("recordSize", "100"), "ops/s", f ->
            atMost(f, WRITE_AND_FORCE_PER_SECOND_MAX, "one write and one force per record"));

        rule("io.synod.benchmarks.storage.LogAppendBenchmark.rawBatch64", Map.of("recordSize", "100"), "ops/s", f -> {
            // Each call writes 64 records (@OperationsPerInvocation(64)): whole batches only.
            assertEquals(0, f.measuredOps() % 64, () -> f + ": records must come in whole batches of 64");
            atMost(f, 64 * WRITE_AND_FORCE_PER_SECOND_MAX, "one write and one force per 64 records");
        });

        rule("io.synod.benchmarks.storage.SegmentRollBenchmark.appendAndSync", Map.of("preallocate", "true"), "us/op", f ->
            // Each sample is at least one write and one force of the log.
            assertTrue(f.samples().getMin() >= 1e6 / WRITE_AND_FORCE_PER_SECOND_MAX,
                () -> f + ": fastest append and sync " + f.samples().getMin() + " us"));

        rule("io.synod.benchmarks.commit.CommitBenchmark.commit", Map.of("protocol", "2pc", "participants", "3",
            "storage", "memory", "clients", "1", "maxBatch", "1024"), "ops/s", f ->
            // One caller, one transaction at a time, each at least two message round trips between
            // threads (and the benchmark throws unless it committed): not a million a second.
            atMost(f, 1e6, "a two-phase commit of three participants across four threads"));

        Map<String, String> smallestCluster = Map.of("storage", "memory", "maxBatch", "1", "clients", "64");
        rule("io.synod.benchmarks.paxos.MultiPaxosBenchmark.throughput", smallestCluster, "ops/s", f -> {
            // Every command the iteration submitted (the 64 of the initial window, then one per
            // operation) is applied once by the leader before the iteration ends, and with batching
            // off each in a slot of its own.
            long submitted = 64 + f.allOps();
            assertEquals(submitted, f.total("slots"),
                () -> f + ": with maxBatch 1 every submitted command fills one slot; slots per op " + f.perOp("slots"));
            assertEquals(0, f.total("fsyncs"), () -> f + ": memory storage never fsyncs");
            assertTrue(f.total("messages") > 0, () -> f + ": the followers were sent nothing");
            // Each command crosses from the client to the replica thread and back: > 20 ns.
            atMost(f, 50e6, "commands that each cross threads twice");
        });

        Map<String, String> overTcp = Map.of("network", "tcp", "storage", "memory", "maxBatch", "1024", "clients", "64");
        rule("io.synod.benchmarks.paxos.MultiPaxosTcpBenchmark.throughput", overTcp, "ops/s", f -> {
            // Every command the iteration submitted (the 64 of the initial window, then one per
            // operation) is applied once by the leader, however they were batched into slots.
            long submitted = 64 + f.allOps();
            assertEquals(submitted, f.total("commands"),
                () -> f + ": every submitted command is applied once by the leader; commands per op " + f.perOp("commands"));
            assertTrue(f.total("slots") >= 1 && f.total("slots") <= submitted,
                () -> f + ": " + f.total("slots") + " slots for " + submitted + " commands");
            assertEquals(0, f.total("fsyncs"), () -> f + ": memory storage never fsyncs");
            assertEquals(0, f.total("dropped"), () -> f + ": the TCP transports dropped messages");
            assertTrue(f.total("messages") > 0, () -> f + ": the followers were sent nothing");
            // Each command crosses from the client to the replica thread and back: > 20 ns.
            atMost(f, 50e6, "commands that each cross threads twice");
        });

        rule("io.synod.benchmarks.paxos.MultiPaxosBenchmark.latency", Map.of("storage", "memory", "maxBatch", "1"), "us/op", f ->
            // A commit crosses at least three threads (client, leader, a follower, back): each
            // hand-off moves cache lines between cores, so no sample is under 100 ns.
            assertTrue(f.samples().getMin() >= 0.1, () -> f + ": fastest commit " + f.samples().getMin() + " us"));

        rule("io.synod.benchmarks.paxos.MultiPaxosBenchmark.fsyncBaseline", Map.of(), "us/op", f ->
            // Two system calls per sample.
            assertTrue(f.samples().getMin() >= 1e6 / WRITE_AND_FORCE_PER_SECOND_MAX,
                () -> f + ": fastest write and force " + f.samples().getMin() + " us"));

        Map<String, String> smallestZab = Map.of("protocol", "zab", "storage", "memory", "maxBatch", "1", "clients", "64");
        rule("io.synod.benchmarks.zab.ZabBenchmark.throughput", smallestZab, "ops/s", f -> {
            // As for Multi-Paxos: every submitted command (the window of 64, then one per
            // operation) is applied once by the leader, each in a log entry of its own.
            long submitted = 64 + f.allOps();
            assertEquals(submitted, f.total("entries"),
                () -> f + ": with maxBatch 1 every submitted command fills one entry; entries per op " + f.perOp("entries"));
            assertEquals(0, f.total("fsyncs"), () -> f + ": memory storage never fsyncs");
            assertTrue(f.total("messages") > 0, () -> f + ": the followers were sent nothing");
            atMost(f, 50e6, "commands that each cross threads twice");
        });

        rule("io.synod.benchmarks.zab.ZabBenchmark.latency", Map.of("protocol", "zab", "storage", "memory", "maxBatch", "1"), "us/op", f ->
            // Client, leader, a follower and back: no sample under 100 ns.
            assertTrue(f.samples().getMin() >= 0.1, () -> f + ": fastest commit " + f.samples().getMin() + " us"));

        rule("io.synod.benchmarks.zab.ZabBenchmark.failover", Map.of("protocol", "zab", "storage", "memory"), "ms/op", f ->
            // Survivors notice a silent leader only when a tick fires (ticks are 50 ms), and a new
            // leader needs an election and a synchronisation round on top.
            atLeast(f, 50.0, "noticing the loss at a tick"));

        rule("io.synod.benchmarks.transport.TcpTransportBenchmark.throughput", Map.of("size", "64"), "ops/s", f -> {
            // Every message is counted when node 2 polls it; at most the window is sent and not
            // yet polled, and none may be dropped (the window is below the queue bound).
            int window = 4096;
            long received = f.total("received");
            assertEquals(0, f.total("dropped"), () -> f + ": the window must keep the queues from dropping");
            assertTrue(received <= f.allOps() + window && received >= f.allOps() - window,
                () -> f + ": " + received + " messages polled for " + f.allOps() + " sent, more than a window apart");
            assertEquals(64 * received, f.total("payloadBytes"), () -> f + ": every polled message carries 64 bytes");
            // Each message is allocated, queued, encoded, decoded and handed between threads: > 10 ns.
            atMost(f, 100e6, "a message crossing three threads and a socket");
        });

        rule("io.synod.benchmarks.transport.TcpTransportBenchmark.roundTrip", Map.of("size", "64"), "us/op", f ->
            // There and back: four system calls and four hand-offs between threads, at least.
            assertTrue(f.samples().getMin() >= 2, () -> f + ": fastest round trip " + f.samples().getMin() + " us"));

        rule("io.synod.benchmarks.transport.ReplicatedWriteBenchmark.write", Map.of("network", "tcp"), "us/op", f ->
            // A commit crosses the client's, the leader's and a follower's threads and a socket
            // there and back: no sample is under 2 us.
            assertTrue(f.samples().getMin() >= 2, () -> f + ": fastest commit " + f.samples().getMin() + " us"));

        rule("io.synod.benchmarks.transport.TcpTransportBenchmark.plainSocketRoundTrip", Map.of("size", "64"), "us/op", f ->
            // There and back: four system calls and two hand-offs between threads, at least.
            assertTrue(f.samples().getMin() >= 2, () -> f + ": fastest round trip " + f.samples().getMin() + " us"));
    }

    private PlausibleFigures() {
    }

    private static void rule(String benchmark, Map<String, String> params, String unit, Consumer<Figure> check) {
        RULES.put(benchmark, new Rule(params, unit, check));
    }

    /** The rules by benchmark name. */
    static Map<String, Rule> rules() {
        return RULES;
    }

    private static void atLeast(Figure f, double floor, String what) {
        assertTrue(f.score() >= floor, () -> f + ": below the " + floor + " " + f.unit() + " that " + what + " takes");
    }

    private static void atMost(Figure f, double ceiling, String what) {
        assertTrue(f.score() <= ceiling, () -> f + ": above the " + ceiling + " " + f.unit() + " that " + what + " allows");
    }
}
