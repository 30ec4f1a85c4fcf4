package io.synod.testkit;

import io.synod.api.Protocol;
import io.synod.api.StateMachine;
import io.synod.testkit.lin.Model;

import java.util.function.Supplier;

/**
 * The front door for testing <em>your</em> state machine under faults: a cluster of simulated
 * replicas running any protocol, your state machine on each, your clients' workload, your
 * model to check the history against — deterministic, so every failure comes with a seed that
 * replays it.
 *
 * <pre>{@code
 * SimulatedCluster<CounterOp, Long> cluster = SimulatedCluster.of(protocol, 3)
 *     .stateMachine(Counter::new, new CounterWorkload(), new CounterModel())
 *     .faults(FaultProfile.MIXED)
 *     .build();
 * cluster.check(500, Repro.of(CounterTest.class, "survivesFaults"));   // throws with a report
 * SimulationResult<CounterOp, Long> one = cluster.run(42);             // or look at one run
 * }</pre>
 *
 * @param <I> an operation of your workload
 * @param <O> its result
 */
public final class SimulatedCluster<I, O> {

    private final SimulationConfig<I, O> config;

    private SimulatedCluster(SimulationConfig<I, O> config) {
        this.config = config;
    }

    /** Starts describing a cluster of {@code replicas} nodes running {@code protocol}. */
    public static Builder of(Protocol protocol, int replicas) {
        return new Builder(protocol, replicas);
    }

    /** The configuration every run starts from (its seed is replaced per run). */
    public SimulationConfig<I, O> config() {
        return config;
    }

    /** Runs one seed and returns what happened, failures included, without asserting anything. */
    public SimulationResult<I, O> run(long seed) {
        return Simulation.run(config.withSeed(seed));
    }

    /**
     * Runs {@code seeds} seeds (or the one {@code -Dsynod.seed} names, after the regression
     * ledger's) and throws an {@link AssertionError} with seed, faults and replay command at the
     * first failure: a safety violation, a late operation after faults healed, or a history
     * that is not linearizable (with local reads: whose writes are not, or whose reads are not
     * sequentially consistent).
     */
    public void check(int seeds, Repro repro) {
        SeedRunner.run(config, seeds, repro);
    }

    /** Describes a {@link SimulatedCluster}; everything but the state machine has a default. */
    public static final class Builder {
        private final Protocol protocol;
        private final int replicas;

        private Builder(Protocol protocol, int replicas) {
            this.protocol = protocol;
            this.replicas = replicas;
        }

        /** Your state machine (a fresh one per node start), the operations clients issue, and its specification. */
        public <I, O> Stage<I, O> stateMachine(Supplier<StateMachine> machine, Workload<I, O> workload, Model<?, I, O> model) {
            return new Stage<>(SimulationConfig.builder(protocol).replicas(replicas).workload(machine, workload, model));
        }
    }

    /** The rest of a cluster's description: faults, clients, reads, invariants. */
    public static final class Stage<I, O> {
        private final SimulationConfig.Builder<I, O> builder;

        private Stage(SimulationConfig.Builder<I, O> builder) {
            this.builder = builder;
        }

        public Stage<I, O> faults(FaultProfile profile) {
            builder.faults(profile);
            return this;
        }

        public Stage<I, O> clients(int count) {
            builder.clients(count);
            return this;
        }

        /** Non-voting nodes that learn the log and serve local reads ({@link ReadMode#LOCAL}). */
        public Stage<I, O> observers(int count) {
            builder.observers(count);
            return this;
        }

        public Stage<I, O> readMode(ReadMode mode) {
            builder.readMode(mode);
            return this;
        }

        public Stage<I, O> invariant(Invariant invariant) {
            builder.invariant(invariant);
            return this;
        }

        /** Any other setting: run length, timeouts, session window… */
        public Stage<I, O> configure(java.util.function.Consumer<SimulationConfig.Builder<I, O>> change) {
            change.accept(builder);
            return this;
        }

        public SimulatedCluster<I, O> build() {
            return new SimulatedCluster<>(builder.build());
        }
    }
}
