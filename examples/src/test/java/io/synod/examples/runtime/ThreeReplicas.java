package io.synod.examples.runtime;

import io.synod.api.Protocol;
import io.synod.api.StateMachine;
import io.synod.runtime.Replica;
import io.synod.runtime.ReplicaConfig;
import io.synod.storage.MemoryStorage;
import io.synod.transport.InJvmNetwork;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * Three real replicas in one JVM: the production runtime, one thread each, over an
 * {@link InJvmNetwork}, each with memory storage that outlives a restart. Tests describe each
 * replica (state machine, configuration, client id) and the cluster starts it.
 */
final class ThreeReplicas implements AutoCloseable {

    static final int[] MEMBERS = {1, 2, 3};

    final InJvmNetwork network = new InJvmNetwork();
    private final Protocol protocol;
    private final IntFunction<StateMachine> machines;
    private final IntFunction<ReplicaConfig> configs;
    private final MemoryStorage[] storage = new MemoryStorage[MEMBERS.length + 1];
    private final Replica[] replicas = new Replica[MEMBERS.length + 1];

    ThreeReplicas(Protocol protocol, IntFunction<StateMachine> machines, IntFunction<ReplicaConfig> configs) {
        this.protocol = protocol;
        this.machines = machines;
        this.configs = configs;
        for (int id : MEMBERS) {
            storage[id] = new MemoryStorage();
        }
    }

    /** Starts every replica. */
    ThreeReplicas start() {
        for (int id : MEMBERS) {
            start(id, b -> b);
        }
        return this;
    }

    /** Starts (or restarts) replica {@code id}, letting the test add to its description. */
    Replica start(int id, UnaryOperator<Replica.Builder> describe) {
        Replica.Builder b = Replica.builder().protocol(protocol).self(id).members(MEMBERS)
            .transport(network.join(id)).storage(storage[id]).stateMachine(machines.apply(id)).config(configs.apply(id));
        replicas[id] = describe.apply(b).start();
        return replicas[id];
    }

    Replica replica(int id) {
        return replicas[id];
    }

    /** Closes replica {@code id}; its storage stays for a restart. */
    void stop(int id) {
        replicas[id].close();
    }

    /** Waits, with a generous bound, for one of {@code among} to lead, and returns it. */
    int awaitLeader(int... among) throws InterruptedException {
        int[] candidates = among.length == 0 ? MEMBERS : among;
        int[] found = {-1};
        await("a leader among " + Arrays.toString(candidates), () -> {
            for (int id : candidates) {
                if (replicas[id] != null && replicas[id].status().isLeader()) {
                    found[0] = id;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Polls {@code condition} until it holds; fails after a minute, a bound no loaded machine should reach. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 60 s");
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        for (Replica r : replicas) {
            if (r != null) {
                r.close();
            }
        }
    }
}
