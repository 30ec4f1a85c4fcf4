package io.synod.benchmarks.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The spread of a figure over iterations: min, median, max, and how many iterations lie outside
 * ±25% of the median (this machine is shared; an iteration that far out says the run, not the
 * protocol, moved).
 */
public record Spread(double min, double median, double max, int outliers, int count) {

    /** Iterations further than this fraction from the median are flagged. */
    public static final double BAND = 0.25;

    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no iterations");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int size = sorted.size();
        double median = size % 2 == 1 ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
        int outliers = 0;
        for (double v : sorted) {
            if (Math.abs(v - median) > BAND * median) {
                outliers++;
            }
        }
        return new Spread(sorted.get(0), median, sorted.get(size - 1), outliers, size);
    }
}
