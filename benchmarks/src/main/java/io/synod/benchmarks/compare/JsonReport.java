package io.synod.benchmarks.compare;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The comparison as JSON, written by hand: the shape is small and fixed, and NaN becomes null. */
final class JsonReport {

    private final StringBuilder out = new StringBuilder();

    static String of(Comparison c) {
        return new JsonReport().write(c).out.toString();
    }

    private JsonReport write(Comparison c) {
        out.append("{\n");
        field("profile", c.profile().name()).append(",\n");
        field("started", c.started()).append(",\n");
        out.append("  \"warmups\": ").append(c.profile().warmups()).append(",\n");
        out.append("  \"iterations\": ").append(c.profile().iterations()).append(",\n");
        out.append("  \"iterationMillis\": ").append(c.profile().iterationMillis()).append(",\n");
        out.append("  \"processors\": ").append(c.processors()).append(",\n");
        field("java", c.java()).append(",\n");
        out.append("  \"loadBefore\": ").append(num(c.loadBefore())).append(",\n");
        out.append("  \"loadAfter\": ").append(num(c.loadAfter())).append(",\n");
        out.append("  \"logBaseline\": \"").append(esc(Profile.LOG_BASELINE.label())).append("\",\n");
        out.append("  \"commitBaseline\": \"").append(esc(Profile.COMMIT_BASELINE.label())).append("\",\n");
        out.append("  \"scenarios\": [\n");
        List<Measured> ms = c.measured();
        for (int i = 0; i < ms.size(); i++) {
            scenario(ms.get(i));
            out.append(i + 1 < ms.size() ? ",\n" : "\n");
        }
        out.append("  ],\n  \"costs\": [\n");
        for (int i = 0; i < c.costs().size(); i++) {
            cost(c.costs().get(i));
            out.append(i + 1 < c.costs().size() ? ",\n" : "\n");
        }
        out.append("  ]\n}\n");
        return this;
    }

    private void scenario(Measured m) {
        Scenario s = m.scenario();
        out.append("    {\"protocol\": \"").append(s.protocol()).append("\", \"n\": ").append(s.n())
            .append(", \"network\": \"").append(s.network().label()).append("\", \"storage\": \"").append(s.storage().label())
            .append("\", \"maxBatch\": ").append(s.maxBatch()).append(", \"clients\": ").append(s.clients());
        if (!m.ok()) {
            out.append(", \"error\": \"").append(esc(m.error())).append("\"}");
            return;
        }
        Spread t = m.throughput();
        out.append(",\n     \"opsPerSecond\": [");
        for (int i = 0; i < m.opsPerSecond().size(); i++) {
            out.append(i > 0 ? ", " : "").append(num(m.opsPerSecond().get(i)));
        }
        out.append("], \"min\": ").append(num(t.min())).append(", \"median\": ").append(num(t.median()))
            .append(", \"max\": ").append(num(t.max())).append(", \"outsideBand\": ").append(t.outliers())
            .append(", \"baselineRatio\": ").append(num(m.baselineRatio()))
            .append(",\n     \"latencyMicros\": {\"p50\": ").append(num(m.p50Micros())).append(", \"p99\": ").append(num(m.p99Micros()))
            .append(", \"p99.9\": ").append(num(m.p999Micros())).append(", \"max\": ").append(num(m.maxMicros())).append("}")
            .append(",\n     \"operations\": ").append(m.operations()).append(", \"messagesPerOp\": ").append(num(m.messagesPerOp()))
            .append(", \"bytesPerOp\": ").append(m.bytesPerOp() < 0 ? "null" : num(m.bytesPerOp()))
            .append(", \"fsyncsPerOp\": ").append(num(m.fsyncsPerOp())).append(", \"leaderChanges\": ").append(m.leaderChanges())
            .append(", \"failures\": ").append(m.failures()).append("}");
    }

    private void cost(Comparison.Cost c) {
        Prediction p = c.predicted();
        OperationCost o = c.counted();
        out.append("    {\"protocol\": \"").append(p.protocol()).append("\", \"n\": ").append(p.n())
            .append(",\n     \"counted\": {\"delaysToAnswer\": ").append(o.delaysToAnswer()).append(", \"delaysToQuiet\": ")
            .append(o.delaysToQuiet()).append(", \"messages\": ").append(o.messages()).append(", \"bytes\": ").append(o.bytes())
            .append(", \"fsyncs\": ").append(o.fsyncs()).append(", \"kinds\": {");
        int i = 0;
        for (Map.Entry<String, Long> k : o.kinds().entrySet()) {
            out.append(i++ > 0 ? ", " : "").append('"').append(esc(k.getKey())).append("\": ").append(k.getValue());
        }
        out.append("}},\n     \"predicted\": {\"delaysToAnswer\": ").append(p.delaysToAnswer()).append(", \"delaysToQuiet\": ")
            .append(p.delaysToQuiet()).append(", \"messages\": ").append(p.messages()).append(", \"designExtraMessages\": ")
            .append(p.designExtra()).append(", \"fsyncs\": ").append(p.fsyncs()).append(", \"source\": \"").append(esc(p.source()))
            .append("\"},\n     \"mismatches\": [");
        for (int j = 0; j < c.mismatches().size(); j++) {
            out.append(j > 0 ? ", " : "").append('"').append(esc(c.mismatches().get(j))).append('"');
        }
        out.append("]}");
    }

    private StringBuilder field(String name, String value) {
        return out.append("  \"").append(name).append("\": \"").append(esc(value)).append('"');
    }

    private static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }
}
