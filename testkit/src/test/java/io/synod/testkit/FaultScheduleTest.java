package io.synod.testkit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultScheduleTest {

    @Test
    void theSameSeedDrawsTheSameSchedule() {
        assertEquals(FaultSchedule.draw(FaultProfile.MIXED, 5, 300, new SplittableRandom(9)),
            FaultSchedule.draw(FaultProfile.MIXED, 5, 300, new SplittableRandom(9)));
    }

    @Test
    void swizzleUnclogsInAnotherOrderThanItClogs() {
        int reordered = 0;
        for (long seed = 0; seed < 20; seed++) {
            List<String> clogs = new ArrayList<>();
            List<String> unclogs = new ArrayList<>();
            for (FaultAction a : FaultSchedule.draw(FaultProfile.SWIZZLE_CLOG, 3, 60, new SplittableRandom(seed)).actions()) {
                if (a instanceof FaultAction.Clog c) {
                    clogs.add(c.from() + ">" + c.to());
                } else if (a instanceof FaultAction.Unclog u) {
                    unclogs.add(u.from() + ">" + u.to());
                }
            }
            assertEquals(clogs.stream().sorted().toList(), unclogs.stream().sorted().toList(), "every clogged link is unclogged");
            if (clogs.size() > 1 && !clogs.equals(unclogs)) {
                reordered++;
            }
        }
        assertTrue(reordered > 5, "unclog order should usually differ from clog order, did " + reordered + " times");
    }

    @Test
    void partitionsHealBeforeTheNextStarts() {
        boolean open = false;
        for (FaultAction a : FaultSchedule.draw(FaultProfile.PARTITIONS, 5, 1000, new SplittableRandom(3)).actions()) {
            if (a instanceof FaultAction.Partition) {
                assertTrue(!open, "partition " + a + " starts before the previous healed");
                open = true;
            } else if (a instanceof FaultAction.Heal) {
                open = false;
            }
        }
    }

    @Test
    void aSingleReplicaRunsEveryProfile() {
        // One node has no link to clog and no one to partition from: the schedule must still draw.
        for (FaultProfile profile : FaultProfile.standard()) {
            for (long seed = 1; seed <= 20; seed++) {
                SimulationResult<?, ?> run = Simulation.run(SimulationConfig.builder(io.synod.testkit.toy.ToyPrimaryBackup.correct())
                    .replicas(1).faults(profile).seed(seed).build());
                assertEquals(java.util.Optional.empty(), run.failure(), profile + " seed " + seed);
            }
        }
    }

    @Test
    void badProfilesAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> FaultProfile.builder("lossy").drops(1.5).build());
        assertTrue(e.getMessage().contains("lossy") && e.getMessage().contains("dropProbability"), e.getMessage());
    }
}
