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
    void observersStrikeLikeNodesButDiskFaultsStayOnAMinorityOfVoters() {
        for (long seed = 0; seed < 50; seed++) {
            assertEquals(FaultSchedule.draw(FaultProfile.OVERLAPPING, 3, 300, new SplittableRandom(seed)),
                FaultSchedule.draw(FaultProfile.OVERLAPPING, 3, 0, 300, new SplittableRandom(seed)), "no observers, same draws");
        }
        boolean observerCrashes = false;
        for (long seed = 0; seed < 50; seed++) {
            FaultSchedule s = FaultSchedule.draw(FaultProfile.OVERLAPPING, 3, 2, 300, new SplittableRandom(seed));
            java.util.Set<Integer> faultyDisks = new java.util.HashSet<>();
            for (FaultAction a : s.actions()) {
                if (a instanceof FaultAction.Crash c) {
                    observerCrashes |= c.node() > 3;
                    if (c.damage() != FaultAction.DiskDamage.NONE) {
                        faultyDisks.add(c.node());
                    }
                } else if (a instanceof FaultAction.SyncFailure f) {
                    faultyDisks.add(f.node());
                }
            }
            assertTrue(faultyDisks.size() <= 1 && faultyDisks.stream().allMatch(n -> n >= 1 && n <= 3),
                "seed " + seed + ": disk faults on " + faultyDisks + ", not one of the three voters");
        }
        assertTrue(observerCrashes, "crashes strike observers too");
        assertThrows(IllegalArgumentException.class, () -> FaultSchedule.draw(FaultProfile.NONE, 3, -1, 300, new SplittableRandom(1)));
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

    /** The most partitions open at once in a schedule, replaying its actions in order. */
    private static int mostOpenAtOnce(FaultSchedule schedule) {
        java.util.Set<Integer> open = new java.util.HashSet<>();
        int most = 0;
        for (FaultAction a : schedule.actions()) {
            if (a instanceof FaultAction.Partition p) {
                assertTrue(open.add(p.episode()), "episode " + p.episode() + " starts twice");
                most = Math.max(most, open.size());
            } else if (a instanceof FaultAction.Heal h) {
                assertTrue(open.remove(h.episode()), "episode " + h.episode() + " heals before it starts");
            }
        }
        assertTrue(open.isEmpty(), "every partition heals within the chaotic part: " + open);
        return most;
    }

    private static long count(FaultSchedule schedule, Class<? extends FaultAction> kind) {
        return schedule.actions().stream().filter(kind::isInstance).count();
    }

    @Test
    void partitionsAreDrawnAndHealBeforeTheNextStarts() {
        for (long seed = 1; seed <= 50; seed++) {
            FaultSchedule s = FaultSchedule.draw(FaultProfile.PARTITIONS, 5, 1000, new SplittableRandom(seed));
            // A partition every ~40 ticks lasting ~25: some fifteen in 1,000 ticks; five is a floor no seed should miss.
            assertTrue(count(s, FaultAction.Partition.class) >= 5, "seed " + seed + " drew too few partitions:\n" + s.describe());
            assertEquals(1, mostOpenAtOnce(s), "PARTITIONS takes turns: one heals before the next starts");
        }
    }

    @Test
    void overlappingSchedulesOverlapPartitionsPausesAndCrashes() {
        int overlapped = 0;
        for (long seed = 1; seed <= 50; seed++) {
            FaultSchedule s = FaultSchedule.draw(FaultProfile.OVERLAPPING, 3, 300, new SplittableRandom(seed));
            overlapped += mostOpenAtOnce(s) >= 2 ? 1 : 0;
            assertTrue(count(s, FaultAction.Pause.class) >= 1, "seed " + seed + " drew no pause");
            assertTrue(count(s, FaultAction.Crash.class) >= 3, "seed " + seed + " drew too few crashes");
        }
        assertTrue(overlapped >= 25, "two or more partitions should hold at once in most schedules, did in " + overlapped);
    }

    @Test
    void diskFaultsStrikeAMinorityOfNodes() {
        java.util.Set<Integer> struck = new java.util.TreeSet<>();
        for (long seed = 1; seed <= 200; seed++) {
            java.util.Set<Integer> inRun = new java.util.TreeSet<>();
            for (FaultAction a : FaultSchedule.draw(FaultProfile.OVERLAPPING, 5, 300, new SplittableRandom(seed)).actions()) {
                if (a instanceof FaultAction.SyncFailure f) {
                    inRun.add(f.node());
                } else if (a instanceof FaultAction.Crash c && c.damage() != FaultAction.DiskDamage.NONE) {
                    inRun.add(c.node());
                }
            }
            assertTrue(inRun.size() <= 2, "seed " + seed + ": disk faults on " + inRun + ", more than a minority of 5");
            struck.addAll(inRun);
        }
        assertEquals(java.util.Set.of(1, 2, 3, 4, 5), struck, "over many runs every node's disk fails sometimes");
        assertTrue(FaultSchedule.draw(FaultProfile.OVERLAPPING, 2, 300, new SplittableRandom(1)).actions().stream()
            .noneMatch(a -> a instanceof FaultAction.SyncFailure), "two nodes have no minority to spare");
    }

    @Test
    void partitionsReallyCutLinks() {
        // An oracle apart from the schedule: the network counts what partitions made it lose.
        SimulationConfig<?, ?> config = SimulationConfig.builder(io.synod.testkit.toy.ToyPrimaryBackup.correct()).replicas(3)
            .seed(5).build();
        assertEquals(0, Simulation.run(config).stats().partitioned(), "no partitions, nothing lost to one");
        assertTrue(Simulation.run(config.toBuilder().faults(FaultProfile.PARTITIONS).build()).stats().partitioned() > 0,
            "under PARTITIONS some message must meet a cut link");
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
