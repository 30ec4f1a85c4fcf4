package io.synod.benchmarks.zookeeper;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class GoalsTest {

    @Test
    void failoverCountsOnlyKillsKnownToHitTheLeader() {
        List<Failover.Sample> samples = List.of(new Failover.Sample(1, false, 5), new Failover.Sample(2, true, 900),
            new Failover.Sample(3, true, 1100));

        assertArrayEquals(new double[] {900, 1100}, Goals.leaderKills(samples));
    }

    @Test
    void whereTheLeaderWasNeverToldTheSlowestCycleStandsForIt() {
        List<Failover.Sample> samples = List.of(new Failover.Sample(1, false, 12), new Failover.Sample(2, false, 2400),
            new Failover.Sample(3, false, 8));

        assertArrayEquals(new double[] {2400}, Goals.leaderKills(samples));
    }
}
