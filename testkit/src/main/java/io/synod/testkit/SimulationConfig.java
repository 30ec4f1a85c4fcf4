package io.synod.testkit;

import io.synod.api.Protocol;
import io.synod.api.StateMachine;
import io.synod.testkit.kv.KvOp;
import io.synod.testkit.kv.KvStateMachine;
import io.synod.testkit.lin.KvModel;
import io.synod.testkit.lin.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything one simulated run is made of; validated once, then immutable. A run has three
 * parts: <em>chaos</em> ({@code chaosTicks}, faults as the profile says), <em>quiet</em>
 * ({@code quietTicks}: partitions healed, links unclogged, crashed nodes restarted, no more
 * losses) and a <em>drain</em> of at most {@code livenessTicks} in which clients issue nothing new.
 * Operations invoked in the quiet part must complete within {@code livenessTicks}.
 *
 * @param protocol           the protocol under test
 * @param replicas           the number of voting nodes, numbered 1..replicas
 * @param observers          the number of non-voting nodes that learn the chosen log and serve
 *                           local reads, numbered after the voters
 * @param stateMachine       makes a fresh state machine for each node start
 * @param workload           what the clients ask
 * @param model              the specification the history is checked against (null: no check)
 * @param faults             what goes wrong
 * @param seed               the one seed everything random derives from
 * @param chaosTicks         length of the chaotic part
 * @param quietTicks         length of the quiet part
 * @param livenessTicks      bound on the latency of an operation invoked in the quiet part
 * @param clients            the number of concurrent clients
 * @param readMode           how reads are served
 * @param tickMicros         virtual microseconds per protocol tick
 * @param clientTimeoutTicks how long a client waits before retrying elsewhere
 * @param giveUpTicks        how long a client tries before recording an operation indeterminate
 * @param thinkTicks         the most a client waits between two operations
 * @param sessionWindow      the result window of the replicated session rules the nodes propose
 *                           (results remembered per session, for exactly-once)
 * @param sessionTimeoutTicks the timeout clients ask for their sessions; they ping every quarter of it
 * @param abandonPercent     the chance, in percent, that a client abandons its session after an
 *                           operation (stops pinging it and opens another), so that sessions expire
 * @param clockSkewMillis    each node's wall clock is virtual time plus a skew drawn from
 *                           {@code [-clockSkewMillis, clockSkewMillis]}: leaders stamp batches with it
 * @param invariants         protocol-specific safety checks, run after every event
 * @param expectLiveness     whether a slow quiet-part operation fails the run
 * @param trace              whether to record the trace
 */
public record SimulationConfig<I, O>(
    Protocol protocol,
    int replicas,
    int observers,
    Supplier<StateMachine> stateMachine,
    Workload<I, O> workload,
    Model<?, I, O> model,
    FaultProfile faults,
    long seed,
    int chaosTicks,
    int quietTicks,
    int livenessTicks,
    int clients,
    ReadMode readMode,
    long tickMicros,
    int clientTimeoutTicks,
    int giveUpTicks,
    int thinkTicks,
    int sessionWindow,
    int sessionTimeoutTicks,
    int abandonPercent,
    long clockSkewMillis,
    List<Invariant> invariants,
    boolean expectLiveness,
    boolean trace) {

    public SimulationConfig {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(stateMachine, "stateMachine");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(readMode, "readMode");
        invariants = List.copyOf(invariants);
        positive("replicas", replicas);
        if (observers < 0 || (long) replicas + observers > io.synod.api.ProtocolContext.MAX_NODE_ID) {
            throw new IllegalArgumentException("observers must be >= 0 and fit the node ids after the "
                + replicas + " replicas, was " + observers);
        }
        positive("chaosTicks", chaosTicks);
        positive("livenessTicks", livenessTicks);
        positive("tickMicros", tickMicros);
        positive("clientTimeoutTicks", clientTimeoutTicks);
        positive("giveUpTicks", giveUpTicks);
        positive("sessionWindow", sessionWindow);
        positive("sessionTimeoutTicks", sessionTimeoutTicks);
        if (abandonPercent < 0 || abandonPercent > 100 || clockSkewMillis < 0) {
            throw new IllegalArgumentException("abandonPercent must lie in 0..100 and clockSkewMillis be >= 0, were "
                + abandonPercent + ", " + clockSkewMillis);
        }
        if (clients < 0 || quietTicks < 0 || thinkTicks < 0) {
            throw new IllegalArgumentException("clients, quietTicks and thinkTicks must be >= 0, were "
                + clients + ", " + quietTicks + ", " + thinkTicks);
        }
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
    }

    /** The session timeout clients ask for, in milliseconds of virtual time. */
    public long sessionTimeoutMillis() {
        return Math.max(1, sessionTimeoutTicks * tickMicros / 1000);
    }

    /**
     * The replicated session rules the simulated nodes propose: this run's window; timeouts around
     * the clients' (at least half of it, so that a leader's time entries come every eighth of it).
     */
    public io.synod.runtime.session.SessionConfig sessionRules() {
        long timeout = sessionTimeoutMillis();
        return new io.synod.runtime.session.SessionConfig(sessionWindow, timeout, Math.max(1, timeout / 2), timeout * 10);
    }

    /** A key-value run of {@code protocol}: three replicas, no faults, four clients. */
    public static Builder<KvOp, String> builder(Protocol protocol) {
        return new Builder<KvOp, String>(protocol, KvStateMachine::new, new KvWorkload(5), new KvModel());
    }

    public SimulationConfig<I, O> withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    public SimulationConfig<I, O> withTrace(boolean on) {
        return toBuilder().trace(on).build();
    }

    /** The same settings with another state machine, workload and model, as a builder. */
    <I2, O2> Builder<I2, O2> withWorkload(Supplier<StateMachine> machine, Workload<I2, O2> load, Model<?, I2, O2> spec) {
        return copySettings(new Builder<>(protocol, machine, load, spec));
    }

    public Builder<I, O> toBuilder() {
        return copySettings(new Builder<>(protocol, stateMachine, workload, model));
    }

    /** Every setting but protocol, state machine, workload and model: one list, so none is forgotten. */
    private <I2, O2> Builder<I2, O2> copySettings(Builder<I2, O2> b) {
        b.replicas = replicas;
        b.observers = observers;
        b.faults = faults;
        b.seed = seed;
        b.chaosTicks = chaosTicks;
        b.quietTicks = quietTicks;
        b.livenessTicks = livenessTicks;
        b.clients = clients;
        b.readMode = readMode;
        b.tickMicros = tickMicros;
        b.clientTimeoutTicks = clientTimeoutTicks;
        b.giveUpTicks = giveUpTicks;
        b.thinkTicks = thinkTicks;
        b.sessionWindow = sessionWindow;
        b.sessionTimeoutTicks = sessionTimeoutTicks;
        b.abandonPercent = abandonPercent;
        b.clockSkewMillis = clockSkewMillis;
        b.invariants.addAll(invariants);
        b.expectLiveness = expectLiveness;
        b.trace = trace;
        return b;
    }

    /** Builds a {@link SimulationConfig}. */
    public static final class Builder<I, O> {
        private final Protocol protocol;
        private final Supplier<StateMachine> stateMachine;
        private final Workload<I, O> workload;
        private final Model<?, I, O> model;
        private int replicas = 3;
        private int observers;
        private FaultProfile faults = FaultProfile.NONE;
        private long seed;
        private int chaosTicks = 300;
        private int quietTicks = 100;
        private int livenessTicks = 200;
        private int clients = 4;
        private ReadMode readMode = ReadMode.LOG;
        private long tickMicros = 10_000;
        private int clientTimeoutTicks = 15;
        private int giveUpTicks = 150;
        private int thinkTicks = 3;
        private int sessionWindow = 64;
        private int sessionTimeoutTicks = 100;
        private int abandonPercent = 3;
        private long clockSkewMillis = 40;
        private final List<Invariant> invariants = new ArrayList<>();
        private boolean expectLiveness = true;
        private boolean trace;

        private Builder(Protocol protocol, Supplier<StateMachine> stateMachine, Workload<I, O> workload, Model<?, I, O> model) {
            this.protocol = protocol;
            this.stateMachine = stateMachine;
            this.workload = workload;
            this.model = model;
        }

        /**
         * Switches to another state machine, its workload and its model; every other setting
         * (read mode included) carries over.
         */
        public <I2, O2> Builder<I2, O2> workload(Supplier<StateMachine> machine, Workload<I2, O2> load, Model<?, I2, O2> spec) {
            return build().withWorkload(machine, load, spec);
        }

        public Builder<I, O> replicas(int n) {
            this.replicas = n;
            return this;
        }

        /**
         * Adds {@code n} observers: non-voting nodes, numbered after the voters, that the protocol
         * is told of ({@code ProtocolContext.observers()}); they learn the chosen log, serve local
         * reads, and crash, pause and sit behind partitions like any node.
         */
        public Builder<I, O> observers(int n) {
            this.observers = n;
            return this;
        }

        public Builder<I, O> faults(FaultProfile profile) {
            this.faults = profile;
            return this;
        }

        public Builder<I, O> seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder<I, O> chaosTicks(int ticks) {
            this.chaosTicks = ticks;
            return this;
        }

        public Builder<I, O> quietTicks(int ticks) {
            this.quietTicks = ticks;
            return this;
        }

        public Builder<I, O> livenessTicks(int ticks) {
            this.livenessTicks = ticks;
            return this;
        }

        public Builder<I, O> clients(int count) {
            this.clients = count;
            return this;
        }

        public Builder<I, O> readMode(ReadMode mode) {
            this.readMode = mode;
            return this;
        }

        public Builder<I, O> tickMicros(long micros) {
            this.tickMicros = micros;
            return this;
        }

        public Builder<I, O> clientTimeoutTicks(int ticks) {
            this.clientTimeoutTicks = ticks;
            return this;
        }

        public Builder<I, O> giveUpTicks(int ticks) {
            this.giveUpTicks = ticks;
            return this;
        }

        public Builder<I, O> thinkTicks(int ticks) {
            this.thinkTicks = ticks;
            return this;
        }

        public Builder<I, O> sessionWindow(int window) {
            this.sessionWindow = window;
            return this;
        }

        public Builder<I, O> sessionTimeoutTicks(int ticks) {
            this.sessionTimeoutTicks = ticks;
            return this;
        }

        public Builder<I, O> abandonPercent(int percent) {
            this.abandonPercent = percent;
            return this;
        }

        public Builder<I, O> clockSkewMillis(long millis) {
            this.clockSkewMillis = millis;
            return this;
        }

        public Builder<I, O> invariant(Invariant invariant) {
            this.invariants.add(invariant);
            return this;
        }

        public Builder<I, O> invariants(List<Invariant> list) {
            this.invariants.addAll(list);
            return this;
        }

        public Builder<I, O> expectLiveness(boolean expect) {
            this.expectLiveness = expect;
            return this;
        }

        public Builder<I, O> trace(boolean on) {
            this.trace = on;
            return this;
        }

        public SimulationConfig<I, O> build() {
            return new SimulationConfig<>(protocol, replicas, observers, stateMachine, workload, model, faults, seed, chaosTicks,
                quietTicks, livenessTicks, clients, readMode, tickMicros, clientTimeoutTicks, giveUpTicks, thinkTicks,
                sessionWindow, sessionTimeoutTicks, abandonPercent, clockSkewMillis, invariants, expectLiveness, trace);
        }
    }
}
