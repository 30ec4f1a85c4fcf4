package io.synod.benchmarks.zookeeper;

import java.time.Duration;
import java.util.List;

/**
 * How much of everything one comparison run does. {@link #full()} is the setting (3-node ensembles,
 * a million znodes); {@link #quick()} is a smoke test of a few seconds a workload against one server each.
 */
public record Profile(String name, int ensembleSize, LoadSpec load, int warmupRounds, int rounds, int failovers, int znodes, int restarts,
                      String heap, List<SystemKind> systems, List<Workload> workloads, boolean jfr,
                      List<String> synodConfig, CpuSplit cpus) {

    public static Profile full() {
        return new Profile("full", 3, new LoadSpec(16, 16, 100, 1, 3, Duration.ofSeconds(2)), 2, 3, 3, 1_000_000, 3, "2g",
            List.of(SystemKind.SYNOD_ZAB, SystemKind.SYNOD_MULTI_PAXOS, SystemKind.ZOOKEEPER), List.of(Workload.values()),
            false, List.of(), CpuSplit.NONE);
    }

    public static Profile quick() {
        return new Profile("quick", 1, new LoadSpec(2, 4, 100, 1, 2, Duration.ofMillis(500)), 0, 1, 0, 2_000, 1, "512m",
            List.of(SystemKind.SYNOD_MULTI_PAXOS, SystemKind.ZOOKEEPER), List.of(Workload.values()), false, List.of(), CpuSplit.NONE);
    }

    public Profile withSystems(List<SystemKind> s) {
        return new Profile(name, ensembleSize, load, warmupRounds, rounds, failovers, znodes, restarts, heap, s, workloads, jfr, synodConfig, cpus);
    }

    public Profile withWorkloads(List<Workload> w) {
        return new Profile(name, ensembleSize, load, warmupRounds, rounds, failovers, znodes, restarts, heap, systems, w, jfr, synodConfig, cpus);
    }

    /**
     * Rounds run first and thrown away: a server JVM fresh from its start runs its first seconds of load in
     * the interpreter and its compilers, at a fraction of its later speed (2-3x slower in the first two
     * rounds of 8 s here), for every system alike but not by the same factor.
     */
    public Profile withWarmupRounds(int r) {
        return new Profile(name, ensembleSize, load, r, rounds, failovers, znodes, restarts, heap, systems, workloads, jfr, synodConfig, cpus);
    }

    public Profile withRounds(int r) {
        return new Profile(name, ensembleSize, load, warmupRounds, r, failovers, znodes, restarts, heap, systems, workloads, jfr, synodConfig, cpus);
    }

    public Profile withFailovers(int f) {
        return new Profile(name, ensembleSize, load, warmupRounds, rounds, f, znodes, restarts, heap, systems, workloads, jfr, synodConfig, cpus);
    }

    /** 0 leaves the restart with znodes out. */
    public Profile withZnodes(int z) {
        return new Profile(name, ensembleSize, load, warmupRounds, rounds, failovers, z, restarts, heap, systems, workloads, jfr, synodConfig, cpus);
    }

    /** Restarts of a follower holding the znodes, per system, the systems alternating. */
    public Profile withRestarts(int n) {
        return new Profile(name, ensembleSize, load, warmupRounds, rounds, failovers, znodes, n, heap, systems, workloads, jfr, synodConfig, cpus);
    }

    /** Each server records a JFR profile into its log directory (written when it stops, not when it is killed). */
    public Profile withJfr(boolean on) {
        return new Profile(name, ensembleSize, load, warmupRounds, rounds, failovers, znodes, restarts, heap, systems, workloads, on, synodConfig, cpus);
    }

    /** zoo.cfg lines added to every Synod server's configuration (e.g. {@code persistInBackground=false}). */
    public Profile withSynodConfig(List<String> lines) {
        return new Profile(name, ensembleSize, load, warmupRounds, rounds, failovers, znodes, restarts, heap, systems, workloads, jfr,
            List.copyOf(lines), cpus);
    }

    /** Servers and driver on processors of their own (see {@link CpuSplit}). */
    public Profile withCpus(CpuSplit split) {
        return new Profile(name, ensembleSize, load, warmupRounds, rounds, failovers, znodes, restarts, heap, systems, workloads, jfr,
            synodConfig, split);
    }
}
