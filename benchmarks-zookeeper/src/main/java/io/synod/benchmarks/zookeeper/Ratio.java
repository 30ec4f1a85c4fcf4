package io.synod.benchmarks.zookeeper;

/**
 * Synod's figure over ZooKeeper's, with the spread the iterations allow: {@code median} is the ratio of
 * the medians, {@code low} the worst Synod iteration over the best ZooKeeper one and {@code high} the best
 * over the worst. A ratio whose low end is above a goal met it in every pairing of iterations.
 */
public record Ratio(double median, double low, double high) {

    public static Ratio of(double[] synod, double[] zookeeper) {
        return new Ratio(Stats.median(synod) / Stats.median(zookeeper), Stats.min(synod) / Stats.max(zookeeper),
            Stats.max(synod) / Stats.min(zookeeper));
    }

    /** A single figure each side (a latency percentile over all samples): no spread to give. */
    public static Ratio of(double synod, double zookeeper) {
        double r = synod / zookeeper;
        return new Ratio(r, r, r);
    }

    @Override
    public String toString() {
        return low == high ? String.format("%.2f", median) : String.format("%.2f (%.2f-%.2f)", median, low, high);
    }
}
