package io.synod.testkit;

import io.synod.testkit.kv.KvOp;
import io.synod.testkit.toy.ToyPrimaryBackup;

/**
 * Measures how fast the simulator runs: simulated message deliveries (and events) per second of
 * wall-clock time on one thread, history checking excluded. Not a test; run it by hand:
 *
 * <pre>
 * mvn -pl testkit -am test-compile
 * java -cp consensus-api/target/classes:testkit/target/classes:testkit/target/test-classes \
 *     io.synod.testkit.SimulatorThroughput 2000
 * </pre>
 */
public final class SimulatorThroughput {

    private SimulatorThroughput() {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        for (FaultProfile profile : new FaultProfile[] {FaultProfile.NONE, FaultProfile.MIXED}) {
            SimulationConfig<KvOp, String> config = SimulationConfig.builder(ToyPrimaryBackup.correct())
                .replicas(3).faults(profile).build();
            measure(config, seeds / 4); // warm-up
            measure(config, seeds);
        }
    }

    private static void measure(SimulationConfig<KvOp, String> config, int seeds) {
        long deliveries = 0;
        long events = 0;
        long start = System.nanoTime();
        for (long seed = 1; seed <= seeds; seed++) {
            SimulationStats stats = Simulation.run(config.withSeed(seed)).stats();
            deliveries += stats.delivered();
            events += stats.events();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-24s %6d seeds %8.2f s  %,12.0f deliveries/s  %,12.0f events/s  %7.1f seeds/s%n",
            config.faults(), seeds, seconds, deliveries / seconds, events / seconds, seeds / seconds);
    }
}
