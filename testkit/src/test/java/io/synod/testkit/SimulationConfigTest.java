package io.synod.testkit;

import io.synod.testkit.SimulatedClusterTest.Adds;
import io.synod.testkit.SimulatedClusterTest.Counter;
import io.synod.testkit.SimulatedClusterTest.CounterModel;
import io.synod.testkit.toy.ToyPrimaryBackup;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SimulationConfigTest {

    /** Every setting differs from the builder's default, so a setting that is dropped shows. */
    private static SimulationConfig<?, ?> unusual() {
        Invariant none = Invariant.of("none", view -> java.util.Optional.empty());
        return SimulationConfig.builder(ToyPrimaryBackup.correct()).replicas(5).observers(2).faults(FaultProfile.MIXED).seed(77)
            .chaosTicks(123).quietTicks(45).livenessTicks(67).clients(7).readMode(ReadMode.READ_INDEX).tickMicros(3_000)
            .clientTimeoutTicks(9).giveUpTicks(99).thinkTicks(8).sessionWindow(17).sessionTimeoutTicks(77).abandonPercent(9).clockSkewMillis(5)
            .invariant(none).expectLiveness(false)
            .trace(true).build();
    }

    @Test
    void switchingTheWorkloadKeepsEveryOtherSetting() throws ReflectiveOperationException {
        SimulationConfig<?, ?> before = unusual();
        SimulationConfig<Long, Long> after = before.toBuilder()
            .workload(Counter::new, new Adds(), new CounterModel()).build();
        assertEquals(ReadMode.READ_INDEX, after.readMode(), "the read mode survives a workload switch");
        Set<String> switched = Set.of("stateMachine", "workload", "model");
        SimulationConfig<?, ?> defaults = SimulationConfig.builder(ToyPrimaryBackup.correct()).build();
        for (RecordComponent c : SimulationConfig.class.getRecordComponents()) {
            Object was = c.getAccessor().invoke(before);
            Object is = c.getAccessor().invoke(after);
            if (switched.contains(c.getName())) {
                assertNotEquals(was, is, c.getName() + " is what the switch replaces");
            } else {
                assertEquals(was, is, c.getName() + " must carry over a workload switch");
                if (!c.getName().equals("protocol")) {
                    // The oracle above only bites if the test config really leaves the default.
                    assertNotEquals(c.getAccessor().invoke(defaults), was, c.getName() + " is at its default in this test");
                }
            }
        }
    }

    @Test
    void aSeedChangeKeepsEveryOtherSetting() throws ReflectiveOperationException {
        SimulationConfig<?, ?> before = unusual();
        SimulationConfig<?, ?> after = before.withSeed(78);
        for (RecordComponent c : SimulationConfig.class.getRecordComponents()) {
            if (!c.getName().equals("seed")) {
                assertEquals(c.getAccessor().invoke(before), c.getAccessor().invoke(after), c.getName());
            }
        }
        assertEquals(List.of(77L, 78L), List.of(before.seed(), after.seed()));
    }
}
