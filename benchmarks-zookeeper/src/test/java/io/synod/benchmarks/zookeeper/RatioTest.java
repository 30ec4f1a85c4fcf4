package io.synod.benchmarks.zookeeper;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RatioTest {

    @Test
    void medianOverMedianWithWorstAndBestPairingsAsTheSpread() {
        Ratio r = Ratio.of(new double[] {300, 600, 400}, new double[] {100, 200, 150});

        assertEquals(400.0 / 150, r.median(), 1e-9);
        assertEquals(300.0 / 200, r.low(), 1e-9, "worst Synod iteration over best ZooKeeper iteration");
        assertEquals(600.0 / 100, r.high(), 1e-9, "best Synod iteration over worst ZooKeeper iteration");
        assertEquals("2.67 (1.50-6.00)", r.toString());
    }

    @Test
    void pairedRatiosCompareEachRoundWithItselfSoDriftBetweenRoundsCancels() {
        // the machine was ten times slower in round 2 for both systems; Synod was twice as fast in every round
        Ratio r = Ratio.paired(new double[] {2000, 200, 2200}, new double[] {1000, 100, 1000});

        assertEquals(2.0, r.median(), 1e-9);
        assertEquals(2.0, r.low(), 1e-9);
        assertEquals(2.2, r.high(), 1e-9);
        assertEquals(0.2, Ratio.of(new double[] {2000, 200, 2200}, new double[] {1000, 100, 1000}).low(), 1e-9,
            "pooled, the same figures pair a slow round with a fast one");
    }

    @Test
    void anEvenNumberOfIterationsTakesTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}), 1e-9);
    }

    @Test
    void aSingleFigureEachSideHasNoSpread() {
        assertEquals("0.50", Ratio.of(1.0, 2.0).toString());
    }
}
