package io.synod.examples.coordination.metrics;

/**
 * Writes Prometheus' text exposition format (version 0.0.4): for each metric a {@code # HELP} and a
 * {@code # TYPE} line, then its samples, one a line, {@code name{labels} value}. Names and help texts are
 * the caller's constants; help is escaped as the format asks.
 */
public final class PrometheusText {

    /** The Content-Type a scraper expects. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    public PrometheusText counter(String name, String help, double value) {
        header(name, help, "counter");
        sample(name, "", value);
        return this;
    }

    public PrometheusText gauge(String name, String help, double value) {
        header(name, help, "gauge");
        sample(name, "", value);
        return this;
    }

    /** A histogram in seconds from {@code stats}' cumulative buckets. */
    public PrometheusText histogram(String name, String help, LatencyStats stats) {
        header(name, help, "histogram");
        for (int i = 0; i < LatencyStats.BUCKET_SECONDS.length; i++) {
            sample(name + "_bucket", "{le=\"" + number(LatencyStats.BUCKET_SECONDS[i]) + "\"}", stats.cumulativeCount(i));
        }
        long total = stats.totalCount();
        sample(name + "_bucket", "{le=\"+Inf\"}", Math.max(total, stats.cumulativeCount(LatencyStats.BUCKET_SECONDS.length)));
        sample(name + "_sum", "", stats.totalSeconds());
        sample(name + "_count", "", total);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void header(String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String labels, double value) {
        out.append(name).append(labels).append(' ').append(number(value)).append('\n');
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
