package io.synod.benchmarks.zookeeper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The goals of the comparison, checked against a run for one Synod protocol: writes at least 3x ZooKeeper's
 * throughput with p99 no worse, reads at least 1.5x, a lone write's p50 at most half of ZooKeeper's,
 * failover and restart with many znodes faster than ZooKeeper's.
 */
final class Goals {

    /** One goal: what it asks, what was measured, whether it was met and by what margin. */
    record Verdict(String goal, String measured, boolean met) {
    }

    private Goals() {
    }

    static List<Verdict> check(Comparison.Result r, SystemKind synod) {
        List<Verdict> v = new ArrayList<>();
        Map<Workload, LoadResult> s = r.load().get(synod);
        Map<Workload, LoadResult> z = r.load().get(SystemKind.ZOOKEEPER);
        for (Workload w : List.of(Workload.SET_DATA, Workload.CREATE_SEQUENTIAL)) {
            if (s.containsKey(w) && z.containsKey(w)) {
                Ratio ops = Ratio.paired(s.get(w), z.get(w));
                Ratio p99 = Ratio.of(s.get(w).p99(), z.get(w).p99());
                v.add(new Verdict(w.label() + ": >= 3x ZooKeeper's ops/s, p99 no worse",
                    "ops/s x" + ops + ", p99 x" + p99, ops.median() >= 3 && p99.median() <= 1));
            }
        }
        if (s.containsKey(Workload.GET_DATA) && z.containsKey(Workload.GET_DATA)) {
            Ratio ops = Ratio.paired(s.get(Workload.GET_DATA), z.get(Workload.GET_DATA));
            v.add(new Verdict("getData: >= 1.5x ZooKeeper's ops/s", "x" + ops, ops.median() >= 1.5));
        }
        if (s.containsKey(Workload.SET_DATA_SINGLE) && z.containsKey(Workload.SET_DATA_SINGLE)) {
            Ratio p50 = Ratio.of(s.get(Workload.SET_DATA_SINGLE).p50(), z.get(Workload.SET_DATA_SINGLE).p50());
            v.add(new Verdict("setData 1x1: p50 <= 0.5x ZooKeeper's", "x" + p50, p50.median() <= 0.5));
        }
        List<Failover.Sample> fs = r.failovers().getOrDefault(synod, List.of());
        List<Failover.Sample> fz = r.failovers().getOrDefault(SystemKind.ZOOKEEPER, List.of());
        if (!fs.isEmpty() && !fz.isEmpty()) {
            Ratio f = Ratio.of(leaderKills(fs), leaderKills(fz));
            v.add(new Verdict("failover: faster than ZooKeeper's (time ratio < 1)", "x" + f, f.median() < 1));
        }
        RestartWithZnodes.Result rs = r.restarts().get(synod);
        RestartWithZnodes.Result rz = r.restarts().get(SystemKind.ZOOKEEPER);
        if (rs != null && rz != null) {
            Ratio t = Ratio.of(rs.restartSamples(), rz.restartSamples());
            v.add(new Verdict("restart with " + String.format("%,d", rs.znodes()) + " znodes: faster (time ratio < 1)",
                "x" + t, t.median() < 1));
        }
        return v;
    }

    /**
     * The failover times that count: those of kills known to hit the leader; where the leader could not be
     * told, the slowest cycle stands for the leader's kill (the others killed a follower).
     */
    static double[] leaderKills(List<Failover.Sample> samples) {
        double[] known = samples.stream().filter(Failover.Sample::leaderKnown).mapToDouble(Failover.Sample::millis).toArray();
        if (known.length > 0) {
            return known;
        }
        return new double[] {samples.stream().mapToDouble(Failover.Sample::millis).max().orElse(Double.NaN)};
    }
}
