package io.synod.benchmarks.zookeeper;

/**
 * Synod's figure over ZooKeeper's, with its spread. Throughput ({@link #paired}): one ratio per round, of the
 * two systems' median iterations in that round (measured back to back, so the machine's load drift between
 * rounds cancels), and the median, lowest and highest of those ratios. {@link #of(double[], double[])} pools
 * iterations instead: the ratio of the medians, worst over best and best over worst iteration.
 */
public record Ratio(double median, double low, double high) {

    public static Ratio of(double[] synod, double[] zookeeper) {
        return new Ratio(Stats.median(synod) / Stats.median(zookeeper), Stats.min(synod) / Stats.max(zookeeper),
            Stats.max(synod) / Stats.min(zookeeper));
    }

    /** Round by round: {@code synod[i]} and {@code zookeeper[i]} are the same round's medians. */
    public static Ratio paired(double[] synod, double[] zookeeper) {
        if (synod.length != zookeeper.length || synod.length == 0) {
            return of(synod, zookeeper);
        }
        double[] r = new double[synod.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = synod[i] / zookeeper[i];
        }
        return new Ratio(Stats.median(r), Stats.min(r), Stats.max(r));
    }

    /** Round by round for two results of the same workload (pooled if their rounds do not line up). */
    public static Ratio paired(LoadResult synod, LoadResult zookeeper) {
        return synod.roundMedians().length == zookeeper.roundMedians().length
            ? paired(synod.roundMedians(), zookeeper.roundMedians())
            : of(synod.opsPerSecond(), zookeeper.opsPerSecond());
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
