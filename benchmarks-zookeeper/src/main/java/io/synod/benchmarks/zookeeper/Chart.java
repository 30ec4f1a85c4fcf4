package io.synod.benchmarks.zookeeper;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code throughput.png}: median ops/s per workload and system on a log axis (the workloads differ by orders
 * of magnitude); {@code latency.png}: p99 per workload and system.
 */
final class Chart {

    private Chart() {
    }

    static void write(Comparison.Result r, Path out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset ops = new DefaultCategoryDataset();
        DefaultCategoryDataset p99 = new DefaultCategoryDataset();
        for (Workload w : r.profile().workloads()) {
            for (SystemKind k : r.profile().systems()) {
                LoadResult x = r.load().getOrDefault(k, Map.of()).get(w);
                if (x != null) {
                    ops.addValue(Math.max(1, x.medianOps()), k.label(), w.label());
                    p99.addValue(Math.max(1, x.p99()), k.label(), w.label());
                }
            }
        }
        save(bars("Synod vs Apache ZooKeeper: median ops/s per iteration (" + r.profile().name() + ")", "ops/s", ops),
            out.resolve("throughput.png"));
        save(bars("Synod vs Apache ZooKeeper: p99 latency (" + r.profile().name() + ")", "p99 (us)", p99),
            out.resolve("latency.png"));
    }

    private static JFreeChart bars(String title, String axis, DefaultCategoryDataset data) {
        JFreeChart chart = ChartFactory.createBarChart(title, "workload", axis, data, PlotOrientation.VERTICAL, true,
            false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LogAxis log = new LogAxis(axis);
        log.setSmallestValue(1);
        log.setBase(10);
        log.setTickUnit(new NumberTickUnit(1));
        log.setNumberFormatOverride(new DecimalFormat("#,##0"));
        plot.setRangeAxis(log);
        plot.getDomainAxis().setMaximumCategoryLabelLines(2);
        return chart;
    }

    private static void save(JFreeChart chart, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1100, 550);
    }
}
