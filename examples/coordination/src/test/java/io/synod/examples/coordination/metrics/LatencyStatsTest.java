package io.synod.examples.coordination.metrics;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyStatsTest {

    @Test
    void bucketsAreCumulativeAndInclusiveOfTheirBound() {
        LatencyStats stats = new LatencyStats();
        stats.record(TimeUnit.MICROSECONDS.toNanos(500)); // exactly the first bound, 0.0005 s
        stats.record(TimeUnit.MILLISECONDS.toNanos(3));
        stats.record(TimeUnit.SECONDS.toNanos(20));      // above every bound: +Inf only
        assertEquals(1, stats.cumulativeCount(0));
        assertEquals(1, stats.cumulativeCount(2), "0.0025 s");
        assertEquals(2, stats.cumulativeCount(3), "0.005 s");
        assertEquals(2, stats.cumulativeCount(LatencyStats.BUCKET_SECONDS.length - 1), "10 s");
        assertEquals(3, stats.cumulativeCount(LatencyStats.BUCKET_SECONDS.length), "+Inf");
        assertEquals(3, stats.totalCount());
        assertEquals(0, stats.minMillis());
        assertEquals(20_000, stats.maxMillis());
    }

    @Test
    void aResetRestartsMinAvgMaxButNotTheHistogram() {
        LatencyStats stats = new LatencyStats();
        stats.record(TimeUnit.MILLISECONDS.toNanos(7));
        stats.reset();
        assertEquals(0, stats.count());
        assertEquals(0, stats.maxMillis());
        assertEquals(0.0, stats.avgMillis());
        assertEquals(1, stats.totalCount(), "Prometheus counters only grow");
        stats.record(TimeUnit.MILLISECONDS.toNanos(2));
        assertEquals(2, stats.minMillis());
        assertEquals(2.0, stats.avgMillis());
    }

    @Test
    void prometheusTextNamesEachFamilyOnceWithItsType() {
        LatencyStats stats = new LatencyStats();
        stats.record(TimeUnit.MILLISECONDS.toNanos(1));
        String text = new PrometheusText().histogram("x_seconds", "help", stats).gauge("y", "a\nb", 2.5).toString();
        assertTrue(text.contains("# TYPE x_seconds histogram\n"), text);
        assertTrue(text.contains("x_seconds_bucket{le=\"0.0005\"} 0\n"), text);
        assertTrue(text.contains("x_seconds_bucket{le=\"0.001\"} 1\n"), text);
        assertTrue(text.contains("x_seconds_bucket{le=\"+Inf\"} 1\nx_seconds_sum 0.001\nx_seconds_count 1\n"), text);
        assertTrue(text.contains("# HELP y a\\nb\n# TYPE y gauge\ny 2.5\n"), text);
    }
}
