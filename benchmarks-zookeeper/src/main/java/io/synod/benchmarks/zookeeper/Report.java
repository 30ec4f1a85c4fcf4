package io.synod.benchmarks.zookeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The run written out: {@code results.json} for tools, {@code results.md} for people. */
final class Report {

    private Report() {
    }

    static void write(Comparison.Result r, Path out, String command) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.json"), json(r));
        Files.writeString(out.resolve("results.md"), markdown(r, command));
    }

    /** "min / median / max" of iteration figures. */
    static String iterations(double[] ops) {
        return String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f", Stats.min(ops), Stats.median(ops), Stats.max(ops));
    }

    static String markdown(Comparison.Result r, String command) {
        StringBuilder b = new StringBuilder();
        Profile p = r.profile();
        LoadSpec s = p.load();
        b.append("Command: `").append(command).append("`\n\n");
        b.append(String.format(Locale.ROOT, "Profile %s: %d server(s) per system, %d sessions x %d outstanding, %d-byte values, "
                + "%d warm-up + %d measured iterations of %d ms per round, %d warm-up round(s) thrown away, then %d round(s), "
                + "heap -Xmx%s per server, %s.%n%n",
            p.name(), p.ensembleSize(), s.sessions(), s.outstanding(), s.valueBytes(), s.warmups(), s.iterations(),
            s.iteration().toMillis(), p.warmupRounds(), p.rounds(), p.heap(), p.cpus()));
        b.append("Ratios: ops/s is the median (lowest-highest) over rounds of the ratio of the two systems' median "
            + "iterations in that round; p99 is over all measured operations of all rounds. CPU: processor time (user and "
            + "system) per operation over all measured iterations, of the system's servers together and of the load "
            + "driver; the servers' ratio is what throughput would be on servers with cores of their own.\n\n");
        b.append("| workload | system | ops/s min / median / max | p50 us | p99 us | p99.9 us | errors | ops/s vs ZooKeeper "
            + "| p99 vs ZooKeeper | server CPU us/op | driver CPU us/op | server CPU vs ZooKeeper |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Workload w : p.workloads()) {
            LoadResult z = r.load().getOrDefault(SystemKind.ZOOKEEPER, Map.of()).get(w);
            for (SystemKind k : p.systems()) {
                LoadResult x = r.load().get(k).get(w);
                if (x == null) {
                    continue;
                }
                String ratio = z == null || k == SystemKind.ZOOKEEPER ? "" : Ratio.paired(x, z).toString();
                String p99 = z == null || k == SystemKind.ZOOKEEPER ? "" : Ratio.of(x.p99(), z.p99()).toString();
                String cpu = z == null || k == SystemKind.ZOOKEEPER ? ""
                    : String.format(Locale.ROOT, "%.2f", x.cpu().serverMicrosPerOp() / z.cpu().serverMicrosPerOp());
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %,.0f | %,.0f | %d | %s | %s | %,.1f | %,.1f | %s |%n",
                    w.label(), k.label(), iterations(x.opsPerSecond()), x.p50(), x.p99(), x.p999(), x.errors(), ratio, p99,
                    x.cpu().serverMicrosPerOp(), x.cpu().driverMicrosPerOp(), cpu));
            }
        }
        if (!r.failovers().isEmpty() && r.failovers().values().stream().anyMatch(l -> !l.isEmpty())) {
            b.append("\n| failover (SIGKILL to first write) | cycles: server killed, ms | leader kills ms |\n|---|---|---|\n");
            r.failovers().forEach((k, list) -> {
                StringJoiner j = new StringJoiner(", ");
                list.forEach(f -> j.add(String.format(Locale.ROOT, "%d%s %,.0f", f.killed(), f.leaderKnown() ? "(L)" : "(?)", f.millis())));
                b.append("| ").append(k.label()).append(" | ").append(j).append(" | ")
                    .append(list.isEmpty() ? "" : iterations(Goals.leaderKills(list))).append(" |\n");
            });
            b.append("\n(L) the leader, told by the server; (?) role unknown: the cycles kill each server in turn and the "
                + "slowest stands for the leader's kill.\n");
        }
        if (!r.restarts().isEmpty()) {
            b.append("\n| restart | znodes | created in s | creates re-sent | server | process start to first read, ms: "
                + "each restart | median |\n|---|---|---|---|---|---|---|\n");
            r.restarts().forEach((k, x) -> {
                StringJoiner each = new StringJoiner(", ");
                for (double ms : x.restartSamples()) {
                    each.add(String.format(Locale.ROOT, "%,.0f", ms));
                }
                b.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,d | %d%s | %s | %,.0f |%n", k.label(), x.znodes(),
                    x.createSeconds(), x.createRetries(), x.server(), x.followerKnown() ? "" : " (role unknown)", each,
                    x.restartMillis()));
            });
        }
        if (!r.failures().isEmpty()) {
            b.append("\nFailed phases (their figures are missing above):\n\n");
            r.failures().forEach(f -> b.append("* ").append(f).append('\n'));
        }
        b.append("\n| goal | system | measured (Synod / ZooKeeper) | met |\n|---|---|---|---|\n");
        for (SystemKind k : p.systems()) {
            if (k == SystemKind.ZOOKEEPER || !r.load().containsKey(SystemKind.ZOOKEEPER)) {
                continue;
            }
            for (Goals.Verdict v : Goals.check(r, k)) {
                b.append("| ").append(v.goal()).append(" | ").append(k.label()).append(" | ").append(v.measured())
                    .append(" | ").append(v.met() ? "yes" : "no").append(" |\n");
            }
        }
        return b.toString();
    }

    /** A JSON number, or null where nothing was measured (JSON has no NaN). */
    private static String number(double d) {
        return Double.isNaN(d) ? "null" : String.format(Locale.ROOT, "%.2f", d);
    }

    static String json(Comparison.Result r) {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"profile\": \"").append(r.profile().name()).append("\",\n");
        b.append("  \"load\": [\n");
        List<String> rows = new ArrayList<>();
        r.load().forEach((k, m) -> m.forEach((w, x) -> rows.add(String.format(Locale.ROOT,
            "    {\"system\": \"%s\", \"workload\": \"%s\", \"opsPerSecond\": %s, \"roundMedians\": %s, \"p50Micros\": %.1f, \"p99Micros\": %.1f, "
                + "\"p999Micros\": %.1f, \"operations\": %d, \"errors\": %d, \"serverCpuMicrosPerOp\": %s, "
                + "\"driverCpuMicrosPerOp\": %s}",
            k.label(), w.label(), array(x.opsPerSecond()), array(x.roundMedians()), x.p50(), x.p99(), x.p999(), x.latencyMicros().getTotalCount(),
            x.errors(), number(x.cpu().serverMicrosPerOp()), number(x.cpu().driverMicrosPerOp())))));
        b.append(String.join(",\n", rows)).append("\n  ],\n");
        b.append("  \"failoverMillis\": {");
        StringJoiner f = new StringJoiner(", ");
        r.failovers().forEach((k, list) -> {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            list.forEach(s -> j.add(String.format(Locale.ROOT, "{\"killed\": %d, \"leaderKnown\": %b, \"millis\": %.1f}",
                s.killed(), s.leaderKnown(), s.millis())));
            f.add("\"" + k.label() + "\": " + j);
        });
        b.append(f).append("},\n");
        b.append("  \"restart\": {");
        StringJoiner rs = new StringJoiner(", ");
        r.restarts().forEach((k, x) -> rs.add(String.format(Locale.ROOT,
            "\"%s\": {\"znodes\": %d, \"createSeconds\": %.2f, \"createRetries\": %d, \"server\": %d, "
                + "\"restartMillis\": %.1f, \"restartSamplesMillis\": %s}",
            k.label(), x.znodes(), x.createSeconds(), x.createRetries(), x.server(), x.restartMillis(),
            array(x.restartSamples()))));
        b.append(rs).append("},\n");
        StringJoiner pids = new StringJoiner(", ", "[", "]");
        r.pids().forEach(pid -> pids.add(Long.toString(pid)));
        b.append("  \"pids\": ").append(pids).append(",\n");
        StringJoiner failures = new StringJoiner(", ", "[", "]");
        r.failures().forEach(x -> failures.add(quote(x)));
        b.append("  \"failures\": ").append(failures).append("\n}\n");
        return b.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", " ") + "\"";
    }

    private static String array(double[] values) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (double v : values) {
            j.add(String.format(Locale.ROOT, "%.1f", v));
        }
        return j.toString();
    }
}
