package io.synod.benchmarks.compare;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a profile of every protocol and writes {@code results.json}, {@code results.md} and the
 * PNG charts into the output directory.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar io.synod.benchmarks.compare.CompareMain --profile short --out target/compare
 * </pre>
 *
 * Options: {@code --profile tiny|short|full} (default short), {@code --out DIR} (default
 * target/compare), {@code --data DIR} for file storage (default {@code -Dsynod.bench.dir}, else
 * the temp directory), {@code --only PROTOCOL,...} to run only those protocols' scenarios.
 */
public final class CompareMain {

    private CompareMain() {
    }

    public static void main(String[] args) throws Exception {
        String profile = "short";
        List<String> only = null;
        Path out = Path.of("target", "compare");
        Path data = Path.of(System.getProperty("synod.bench.dir", System.getProperty("java.io.tmpdir")));
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--profile" -> profile = required(args[i], value);
                case "--out" -> out = Path.of(required(args[i], value));
                case "--data" -> data = Path.of(required(args[i], value));
                case "--only" -> only = List.of(required(args[i], value).split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                    + "; usage: CompareMain [--profile tiny|short|full] [--only PROTOCOL,...] [--out DIR] [--data DIR]");
            }
            i++;
        }
        StringBuilder command = new StringBuilder("java ");
        for (String jvm : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (jvm.startsWith("-X")) {
                command.append(jvm).append(' '); // heap and collector settings change the figures: the report names them
            }
        }
        command.append("-cp benchmarks/target/benchmarks.jar ").append(CompareMain.class.getName()).append(' ').append(String.join(" ", args));
        Profile chosen = Profile.named(profile);
        run(only == null ? chosen : chosen.only(only), out, data, command.toString().strip());
        System.exit(0); // replica threads of a failed scenario must not keep the JVM alive
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** Runs {@code profile}, writes the reports into {@code out}, and returns what it measured. */
    public static Comparison run(Profile profile, Path out, Path data, String command) throws IOException, InterruptedException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(out);
        Files.createDirectories(data);
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        double loadBefore = load();
        List<Measured> measured = new ArrayList<>();
        int i = 0;
        for (Scenario s : profile.scenarios()) {
            System.out.printf(Locale.ROOT, "[%d/%d] %s%n", ++i, profile.scenarios().size(), s.label());
            Measured m = measure(s, profile, data);
            System.out.println("    " + summary(m));
            measured.add(m);
        }
        measured = withRatios(measured);
        List<Comparison.Cost> costs = new ArrayList<>();
        for (List<String> family : List.of(Protocols.LOG, Protocols.COMMIT)) {
            for (String p : family) {
                for (int n : profile.costSizes()) {
                    List<OperationCost> counted = Protocols.count(p, n, 5);
                    Prediction predicted = Prediction.of(p, n);
                    costs.add(new Comparison.Cost(predicted, counted.get(0), CostCheck.mismatches(predicted, counted)));
                }
            }
        }
        Comparison c = new Comparison(profile, started, Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"), loadBefore, load(), measured, costs);
        Files.writeString(out.resolve("results.json"), JsonReport.of(c), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("results.md"), MarkdownReport.of(c, command), StandardCharsets.UTF_8);
        Charts.write(c, out);
        System.out.println("wrote results.json, results.md, " + String.join(", ", Charts.files()) + " to " + out.toAbsolutePath());
        return c;
    }

    private static Measured measure(Scenario s, Profile profile, Path data) throws InterruptedException {
        Target target;
        try {
            target = Target.start(s, data);
        } catch (RuntimeException e) {
            return Measured.failed(s, "did not start: " + e.getMessage());
        }
        try {
            return new ClosedLoop(target, s.clients()).run(s, profile.warmups(), profile.iterations(), profile.iterationMillis());
        } catch (Exception e) {
            return Measured.failed(s, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            try {
                target.close();
            } catch (Exception e) {
                System.out.println("    (closing: " + e + ")");
            }
            System.gc(); // the next scenario should not pay for this one's garbage
        }
    }

    /** Each result with its median over its baseline's median; a baseline that failed leaves NaN. */
    private static List<Measured> withRatios(List<Measured> measured) {
        List<Measured> out = new ArrayList<>(measured.size());
        for (Measured m : measured) {
            double ratio = Double.NaN;
            Scenario base = Profile.baselineOf(m.scenario());
            for (Measured b : measured) {
                if (b.scenario().equals(base) && b.ok() && m.ok()) {
                    ratio = m.throughput().median() / b.throughput().median();
                }
            }
            out.add(m.withBaselineRatio(ratio));
        }
        return out;
    }

    private static String summary(Measured m) {
        if (!m.ok()) {
            return "failed: " + m.error();
        }
        Spread t = m.throughput();
        return String.format(Locale.ROOT, "ops/s %,.0f / %,.0f / %,.0f (%d outside ±25%%), p50 %.0f us, p99 %.0f us, p99.9 %.0f us, "
                + "%.3f msgs/op, %.3f fsyncs/op, %d leader moves, %d failures",
            t.min(), t.median(), t.max(), t.outliers(), m.p50Micros(), m.p99Micros(), m.p999Micros(), m.messagesPerOp(),
            m.fsyncsPerOp(), m.leaderChanges(), m.failures());
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
