package io.synod.benchmarks.compare;

import io.synod.benchmarks.group.ReplicaGroup.Network;
import io.synod.benchmarks.group.ReplicaGroup.Storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Which scenarios a comparison runs, and how long: warm-up and measured iterations of a fixed
 * length each. The first log scenario is the log protocols' baseline, the first commit scenario
 * the commit protocols'; every ratio in a report is against one of them, measured in the same run.
 *
 * <ul>
 *   <li>{@code tiny}: seconds; every protocol once or twice, for the build's smoke test.</li>
 *   <li>{@code short}: a few minutes on two cores; clients 1, 64 and 4,096 for the log protocols
 *       in memory, and one step along each other axis (file storage, TCP, batching off, 5 replicas).</li>
 *   <li>{@code full}: the whole matrix (about 25 minutes).</li>
 * </ul>
 */
public record Profile(String name, int warmups, int iterations, long iterationMillis, List<Scenario> scenarios,
                      List<Integer> costSizes) {

    /** The log protocols' baseline: Multi-Paxos, 3 replicas, in-JVM, memory, batching on, 64 clients. */
    public static final Scenario LOG_BASELINE = Scenario.log("multi-paxos", 3, Network.IN_JVM, Storage.MEMORY, 64);
    /** The commit protocols' baseline: 2PC, 3 participants, memory, 64 clients. */
    public static final Scenario COMMIT_BASELINE = Scenario.commit("2pc", 3, Storage.MEMORY, 64);

    /** The profile called {@code name}. */
    public static Profile named(String name) {
        return switch (name) {
            case "tiny" -> tiny();
            case "short" -> shortProfile();
            case "full" -> full();
            default -> throw new IllegalArgumentException("unknown profile " + name + "; known: tiny, short, full");
        };
    }

    static Profile tiny() {
        List<Scenario> s = new ArrayList<>();
        s.add(LOG_BASELINE);
        for (String p : Protocols.LOG) {
            s.add(Scenario.log(p, 3, Network.IN_JVM, Storage.MEMORY, 1));
            if (!p.equals(LOG_BASELINE.protocol())) {
                s.add(Scenario.log(p, 3, Network.IN_JVM, Storage.MEMORY, 64));
            }
        }
        s.add(COMMIT_BASELINE);
        for (String p : Protocols.COMMIT) {
            s.add(Scenario.commit(p, 3, Storage.MEMORY, 1));
            if (!p.equals(COMMIT_BASELINE.protocol())) {
                s.add(Scenario.commit(p, 3, Storage.MEMORY, 64));
            }
        }
        return new Profile("tiny", 1, 2, 250, s, List.of(3));
    }

    static Profile shortProfile() {
        List<Scenario> s = new ArrayList<>();
        s.add(LOG_BASELINE);
        for (String p : Protocols.LOG) {
            for (int clients : new int[] {1, 64, 4096}) {
                Scenario x = Scenario.log(p, 3, Network.IN_JVM, Storage.MEMORY, clients);
                if (!x.equals(LOG_BASELINE)) {
                    s.add(x);
                }
            }
            s.add(Scenario.log(p, 3, Network.IN_JVM, Storage.FILE, 64));
        }
        for (String p : List.of("multi-paxos", "zab")) {
            s.add(Scenario.log(p, 3, Network.TCP, Storage.MEMORY, 64));
            s.add(new Scenario(p, 3, Network.IN_JVM, Storage.MEMORY, 1, 64));
            s.add(Scenario.log(p, 5, Network.IN_JVM, Storage.MEMORY, 64));
        }
        s.add(COMMIT_BASELINE);
        for (String p : Protocols.COMMIT) {
            for (int n : new int[] {3, 5}) {
                for (int clients : new int[] {1, 64}) {
                    Scenario x = Scenario.commit(p, n, Storage.MEMORY, clients);
                    if (!x.equals(COMMIT_BASELINE)) {
                        s.add(x);
                    }
                }
            }
            s.add(Scenario.commit(p, 3, Storage.FILE, 64));
        }
        return new Profile("short", 1, 5, 1000, s, List.of(3, 5));
    }

    static Profile full() {
        List<Scenario> s = new ArrayList<>();
        s.add(LOG_BASELINE);
        for (String p : Protocols.LOG) {
            for (int n : new int[] {3, 5}) {
                for (Network network : Network.values()) {
                    for (Storage storage : Storage.values()) {
                        for (int batch : new int[] {1, Scenario.BATCH_ON}) {
                            for (int clients : new int[] {1, 64, 4096}) {
                                Scenario x = new Scenario(p, n, network, storage, batch, clients);
                                if (!x.equals(LOG_BASELINE)) {
                                    s.add(x);
                                }
                            }
                        }
                    }
                }
            }
        }
        s.add(COMMIT_BASELINE);
        for (String p : Protocols.COMMIT) {
            for (int n : new int[] {3, 5}) {
                for (Storage storage : Storage.values()) {
                    for (int clients : new int[] {1, 64, 4096}) {
                        Scenario x = Scenario.commit(p, n, storage, clients);
                        if (!x.equals(COMMIT_BASELINE)) {
                            s.add(x);
                        }
                    }
                }
            }
        }
        return new Profile("full", 1, 5, 1000, s, List.of(3, 5));
    }

    /**
     * This profile restricted to {@code protocols}, keeping the baselines they are compared with.
     *
     * @throws IllegalArgumentException if a name is no protocol
     */
    public Profile only(List<String> protocols) {
        for (String p : protocols) {
            if (!Protocols.LOG.contains(p) && !Protocols.COMMIT.contains(p)) {
                throw new IllegalArgumentException("unknown protocol " + p + "; known: " + Protocols.LOG + ", " + Protocols.COMMIT);
            }
        }
        List<Scenario> kept = new ArrayList<>();
        for (Scenario s : scenarios) {
            if (protocols.contains(s.protocol()) || s.equals(baselineOf(s)) && protocols.stream().anyMatch(
                p -> Protocols.isCommit(p) == Protocols.isCommit(s.protocol()))) {
                kept.add(s);
            }
        }
        return new Profile(name + " (" + String.join(", ", protocols) + ")", warmups, iterations, iterationMillis, kept, costSizes);
    }

    /** The baseline a scenario's ratio is taken against. */
    public static Scenario baselineOf(Scenario s) {
        return Protocols.isCommit(s.protocol()) ? COMMIT_BASELINE : LOG_BASELINE;
    }
}
