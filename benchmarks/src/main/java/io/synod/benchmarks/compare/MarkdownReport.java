package io.synod.benchmarks.compare;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The comparison as Markdown tables: measured under load, then counted in lockstep beside the literature. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String of(Comparison c, String command) {
        StringBuilder md = new StringBuilder();
        Profile p = c.profile();
        md.append("# Protocol comparison, profile `").append(p.name()).append("`\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append(String.format(Locale.ROOT, "Started %s; %d processors, Java %s; load average %s at the start, %s at the end.  %n",
            c.started(), c.processors(), c.java(), load(c.loadBefore()), load(c.loadAfter())));
        md.append(String.format(Locale.ROOT, "Each scenario: %d warm-up and %d measured iterations of %d ms, a closed loop of the "
            + "given number of clients submitting 100-byte commands at the leader (log protocols) or transactions at the "
            + "coordinator (commit protocols).%n%n", p.warmups(), p.iterations(), p.iterationMillis()));
        md.append("Throughput is operations per second: min / median / max of the measured iterations; `!k` flags k iterations "
            + "outside ±25% of the median. *vs base* is the median over the baseline's median in this run (log protocols: ")
            .append(Profile.LOG_BASELINE.label()).append("; commit protocols: ").append(Profile.COMMIT_BASELINE.label())
            .append("). Latency percentiles (µs) are over all measured operations (HdrHistogram). Per-operation counts are "
                + "totals of all nodes over the measured iterations divided by the operations; bytes only over TCP (frames written).\n\n");
        md.append("| protocol | setup | clients | ops/s min / median / max | vs base | p50 | p99 | p99.9 | msgs/op | bytes/op | fsyncs/op | leader moves, failures |\n");
        md.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Measured m : c.measured()) {
            Scenario s = m.scenario();
            if (!m.ok()) {
                md.append("| ").append(s.protocol()).append(" | ").append(s.setup()).append(" | ").append(s.clients())
                    .append(" | failed: ").append(m.error().replace('|', '/')).append(" |||||||||\n");
                continue;
            }
            Spread t = m.throughput();
            md.append("| ").append(s.protocol()).append(" | ").append(s.setup()).append(" | ").append(String.format(Locale.ROOT, "%,d", s.clients()))
                .append(" | ").append(String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f", t.min(), t.median(), t.max()))
                .append(t.outliers() > 0 ? " !" + t.outliers() : "")
                .append(" | ").append(fixed(m.baselineRatio(), 2))
                .append(" | ").append(fixed(m.p50Micros(), 0)).append(" | ").append(fixed(m.p99Micros(), 0))
                .append(" | ").append(fixed(m.p999Micros(), 0))
                .append(" | ").append(fixed(m.messagesPerOp(), 3)).append(" | ").append(m.bytesPerOp() < 0 ? "-" : fixed(m.bytesPerOp(), 0))
                .append(" | ").append(fixed(m.fsyncsPerOp(), 3)).append(" | ").append(m.leaderChanges()).append(", ").append(m.failures())
                .append(" |\n");
        }
        md.append("\n## Counted per operation, beside the literature\n\n");
        md.append("One operation at a time on the protocol cores driven in lockstep (no clock, no threads): a message sent in "
            + "wave k arrives in wave k+1, so delays are hop counts. Each cell: counted (predicted). Bytes are the codec's "
            + "encoding without transport framing. RT = round trips (two delays).\n\n");
        md.append("| protocol | n | delays to answer | RT | delays until quiet | RT | messages | bytes | forced writes | agrees | messages by kind |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        Set<String> notes = new LinkedHashSet<>();
        for (Comparison.Cost cost : c.costs()) {
            Prediction pr = cost.predicted();
            OperationCost o = cost.counted();
            String expectedMessages = pr.designExtra() == 0 ? Long.toString(pr.messages()) : pr.messages() + " + " + pr.designExtra() + "*";
            if (pr.designExtra() != 0) {
                notes.add("\\* " + pr.protocol() + ": " + pr.designNote() + ".");
            }
            md.append("| ").append(pr.protocol()).append(" | ").append(pr.n())
                .append(" | ").append(o.delaysToAnswer()).append(" (").append(pr.delaysToAnswer()).append(")")
                .append(" | ").append(o.roundTripsToAnswer())
                .append(" | ").append(o.delaysToQuiet()).append(" (").append(pr.delaysToQuiet()).append(")")
                .append(" | ").append(o.roundTripsToQuiet())
                .append(" | ").append(o.messages()).append(" (").append(expectedMessages).append(")")
                .append(" | ").append(o.bytes())
                .append(" | ").append(o.fsyncs()).append(" (").append(pr.fsyncs()).append(")")
                .append(" | ").append(cost.mismatches().isEmpty() ? "yes" : "no: " + String.join(", ", cost.mismatches()))
                .append(" | ").append(kinds(o.kinds())).append(" |\n");
        }
        md.append('\n');
        for (String note : notes) {
            md.append(note).append("\n\n");
        }
        md.append("Sources of the predictions:\n\n");
        Set<String> sources = new LinkedHashSet<>();
        for (Comparison.Cost cost : c.costs()) {
            sources.add("* " + cost.predicted().protocol() + ": " + cost.predicted().source());
        }
        for (String s : sources) {
            md.append(s).append('\n');
        }
        return md.toString();
    }

    private static String kinds(Map<String, Long> kinds) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> k : kinds.entrySet()) {
            b.append(b.length() > 0 ? ", " : "").append(k.getKey()).append(' ').append(k.getValue());
        }
        return b.toString();
    }

    private static String load(double v) {
        return v < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
