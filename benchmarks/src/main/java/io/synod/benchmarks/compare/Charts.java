package io.synod.benchmarks.compare;

import io.synod.benchmarks.group.ReplicaGroup;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison's charts, drawn by JFreeChart: throughput against clients per protocol (median,
 * with a bar from the slowest to the fastest iteration), and latency percentiles per protocol.
 * Both on the baselines' setup (3 nodes, in-JVM, memory, batching on), so that only the protocol
 * and the load vary; logarithmic axes, since the figures span several orders of magnitude.
 */
final class Charts {

    static final String THROUGHPUT = "throughput-vs-clients.png";
    static final String LATENCY = "latency-percentiles.png";

    private Charts() {
    }

    static void write(Comparison c, Path dir) throws IOException {
        ChartUtils.saveChartAsPNG(dir.resolve(THROUGHPUT).toFile(), throughput(c), 1000, 600);
        ChartUtils.saveChartAsPNG(dir.resolve(LATENCY).toFile(), latency(c), 1000, 600);
    }

    /** The scenarios on the baselines' setup: only protocol and clients differ. */
    static boolean onBaseSetup(Scenario s) {
        Scenario base = Profile.baselineOf(s);
        return s.n() == base.n() && s.network() == ReplicaGroup.Network.IN_JVM && s.storage() == base.storage()
            && s.maxBatch() == base.maxBatch();
    }

    private static JFreeChart throughput(Comparison c) {
        Map<String, YIntervalSeries> series = new LinkedHashMap<>();
        for (Measured m : c.measured()) {
            if (m.ok() && onBaseSetup(m.scenario())) {
                Spread t = m.throughput();
                series.computeIfAbsent(m.scenario().protocol(), YIntervalSeries::new)
                    .add(m.scenario().clients(), t.median(), Math.max(1, t.min()), Math.max(1, t.max()));
            }
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        series.values().forEach(data::addSeries);
        LogAxis clients = decades("concurrent clients (closed loop)");
        LogAxis ops = decades("operations per second (median; bar: min to max iteration)");
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setDrawXError(false);
        XYPlot plot = new XYPlot(data, clients, ops, renderer);
        return new JFreeChart("Throughput against clients, profile " + c.profile().name()
            + " (3 nodes, in-JVM, memory, batching on)", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static JFreeChart latency(Comparison c) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Measured m : c.measured()) {
            if (m.ok() && onBaseSetup(m.scenario()) && m.scenario().clients() <= 64) {
                String column = m.scenario().protocol() + ", " + m.scenario().clients() + (m.scenario().clients() == 1 ? " client" : " clients");
                data.addValue(Math.max(1, m.p50Micros()), "p50", column);
                data.addValue(Math.max(1, m.p99Micros()), "p99", column);
                data.addValue(Math.max(1, m.p999Micros()), "p99.9", column);
            }
        }
        CategoryAxis scenarios = new CategoryAxis("protocol, closed-loop clients");
        scenarios.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        LogAxis micros = decades("latency, microseconds (HdrHistogram)");
        BarRenderer bars = new BarRenderer();
        bars.setBase(1); // a bar on a logarithmic axis cannot start at 0
        bars.setShadowVisible(false);
        bars.setBarPainter(new StandardBarPainter());
        CategoryPlot plot = new CategoryPlot(data, scenarios, micros, bars);
        return new JFreeChart("Latency percentiles, profile " + c.profile().name() + " (3 nodes, in-JVM, memory, batching on)",
            JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** A logarithmic axis with a tick at each power of ten, labelled as plain numbers. */
    private static LogAxis decades(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        return axis;
    }

    /** The files {@link #write} makes. */
    static List<String> files() {
        return List.of(THROUGHPUT, LATENCY);
    }
}
