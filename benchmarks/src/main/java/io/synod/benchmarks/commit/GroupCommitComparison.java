package io.synod.benchmarks.commit;

import io.synod.api.commit.Outcome;
import io.synod.benchmarks.group.CommitGroup;
import io.synod.benchmarks.group.ReplicaGroup;
import io.synod.runtime.commit.CommitNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Group commit on against off, 1 against 64 concurrent transactions, in one run: the commit
 * driver with {@code maxBatch} 1 (every input carried out and synced alone) is the "before",
 * the default the "after". On a shared machine only figures measured side by side compare, so
 * the four setups of a protocol take turns: each round runs every setup once, for one iteration,
 * in an order that rotates from round to round, each on a fresh group after a warm-up. Prints,
 * per setup, committed transactions per second as min / median / max over the rounds, record-log
 * fsyncs per transaction, and how many transactions aborted (a vote later than the coordinator's
 * vote timeout of 1 s aborts a transaction; on a loaded machine a queue of forced writes can be
 * that slow).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.synod.benchmarks.commit.GroupCommitComparison \
 *     [--protocols 2pc,3pc,paxos-commit] [--participants 3] [--storage file] [--rounds 5] [--millis 1000]
 * </pre>
 */
public final class GroupCommitComparison {

    private record Setup(int maxBatch, int clients) {
        String label() {
            return "group commit " + (maxBatch == 1 ? "off" : "on ") + ", " + clients + " client" + (clients == 1 ? "" : "s");
        }
    }

    private record Iteration(double perSecond, double fsyncsPerTransaction, long aborted) {
    }

    private GroupCommitComparison() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("protocols", "2pc,3pc,paxos-commit", "participants", "3",
            "storage", "file", "rounds", "5", "millis", "1000"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !options.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        int participants = Integer.parseInt(options.get("participants"));
        ReplicaGroup.Storage storage = ReplicaGroup.Storage.named(options.get("storage"));
        int rounds = Integer.parseInt(options.get("rounds"));
        long millis = Long.parseLong(options.get("millis"));
        Path dir = Path.of(System.getProperty("synod.bench.dir", System.getProperty("java.io.tmpdir")));
        List<Setup> setups = List.of(new Setup(1, 1), new Setup(CommitNode.DEFAULT_MAX_BATCH, 1), new Setup(1, 64),
            new Setup(CommitNode.DEFAULT_MAX_BATCH, 64));
        System.out.printf(Locale.ROOT, "participants %d, storage %s, %d rounds of %d ms, load average %.1f%n", participants,
            storage.label(), rounds, millis, loadAverage());
        for (String protocol : options.get("protocols").split(",")) {
            Map<Setup, List<Iteration>> results = new LinkedHashMap<>();
            setups.forEach(s -> results.put(s, new ArrayList<>()));
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < setups.size(); k++) {
                    Setup s = setups.get((r + k) % setups.size());
                    results.get(s).add(iteration(protocol, participants, storage, dir, s, millis));
                }
            }
            System.out.println(protocol);
            results.forEach((s, its) -> System.out.printf(Locale.ROOT, "  %-32s %s tx/s  %5.2f fsyncs/tx  %d aborted%n",
                s.label(), spread(its.stream().map(Iteration::perSecond).toList()),
                its.stream().mapToDouble(Iteration::fsyncsPerTransaction).average().orElse(Double.NaN),
                its.stream().mapToLong(Iteration::aborted).sum()));
        }
    }

    private static Iteration iteration(String protocol, int participants, ReplicaGroup.Storage storage, Path dir, Setup s,
                                       long millis) throws Exception {
        try (CommitGroup group = new CommitGroup(CommitBenchmark.named(protocol), participants, storage, dir, s.maxBatch())) {
            List<CompletableFuture<Outcome>> ring = new ArrayList<>();
            for (int i = 0; i < s.clients(); i++) {
                ring.add(group.run());
            }
            long[] counts = new long[3]; // next in the ring, committed, aborted
            loop(group, ring, counts, millis / 2); // warm-up
            counts[1] = 0;
            counts[2] = 0;
            long fsyncs0 = group.fsyncs();
            long t0 = System.nanoTime();
            loop(group, ring, counts, millis);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double fsyncs = (group.fsyncs() - fsyncs0) / (double) Math.max(1, counts[1] + counts[2]);
            for (CompletableFuture<Outcome> f : ring) {
                f.get(30, TimeUnit.SECONDS);
            }
            return new Iteration(counts[1] / seconds, fsyncs, counts[2]);
        }
    }

    /** Keeps the ring full for {@code millis}, counting committed and aborted transactions into {@code counts}. */
    private static void loop(CommitGroup group, List<CompletableFuture<Outcome>> ring, long[] counts, long millis)
        throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() - deadline < 0) {
            int oldest = (int) counts[0];
            counts[ring.get(oldest).get(30, TimeUnit.SECONDS).committed() ? 1 : 2]++;
            ring.set(oldest, group.run());
            counts[0] = (oldest + 1) % ring.size();
        }
    }

    private static String spread(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format(Locale.ROOT, "%,8.0f / %,8.0f / %,8.0f", sorted.get(0), sorted.get(sorted.size() / 2),
            sorted.get(sorted.size() - 1));
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
