package io.synod.testkit;

import io.synod.testkit.toy.ToyPrimaryBackup;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runs() {
        for (FaultProfile p : FaultProfile.standard()) {
            long t0 = System.nanoTime();
            var r = Simulation.run(SimulationConfig.builder(ToyPrimaryBackup.correct()).faults(p).seed(1).build());
            long t1 = System.nanoTime();
            var f = r.failure();
            System.out.println(p + " " + r.stats() + " ops=" + r.history().size() + " time=" + (t1 - t0) / 1_000_000 + "ms "
                + (f.isPresent() ? f.get() : "OK"));
        }
    }
}
