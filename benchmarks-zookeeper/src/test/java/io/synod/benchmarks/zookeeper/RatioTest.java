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
    void anEvenNumberOfIterationsTakesTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}), 1e-9);
    }

    @Test
    void aSingleFigureEachSideHasNoSpread() {
        assertEquals("0.50", Ratio.of(1.0, 2.0).toString());
    }
}
