package io.synod.benchmarks.zookeeper;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One comparison run: starts an ensemble of each system, runs every workload against each system in turn
 * (the order reversed every other round, so drift in the machine's load falls on all alike), then the
 * failover cycles per system, fills each system with many znodes and restarts a follower of each in turn, and
 * stops every process it started.
 */
public final class Comparison {

    /** Everything a run measured, per system. */
    public record Result(Profile profile, Map<SystemKind, Map<Workload, LoadResult>> load,
                         Map<SystemKind, List<Failover.Sample>> failovers,
                         Map<SystemKind, RestartWithZnodes.Result> restarts, List<Long> pids, List<String> failures) {
    }

    private Comparison() {
    }

    public static Result run(Profile profile, Path out, String classPath, PrintStream log) {
        Map<SystemKind, Ensemble> ensembles = new LinkedHashMap<>();
        Map<SystemKind, Map<Workload, List<LoadResult>>> runs = new EnumMap<>(SystemKind.class);
        Map<SystemKind, List<Failover.Sample>> failovers = new EnumMap<>(SystemKind.class);
        Map<SystemKind, RestartWithZnodes.Result> restarts = new EnumMap<>(SystemKind.class);
        List<Long> pids = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try {
            profile.cpus().pinThisProcess();
            for (SystemKind k : profile.systems()) {
                log.printf("starting %d %s server(s)%n", profile.ensembleSize(), k.label());
                ensembles.put(k, Ensemble.start(k, profile.ensembleSize(), out.resolve(k.label()), classPath,
                    profile.heap(), profile.jfr(), k.isSynod() ? profile.synodConfig() : List.of(), profile.cpus()));
                runs.put(k, new EnumMap<>(Workload.class));
            }
            for (int round = -profile.warmupRounds(); round < profile.rounds(); round++) {
                List<SystemKind> order = new ArrayList<>(profile.systems());
                if (Math.floorMod(round, 2) == 1) {
                    java.util.Collections.reverse(order);
                }
                for (Workload w : profile.workloads()) {
                    for (SystemKind k : order) {
                        LoadResult r;
                        try {
                            Ensemble e = ensembles.get(k);
                            r = LoadDriver.run(k, e.connectString(), w, profile.load(), () -> CpuUse.nanosOf(e.pids()));
                        } catch (RuntimeException e) {
                            failures.add(failed(log, "round " + (round + 1) + " " + w.label() + " on " + k.label(), e));
                            continue;
                        }
                        log.printf("%-8s %-20s %-18s ops/s %s  p50 %,.0f us  p99 %,.0f us  errors %d%n",
                            round < 0 ? "warm-up" : "round " + (round + 1), w.label(), k.label(),
                            Report.iterations(r.opsPerSecond()), r.p50(), r.p99(), r.errors());
                        if (round < 0) {
                            continue;
                        }
                        runs.get(k).computeIfAbsent(w, x -> new ArrayList<>()).add(r);
                    }
                }
            }
            for (SystemKind k : profile.systems()) {
                List<Failover.Sample> samples = new ArrayList<>();
                for (int c = 0; c < profile.failovers(); c++) {
                    Failover.Sample s;
                    try {
                        s = Failover.once(ensembles.get(k), c);
                    } catch (RuntimeException e) {
                        failures.add(failed(log, "failover cycle " + c + " on " + k.label(), e));
                        break;
                    }
                    log.printf("failover %s: killed server %d (%s), first write after %,.0f ms%n", k.label(), s.killed(),
                        s.leaderKnown() ? "the leader" : "role unknown", s.millis());
                    samples.add(s);
                }
                failovers.put(k, samples);
            }
            Map<SystemKind, RestartWithZnodes.Filled> filled = new EnumMap<>(SystemKind.class);
            for (SystemKind k : profile.znodes() > 0 ? profile.systems() : List.<SystemKind>of()) {
                try {
                    RestartWithZnodes.Filled f = RestartWithZnodes.fill(ensembles.get(k), profile.znodes());
                    log.printf("filled %s with %,d znodes in %.1f s%n", k.label(), f.result().znodes(),
                        f.result().createSeconds());
                    filled.put(k, f);
                    restarts.put(k, f.result());
                } catch (RuntimeException e) {
                    failures.add(failed(log, "filling " + k.label() + " with znodes", e));
                }
            }
            // The systems' restarts alternate, the order reversed every other time, as the rounds of load do.
            for (int i = 0; i < profile.restarts(); i++) {
                List<SystemKind> order = new ArrayList<>(filled.keySet());
                if (i % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (SystemKind k : order) {
                    double millis;
                    try {
                        millis = RestartWithZnodes.restartOnce(ensembles.get(k), filled.get(k));
                    } catch (RuntimeException e) {
                        failures.add(failed(log, "restart " + (i + 1) + " with znodes on " + k.label(), e));
                        filled.remove(k);
                        continue;
                    }
                    log.printf("restart %d %s with %,d znodes: first read after %,.0f ms%n", i + 1, k.label(),
                        profile.znodes(), millis);
                    restarts.put(k, restarts.get(k).plus(millis));
                }
            }
            restarts.values().removeIf(x -> x.restartSamples().length == 0);
        } finally {
            for (Ensemble e : ensembles.values()) {
                e.close();
                pids.addAll(e.pids());
            }
        }
        Map<SystemKind, Map<Workload, LoadResult>> merged = new EnumMap<>(SystemKind.class);
        runs.forEach((k, byWorkload) -> {
            Map<Workload, LoadResult> m = new EnumMap<>(Workload.class);
            byWorkload.forEach((w, list) -> m.put(w, merge(list)));
            merged.put(k, m);
        });
        return new Result(profile, merged, failovers, restarts, pids, failures);
    }

    /** A phase that failed is reported and the run goes on: one broken measurement must not lose the others. */
    private static String failed(PrintStream log, String what, RuntimeException e) {
        StringBuilder b = new StringBuilder(what).append(" failed: ").append(e.getMessage());
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            b.append(" <- ").append(c);
        }
        log.println(b);
        return b.toString();
    }

    /** All rounds of one workload on one system as one result: every iteration, every latency. */
    static LoadResult merge(List<LoadResult> rounds) {
        double[] ops = new double[0];
        double[] medians = new double[0];
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        long errors = 0;
        CpuUse cpu = CpuUse.NONE;
        for (LoadResult r : rounds) {
            cpu = cpu.plus(r.cpu());
            ops = Stats.concat(ops, r.opsPerSecond());
            medians = Stats.concat(medians, r.roundMedians());
            h.add(r.latencyMicros());
            errors += r.errors();
        }
        return new LoadResult(rounds.get(0).system(), rounds.get(0).workload(), ops, h, errors, medians, cpu);
    }
}
