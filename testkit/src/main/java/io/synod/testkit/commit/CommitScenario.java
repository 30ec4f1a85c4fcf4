package io.synod.testkit.commit;

import io.synod.api.commit.Transaction;
import io.synod.api.commit.TransactionId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

/**
 * What one commit simulation does, whatever the protocol and the seed: the nodes, the
 * transactions begun and when, the network's faults, the scheduled partitions, the scripted
 * fault, random crashes, and how long the faulty part (the horizon) and the quiet part last. One
 * scenario runs every protocol the same way, so their results stand side by side.
 *
 * <pre>{@code
 * CommitScenario s = CommitScenario.builder("coordinator crash after the vote")
 *     .nodes(4).transaction(1, 1, 2, 3, 4)            // at tick 1, node 1 coordinates, 2..4 take part
 *     .fault(ScriptedFault.crashOnSend(1, "Decision", 1, 0, ScriptedFault.FOREVER))
 *     .build();
 * }</pre>
 *
 * @param name          a short name, for reports
 * @param nodes         nodes 1..nodes
 * @param workload      the transactions to begin, drawn from the run's random source
 * @param drop          the chance that a message is lost
 * @param duplicate     the chance that a message is delivered twice
 * @param maxDelayTicks messages take 1..maxDelayTicks ticks (1: every message takes exactly one tick)
 * @param partitions    scheduled network splits
 * @param faults        faults struck at protocol points
 * @param crashChance   the chance per tick per node of a random crash (with a restart after up to maxDownTicks)
 * @param maxDownTicks  how long a randomly crashed node stays down at most
 * @param horizonTicks  the faulty part; at its end the blocked participants are counted
 * @param quietTicks    the quiet part: all heal, all restart, no loss
 * @param resources     each node's resource, fresh per run
 */
public record CommitScenario(String name, int nodes, Function<RandomGenerator, List<Begin>> workload, double drop, double duplicate,
                             int maxDelayTicks, List<Partition> partitions, List<ScriptedFault> faults, double crashChance,
                             long maxDownTicks, long horizonTicks, long quietTicks, IntFunction<CrashableResource> resources) {

    /** A transaction begun at tick {@code at} at its coordinator. */
    public record Begin(long at, Transaction transaction) {
    }

    public CommitScenario {
        if (nodes < 1 || maxDelayTicks < 1 || horizonTicks < 1 || quietTicks < 0 || drop < 0 || drop >= 1 || duplicate < 0
            || duplicate >= 1 || crashChance < 0 || crashChance >= 1 || maxDownTicks < 1) {
            throw new IllegalArgumentException("scenario '" + name + "': nodes >= 1, delays >= 1 tick, horizon >= 1 tick,"
                + " chances in [0, 1), down time >= 1 tick");
        }
        partitions = List.copyOf(partitions);
        faults = List.copyOf(faults);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A copy with another name and scripted faults, the rest alike. */
    public CommitScenario withFaults(String newName, List<ScriptedFault> newFaults) {
        return new CommitScenario(newName, nodes, workload, drop, duplicate, maxDelayTicks, partitions, newFaults, crashChance,
            maxDownTicks, horizonTicks, quietTicks, resources);
    }

    /** Builds a scenario; the defaults are a perfect network of one-tick messages, no fault, 300 + 300 ticks. */
    public static final class Builder {
        private final String name;
        private int nodes = 4;
        private final List<Function<RandomGenerator, List<Begin>>> workloads = new ArrayList<>();
        private double drop;
        private double duplicate;
        private int maxDelayTicks = 1;
        private final List<Partition> partitions = new ArrayList<>();
        private final List<ScriptedFault> faults = new ArrayList<>();
        private double crashChance;
        private long maxDownTicks = 40;
        private long horizonTicks = 300;
        private long quietTicks = 300;
        private IntFunction<CrashableResource> resources = node -> new KvResource();

        private Builder(String name) {
            this.name = name;
        }

        public Builder nodes(int count) {
            this.nodes = count;
            return this;
        }

        /** At tick {@code at}, {@code coordinator} begins transaction number {@code number} with these participants, each setting key "k". */
        public Builder transaction(long at, long number, int coordinator, int... participants) {
            Map<Integer, byte[]> parts = new TreeMap<>();
            for (int p : participants) {
                parts.put(p, KvResource.put("k" + number, "v" + number + "@" + p));
            }
            Begin begin = new Begin(at, Transaction.of(new TransactionId(coordinator, number), parts));
            workloads.add(random -> List.of(begin));
            return this;
        }

        /** Transactions drawn from the run's random source. */
        public Builder workload(Function<RandomGenerator, List<Begin>> workload) {
            workloads.add(workload);
            return this;
        }

        public Builder network(double dropChance, double duplicateChance, int maxDelay) {
            this.drop = dropChance;
            this.duplicate = duplicateChance;
            this.maxDelayTicks = maxDelay;
            return this;
        }

        public Builder partition(Partition partition) {
            partitions.add(partition);
            return this;
        }

        public Builder fault(ScriptedFault fault) {
            faults.add(fault);
            return this;
        }

        public Builder randomCrashes(double chancePerTick, long maxDown) {
            this.crashChance = chancePerTick;
            this.maxDownTicks = maxDown;
            return this;
        }

        public Builder ticks(long horizon, long quiet) {
            this.horizonTicks = horizon;
            this.quietTicks = quiet;
            return this;
        }

        public Builder resources(IntFunction<CrashableResource> factory) {
            this.resources = factory;
            return this;
        }

        public CommitScenario build() {
            List<Function<RandomGenerator, List<Begin>>> all = List.copyOf(workloads);
            Function<RandomGenerator, List<Begin>> workload = random -> {
                List<Begin> begins = new ArrayList<>();
                all.forEach(w -> begins.addAll(w.apply(random)));
                return begins;
            };
            return new CommitScenario(name, nodes, workload, drop, duplicate, maxDelayTicks, partitions, faults, crashChance,
                maxDownTicks, horizonTicks, quietTicks, resources);
        }
    }
}
